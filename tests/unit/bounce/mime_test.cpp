// The MIME reader: line ends, folded and 8-bit headers, encoded words in
// any charset, transfer encodings, nested multiparts, and the limits that
// keep hostile input bounded.
#include "bounce/mime/charset.hpp"
#include "bounce/mime/content_type.hpp"
#include "bounce/mime/encoded_words.hpp"
#include "bounce/mime/entity.hpp"
#include "bounce/mime/header_block.hpp"
#include "bounce/mime/line_endings.hpp"
#include "bounce/mime/transfer_encoding.hpp"

#include <doctest/doctest.h>

#include <string>

namespace bd = mailwarden::bounce_detail;

TEST_CASE("CRLF, LF and bare CR all become LF") {
    CHECK(bd::to_lf("a\r\nb\rc\nd\r") == "a\nb\nc\nd\n");
    CHECK(bd::to_lf("\r\r\n\n") == "\n\n\n");
    CHECK(bd::to_lf("no line end") == "no line end");
}

TEST_CASE("header fields: folding, an mbox From_ line, 8-bit bytes, where the body starts") {
    const std::string text =
        "From MAILER-DAEMON  Mon Jan 1 00:00:00 2015\n"
        "Subject: one\n two\n\tthree\n"
        "X-Raw: caf\xc3\xa9 \xff\n"
        "Obsolete : spaced\n"
        "\n"
        "body\n";
    bd::HeaderBlock h;
    const std::size_t body = bd::parse_header_block(text, h);
    CHECK(text.substr(body) == "body\n");
    CHECK(h.get("subject") == "one two three");
    CHECK(h.get("X-Raw") == "caf\xc3\xa9 \xff");
    CHECK(h.get("Obsolete") == "spaced");
    CHECK_FALSE(h.has("From"));
}

TEST_CASE("a header block ends at a line that is no field") {
    bd::HeaderBlock h;
    const std::string text = "Final-Recipient: rfc822; a@b.example\nthis is prose\n";
    CHECK(bd::parse_header_block(text, h) == text.find("this"));
    CHECK(h.fields.size() == 1);
}

TEST_CASE("RFC 2047 words: base64 and Q, any charset, blanks between words dropped") {
    CHECK(bd::decode_header_value("=?UTF-8?B?w6k=?=") == "\xc3\xa9");
    CHECK(bd::decode_header_value("=?ISO-8859-1?Q?caf=E9_noir?=") == "caf\xc3\xa9 noir");
    CHECK(bd::decode_header_value("=?ISO-2022-JP?B?GyRCJWEhPCVrGyhC?= =?ISO-2022-JP?B?GyRCJSglaSE8GyhC?=") ==
          "\xe3\x83\xa1\xe3\x83\xbc\xe3\x83\xab\xe3\x82\xa8\xe3\x83\xa9\xe3\x83\xbc");  // メールエラー
    CHECK(bd::decode_header_value("Re: =?utf-8?q?a?= b") == "Re: a b");
    CHECK(bd::decode_header_value("=?broken") == "=?broken");
    CHECK(bd::decode_header_value("=?utf-8?x?abc?=") == "=?utf-8?x?abc?=");
}

TEST_CASE("charsets through iconv, unknown ones as they are, bad bytes as '?'") {
    CHECK(bd::to_utf8("\x1b$B%a!<%k%\\%C%/%9$,0lGU\x1b(B", "iso-2022-jp") ==
          "\xe3\x83\xa1\xe3\x83\xbc\xe3\x83\xab\xe3\x83\x9c\xe3\x83\x83\xe3\x82\xaf\xe3\x82\xb9\xe3\x81\x8c\xe4\xb8"
          "\x80\xe6\x9d\xaf");  // メールボックスが一杯
    CHECK(bd::to_utf8("\xd0\xd2\xc9\xcd\xc5\xd2", "KOI8-R") == "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xbc\xd0\xb5\xd1\x80");
    CHECK(bd::to_utf8("\x91\x97\x90M", "Shift_JIS") == "\xe9\x80\x81\xe4\xbf\xa1");  // 送信
    CHECK(bd::to_utf8("\x91\x97\x90M", "x-sjis") == "\xe9\x80\x81\xe4\xbf\xa1");
    CHECK(bd::to_utf8("plain", "x-no-such-charset") == "plain");
    CHECK(bd::to_utf8("a\xff" "b", "utf-8") == "a\xff" "b");  // UTF-8 is not converted
    CHECK(bd::to_utf8("a\x1b$Bzz", "iso-2022-jp").starts_with("a"));
}

TEST_CASE("quoted-printable and base64, leniently") {
    CHECK(bd::decode_quoted_printable("caf=C3=A9=\nx =3D y") == "caf\xc3\xa9x = y");
    CHECK(bd::decode_quoted_printable("bad =ZZ end=") == "bad =ZZ end");
    CHECK(bd::decode_quoted_printable("a_b", true) == "a b");
    CHECK(bd::decode_base64("aGVs\nbG8g\r\nd29y bGQ") == "hello world");
    CHECK(bd::decode_base64("aGVsbG8=garbage") == "hello");
    CHECK(bd::decode_transfer_encoding("=41", " Quoted-Printable ") == "A");
    CHECK(bd::decode_transfer_encoding("=41", "7bit") == "=41");
}

TEST_CASE("Content-Type: case, quoted and RFC 2231 parameters, defaults") {
    const auto ct = bd::parse_content_type(
        "Multipart/Report; Report-Type=delivery-status;\n boundary=\"a;b=c\"; title*0*=us-ascii'en'Hello%20; title*1=World");
    CHECK(ct.is("multipart", "report"));
    CHECK(ct.param("report-type") == "delivery-status");
    CHECK(ct.param("boundary") == "a;b=c");
    CHECK(ct.param("title") == "Hello World");
    CHECK(bd::parse_content_type("").is("text", "plain"));
    CHECK(bd::parse_content_type("garbage").is("text", "plain"));
    CHECK(bd::parse_content_type("", "message/rfc822").is("message", "rfc822"));
}

TEST_CASE("nested multiparts, a message inside, a base64 message part, bare CR line ends") {
    std::string mail =
        "From: MAILER-DAEMON@example.org\r"
        "Content-Type: multipart/mixed; boundary=outer\r"
        "\r"
        "preamble\r"
        "--outer\r"
        "Content-Type: multipart/alternative; boundary=\"inner\"\r"
        "\r"
        "--inner\r"
        "Content-Type: text/plain; charset=iso-8859-1\r"
        "Content-Transfer-Encoding: quoted-printable\r"
        "\r"
        "D=E9j=E0 vu\r"
        "--inner\r"
        "Content-Type: text/html\r"
        "\r"
        "<p>html</p>\r"
        "--inner--\r"
        "--outer\r"
        "Content-Type: message/rfc822\r"
        "Content-Transfer-Encoding: base64\r"
        "\r"
        "TWVzc2FnZS1JRDogPHhAeT4KU3ViamVjdDogaGkKCmJvZHkK\r"
        "--outer--\r"
        "epilogue\r";
    const bd::Mail m = bd::parse_mail(mail);
    REQUIRE(m.root.children.size() == 2);
    const bd::Entity& alt = m.root.children[0];
    REQUIRE(alt.children.size() == 2);
    CHECK(alt.children[0].text() == "D\xc3\xa9j\xc3\xa0 vu");
    CHECK(alt.children[1].content_type.is("text", "html"));
    const bd::Entity& inner = m.root.children[1];
    REQUIRE(inner.holds_message());
    REQUIRE(inner.children.size() == 1);
    CHECK(inner.children[0].headers.get("Message-ID") == "<x@y>");
    CHECK(inner.children[0].body == "body\n");
    CHECK_FALSE(m.truncated);
}

TEST_CASE("a missing close delimiter ends the last part at the end; a boundary prefix is no delimiter") {
    const bd::Mail m = bd::parse_mail(
        "Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--bb\nstill one\n--b\n\ntwo\n");
    REQUIRE(m.root.children.size() == 2);
    CHECK(m.root.children[0].body == "one\n--bb\nstill one");
    CHECK(m.root.children[1].body == "two\n");
}

TEST_CASE("nesting deeper than the limit is left unparsed") {
    std::string mail;
    for (int i = 0; i < 200; ++i)
        mail += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\n\n--b" + std::to_string(i) + "\n";
    mail += "\ntext\n";
    const bd::Mail m = bd::parse_mail(mail);
    CHECK(m.truncated);
    int depth = 0;
    for (const bd::Entity* e = &m.root; !e->children.empty(); e = &e->children.front()) ++depth;
    CHECK(depth <= bd::max_mime_depth);
}

TEST_CASE("at most max_mime_entities parts are read") {
    std::string mail = "Content-Type: multipart/mixed; boundary=b\n\n";
    for (int i = 0; i < 2000; ++i) mail += "--b\n\npart\n";
    const bd::Mail m = bd::parse_mail(mail);
    CHECK(m.root.children.size() < bd::max_mime_entities);
    CHECK(m.truncated);
}
