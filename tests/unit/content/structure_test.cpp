// structure_findings() and the bodies it reads, on whole messages: a normal
// newsletter with a PDF raises nothing; each red flag raises its finding.
#include "content/structure/structure_findings.hpp"

#include "common/base64.hpp"
#include "payload_samples.hpp"

#include <doctest/doctest.h>

using namespace mailwarden;
using namespace mailwarden::content_detail;
namespace s = content_samples;

namespace {

std::vector<ContentFinding> findings_of(std::string_view raw, ContentCheckOptions options = {}) {
    std::vector<ContentFinding> f;
    structure_findings(raw, options, f);
    return f;
}

const ContentFinding* find(const std::vector<ContentFinding>& f, std::string_view id) {
    for (const auto& x : f)
        if (x.id == id) return &x;
    return nullptr;
}

std::string ids(const std::vector<ContentFinding>& f) {
    std::string out;
    for (const auto& x : f) out += x.id + " (" + x.evidence + ")\n";
    return out;
}

std::string wrap76(const std::string& b64) {
    std::string out;
    for (std::size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
    return out;
}

const std::string headers =
    "From: Example News <news@example.com>\r\n"
    "To: reader@example.net\r\n"
    "Subject: =?UTF-8?Q?December_news_=E2=80=93_what=27s_new?=\r\n"
    "Date: Thu, 03 Dec 2026 07:00:00 +0000\r\n"
    "Message-ID: <20261203070000.1234@example.com>\r\n"
    "MIME-Version: 1.0\r\n";

// A message with one attachment of `bytes`, declared as `type` and `name`.
std::string with_attachment(const std::string& bytes, const std::string& type, const std::string& name) {
    return headers +
           "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
           "\r\n"
           "--b1\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n"
           "\r\n"
           "Please find the file attached.\r\n"
           "--b1\r\n"
           "Content-Type: " + type + "; name=\"" + name + "\"\r\n"
           "Content-Disposition: attachment; filename=\"" + name + "\"\r\n"
           "Content-Transfer-Encoding: base64\r\n"
           "\r\n" + wrap76(common::base64_encode(bytes)) +
           "--b1--\r\n";
}

const std::string newsletter =
    headers +
    "List-Unsubscribe: <https://example.com/u/abc>\r\n"
    "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
    "\r\n"
    "This is a multi-part message in MIME format.\r\n"
    "--outer\r\n"
    "Content-Type: multipart/alternative; boundary=\"alt\"\r\n"
    "\r\n"
    "--alt\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "Hello,\r\n"
    "\r\n"
    "our December programme is out =E2=80=93 see https://example.com/dec.\r\n"
    "--alt\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "<html><body><p>Hello,</p><p>our December programme is out =E2=80=93 see <a href=3D\"https://example.com/dec\">the=\r\n"
    " programme</a>.</p></body></html>\r\n"
    "--alt--\r\n"
    "--outer\r\n"
    "Content-Type: application/pdf; name=\"programme.pdf\"\r\n"
    "Content-Disposition: attachment; filename=\"programme.pdf\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n" +
    wrap76(common::base64_encode("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")) +
    "--outer--\r\n";

}  // namespace

TEST_CASE("a normal newsletter with a PDF raises nothing") {
    std::vector<ContentFinding> f;
    const MessageBodies bodies = check_structure(newsletter, {}, f);
    CHECK_MESSAGE(f.empty(), ids(f));
    CHECK(bodies.text.find("programme is out \xE2\x80\x93 see https://example.com/dec") != std::string::npos);
    REQUIRE(bodies.html);
    CHECK(bodies.html->find("<a href=\"https://example.com/dec\">the programme</a>") != std::string::npos);
    // The same with LF line ends.
    std::string lf = newsletter;
    for (std::size_t at; (at = lf.find("\r\n")) != std::string::npos;) lf.erase(at, 1);
    CHECK_MESSAGE(findings_of(lf).empty(), ids(findings_of(lf)));
}

TEST_CASE("plain text, a Word .docx and a zip of documents raise nothing") {
    CHECK(findings_of(headers + "Content-Type: text/plain\r\n\r\nHi there.\r\n").empty());
    const std::string docx = s::zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document/>"}});
    CHECK(findings_of(with_attachment(docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                      "letter.docx"))
              .empty());
    CHECK(findings_of(with_attachment(s::zip({{"a.pdf", "%PDF-1.4"}, {"b.csv", "x,y"}}), "application/zip", "docs.zip"))
              .empty());
}

TEST_CASE("message.oversized") {
    ContentCheckOptions options;
    options.max_message_bytes = 1000;
    const auto f = findings_of(newsletter, options);
    const auto* x = find(f, "message.oversized");
    REQUIRE(x);
    CHECK(x->severity == ContentSeverity::block);
    CHECK(x->evidence.find("over the limit of 1000") != std::string::npos);
    CHECK_FALSE(find(findings_of(newsletter), "message.oversized"));
}

TEST_CASE("html.only") {
    const std::string html_only = headers +
                                  "Content-Type: text/html; charset=utf-8\r\n\r\n"
                                  "<html><body><h1>50% off</h1><a href=\"https://shop.example/\">Buy</a></body></html>\r\n";
    auto f = findings_of(html_only);
    REQUIRE(find(f, "html.only"));
    CHECK(find(f, "html.only")->severity == ContentSeverity::review);
    CHECK(find(f, "html.only")->evidence.find("text/html") != std::string::npos);
    // An alternative whose only part is HTML, with an attachment beside it.
    const std::string alt = headers +
                            "Content-Type: multipart/mixed; boundary=m\r\n\r\n"
                            "--m\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n"
                            "--a\r\nContent-Type: text/html\r\n\r\n<p>Hi</p>\r\n--a--\r\n"
                            "--m\r\nContent-Type: text/plain; name=notes.txt\r\nContent-Disposition: attachment\r\n\r\n"
                            "notes\r\n--m--\r\n";
    CHECK(find(findings_of(alt), "html.only"));
    const MessageBodies bodies = message_bodies(alt);
    CHECK(bodies.text.empty());
    CHECK(bodies.html == "<p>Hi</p>");
}

TEST_CASE("attachment.executable: by content, whatever the declared name") {
    auto f = findings_of(with_attachment(s::pe(), "application/pdf", "invoice.pdf"));
    const auto* x = find(f, "attachment.executable");
    REQUIRE(x);
    CHECK(x->severity == ContentSeverity::block);
    CHECK(x->evidence == "part 2 \"invoice.pdf\" (declared application/pdf): PE executable (MZ and PE headers)");

    CHECK(find(findings_of(with_attachment(std::string("\x7F" "ELF\x02\x01\x01", 7) + std::string(57, '\0'),
                                           "image/jpeg", "photo.jpg")),
               "attachment.executable"));
    CHECK(find(findings_of(with_attachment(s::lnk(), "application/octet-stream", "Document.lnk")), "attachment.executable"));
    CHECK(find(findings_of(with_attachment(s::ole(true), "application/octet-stream", "update.msi")), "attachment.executable"));
    CHECK(find(findings_of(with_attachment("#!/bin/bash\nrm -rf ~\n", "text/plain", "notes.txt")), "attachment.executable"));
    const auto zipped = findings_of(with_attachment(s::zip({{"scan.pdf.scr", "x"}}), "application/zip", "scan.zip"));
    REQUIRE(find(zipped, "attachment.executable"));
    CHECK(find(zipped, "attachment.executable")->evidence.find("scan.pdf.scr") != std::string::npos);
    // A text body that starts with "#!" is a message, not a file.
    CHECK(findings_of(headers + "Content-Type: text/plain\r\n\r\n#!/bin/sh is how scripts start.\r\n").empty());
}

TEST_CASE("attachment.macro") {
    const std::string docm = s::zip({{"[Content_Types].xml", "<Types/>"}, {"word/vbaProject.bin", "\xD0\xCF\x11\xE0"}});
    auto f = findings_of(with_attachment(docm, "application/vnd.ms-word.document.macroEnabled.12", "offer.docm"));
    const auto* x = find(f, "attachment.macro");
    REQUIRE(x);
    CHECK(x->severity == ContentSeverity::review);
    CHECK(x->evidence.find("vbaProject.bin") != std::string::npos);
    CHECK(find(findings_of(with_attachment(s::ole(false), "application/msword", "cv.doc")), "attachment.macro"));
}

TEST_CASE("header.injection") {
    SUBCASE("an encoded word hiding a Bcc line") {
        const auto f = findings_of(
            "From: Shop <shop@example.com>\r\nTo: a@example.net\r\n"
            "Subject: =?UTF-8?Q?Your_order=0D=0ABcc:_victim@example.org?=\r\n\r\nHi\r\n");
        const auto* x = find(f, "header.injection");
        REQUIRE(x);
        CHECK(x->severity == ContentSeverity::block);
        CHECK(x->evidence.find("Subject") == 0);
        CHECK(x->evidence.find("a Bcc: line") != std::string::npos);
    }
    SUBCASE("a bare CR inside a value") {
        const auto f = findings_of("From: a@example.com\r\nSubject: hi\rBcc: x@example.org\r\n\r\nbody\r\n");
        REQUIRE(find(f, "header.injection"));
        CHECK(find(f, "header.injection")->evidence.find("CR that is not a line end") == 0);
    }
    SUBCASE("a bare LF in a CRLF header block") {
        const auto f = findings_of("From: a@example.com\r\nSubject: hi\nBcc: x@example.org\r\n\r\nbody\r\n");
        REQUIRE(find(f, "header.injection"));
        CHECK(find(f, "header.injection")->evidence.find("LF without CR") == 0);
    }
    SUBCASE("a NUL byte") {
        const auto f = findings_of(std::string("From: a@example.com\r\nSubject: hi\0there\r\n\r\nbody\r\n", 44));
        REQUIRE(find(f, "header.injection"));
        CHECK(find(f, "header.injection")->evidence.find("NUL") == 0);
    }
    SUBCASE("a second Bcc field") {
        const auto f = findings_of("From: a@example.com\r\nBcc: b@example.com\r\nBcc: c@example.org\r\n\r\nbody\r\n");
        REQUIRE(find(f, "header.injection"));
        CHECK(find(f, "header.injection")->evidence == "2 Bcc fields (RFC 5322 allows one)");
    }
    SUBCASE("folding and LF-only messages are not injection") {
        CHECK(findings_of("From: a@example.com\r\nSubject: a long\r\n\tfolded subject\r\n\r\nbody\r\nwith\nLF\r\n").empty());
        CHECK(findings_of("From: a@example.com\nSubject: hi\n\nbody\n").empty());
    }
}

TEST_CASE("the From checks run on the message's From") {
    const auto f = findings_of("From: \"support@bank.example\" <x@mailer.example>\r\nSubject: hi\r\n\r\nbody\r\n");
    CHECK(find(f, "from.impersonation"));
}

TEST_CASE("bad input never crashes") {
    const std::string cases[] = {"", "\r\n", "From:", "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n--x--",
                                 std::string(1000, '\0'), "From: \"unterminated <a@b\r\n\r\n",
                                 "Content-Type: application/zip\r\nContent-Transfer-Encoding: base64\r\n\r\nUEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==\r\n"};
    for (const auto& c : cases) (void)findings_of(c);
}
