// ask_spamd() against a real SpamAssassin spamd (GTUBE and a clean message,
// with spamc's own answer on the same messages as the reference) and against
// tests/peers/spamd_fake.py, which misbehaves on purpose. Started by
// run-with-spamd.sh: MW_TEST_SPAMD and MW_TEST_SPAMD_FAKE name the servers.
#include "content/spamd/ask_spamd.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <unistd.h>

using namespace mailwarden;
using namespace mailwarden::content_detail;

namespace {

SpamdServer server_from_env(const char* name) {
    const char* value = std::getenv(name);
    REQUIRE_MESSAGE(value != nullptr, name << " is not set: run through run-with-spamd.sh");
    const std::string v = value;
    const std::size_t colon = v.rfind(':');
    SpamdServer s;
    s.host = v.substr(0, colon);
    s.port = static_cast<std::uint16_t>(std::stoi(v.substr(colon + 1)));
    return s;
}

// SpamAssassin's own test string: every SpamAssassin scores it about 1000.
const std::string gtube =
    "From: Sender <sender@example.com>\r\n"
    "To: reader@example.net\r\n"
    "Subject: Test spam mail (GTUBE)\r\n"
    "Date: Thu, 03 Dec 2026 07:00:00 +0000\r\n"
    "Message-ID: <gtube@example.com>\r\n"
    "\r\n"
    "This is the GTUBE, the\r\n"
    "  Generic\r\n"
    "  Test for\r\n"
    "  Unsolicited\r\n"
    "  Bulk\r\n"
    "  Email\r\n"
    "\r\n"
    "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\r\n";

const std::string clean =
    "From: Jane Doe <jane@example.com>\r\n"
    "To: Bob <bob@example.net>\r\n"
    "Subject: Minutes of Tuesday's meeting\r\n"
    "Date: Thu, 03 Dec 2026 07:00:00 +0000\r\n"
    "Message-ID: <minutes-20261203@example.com>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "Hi Bob,\r\n"
    "\r\n"
    "here are the minutes of Tuesday's meeting. We agreed to move the\r\n"
    "release to the second week of January and to review the budget\r\n"
    "again on Friday. Let me know if I missed anything.\r\n"
    "\r\n"
    "Thanks,\r\n"
    "Jane\r\n";

// spamc -y on the same message: its rule names, comma-separated.
std::string spamc_symbols(const SpamdServer& s, const std::string& message) {
    const std::string path = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/mw-spamc-" +
                             std::to_string(::getpid()) + ".eml";
    std::ofstream(path, std::ios::binary) << message;
    const std::string cmd = "/usr/bin/spamc -d " + s.host + " -p " + std::to_string(s.port) + " -y < " + path;
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        std::array<char, 4096> buf{};
        while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
        ::pclose(p);
    }
    std::remove(path.c_str());
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

std::string joined(const std::vector<std::string>& rules) {
    std::string out;
    for (const auto& r : rules) out += (out.empty() ? "" : ",") + r;
    return out;
}

}  // namespace

TEST_CASE("real spamd: GTUBE scores far above any threshold") {
    const SpamdServer server = server_from_env("MW_TEST_SPAMD");
    std::vector<ContentFinding> findings;
    const auto score = ask_spamd(gtube, server, findings);
    REQUIRE(score);
    CHECK(score->score >= 900);
    CHECK(score->threshold == doctest::Approx(5.0));
    CHECK(std::find(score->rules.begin(), score->rules.end(), "GTUBE") != score->rules.end());
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].id == "spam.score");
    CHECK(findings[0].severity == ContentSeverity::block);
    CHECK(findings[0].evidence.find("GTUBE") != std::string::npos);
    // spamc, asked the same, names the same rules.
    if (std::ifstream("/usr/bin/spamc")) CHECK(spamc_symbols(server, gtube) == joined(score->rules));
}

TEST_CASE("real spamd: a clean message scores low and raises nothing") {
    const SpamdServer server = server_from_env("MW_TEST_SPAMD");
    std::vector<ContentFinding> findings;
    const auto score = ask_spamd(clean, server, findings);
    REQUIRE(score);
    CHECK(score->score < server.review_at);
    CHECK(std::find(score->rules.begin(), score->rules.end(), "GTUBE") == score->rules.end());
    CHECK(findings.empty());
    if (std::ifstream("/usr/bin/spamc")) CHECK(spamc_symbols(server, clean) == joined(score->rules));
}

TEST_CASE("real spamd: LF line ends and an empty message are answered too") {
    const SpamdServer server = server_from_env("MW_TEST_SPAMD");
    std::string lf = gtube;
    for (std::size_t at; (at = lf.find("\r\n")) != std::string::npos;) lf.erase(at, 1);
    std::vector<ContentFinding> findings;
    const auto score = ask_spamd(lf, server, findings);
    REQUIRE(score);
    CHECK(score->score >= 900);
    findings.clear();
    CHECK(ask_spamd("", server, findings));
}

namespace {

std::vector<ContentFinding> ask_fake(std::string_view mode, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    SpamdServer server = server_from_env("MW_TEST_SPAMD_FAKE");
    server.timeout = timeout;
    std::vector<ContentFinding> findings;
    const std::string message = "From: a@example.com\r\nX-Fake: " + std::string(mode) + "\r\n\r\nhello\r\n";
    const auto score = ask_spamd(message, server, findings);
    CHECK(score.has_value() == (mode == "ok"));
    return findings;
}

void expect_only(const std::vector<ContentFinding>& f, std::string_view id, std::string_view evidence_part) {
    REQUIRE(f.size() == 1);
    CHECK(f[0].id == id);
    CHECK(f[0].severity == ContentSeverity::info);
    CHECK_MESSAGE(f[0].evidence.find(evidence_part) != std::string::npos, f[0].evidence);
}

}  // namespace

TEST_CASE("spamd fake: a well-formed answer") {
    const auto f = ask_fake("ok");
    REQUIRE(f.size() == 1);
    CHECK(f[0].id == "spam.score");
    CHECK(f[0].severity == ContentSeverity::review);
    CHECK(f[0].evidence.find("FAKE_RULE_ONE, FAKE_RULE_TWO") != std::string::npos);
}

TEST_CASE("spamd fake: error status, garbage, truncated, closed, reset, too long") {
    expect_only(ask_fake("error76"), "spamd.error", "SPAMD/1.0 76 Bad header line");
    expect_only(ask_fake("garbage"), "spamd.error", "220 mail.example.com ESMTP");
    expect_only(ask_fake("truncated"), "spamd.error", "Content-length 68");
    expect_only(ask_fake("close"), "spamd.error", "without answering");
    expect_only(ask_fake("reset"), "spamd.error", "without answering");
    expect_only(ask_fake("huge"), "spamd.error", "longer than 65536 bytes");
}

TEST_CASE("spamd fake: a server that never answers times out") {
    const auto started = std::chrono::steady_clock::now();
    expect_only(ask_fake("silent", std::chrono::milliseconds(500)), "spamd.unavailable", "read timed out after 500 ms");
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
}
