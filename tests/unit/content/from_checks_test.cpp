// The From display name: mixed scripts, Latin lookalikes, and an address in
// the name that is not the sender's.
#include "common/utf8.hpp"
#include "content/structure/display_name.hpp"
#include "content/structure/from_checks.hpp"
#include "content/structure/unicode_scripts.hpp"

#include <doctest/doctest.h>

using namespace mailwarden;
using namespace mailwarden::content_detail;

namespace {

std::vector<ContentFinding> check(std::string_view from) {
    std::vector<ContentFinding> findings;
    from_findings(from, findings);
    return findings;
}

bool has(const std::vector<ContentFinding>& f, std::string_view id) {
    for (const auto& x : f)
        if (x.id == id) return true;
    return false;
}

}  // namespace

TEST_CASE("the From field split into name and address") {
    auto p = split_from("\"Doe, Jane \\\"JD\\\"\" <jane@example.com>");
    CHECK(p.display_name == "Doe, Jane \"JD\"");
    CHECK(p.address == "jane@example.com");
    p = split_from("=?UTF-8?B?0JDQvdC90LA=?= <anna@example.ru>");
    CHECK(p.display_name == "Анна");
    p = split_from("jane@example.com");
    CHECK(p.display_name.empty());
    CHECK(p.address == "jane@example.com");
    p = split_from("\"a <b@c.d>\" <real@example.com>");
    CHECK(p.display_name == "a <b@c.d>");
    CHECK(p.address == "real@example.com");
    CHECK(address_in("Support support@PayPal.com.") == "support@paypal.com");
    CHECK(address_in("Jane @ home") == "");
}

TEST_CASE("scripts and lookalikes from Unicode's data") {
    CHECK(script_of(U'a') == "Latin");
    CHECK(script_of(U'\u0430') == "Cyrillic");
    CHECK(script_of(U'\u03BF') == "Greek");
    CHECK(script_of(U' ').empty());
    CHECK(script_of(U'7').empty());
    CHECK(latin_lookalike(U'\u0430') == 'a');
    CHECK(latin_lookalike(U'\u0440') == 'p');
    CHECK(latin_lookalike(U'\u0416') == '\0');
    CHECK(latin_lookalike(U'a') == '\0');
    CHECK(mailwarden::common::code_points("a\xD0\xB0\xFF") == std::vector<char32_t>{U'a', U'\u0430', U'\uFFFD'});
}

TEST_CASE("from.confusable: Latin mixed with Cyrillic or Greek") {
    // "PayPal" with a Cyrillic а (U+0430).
    auto f = check("\"P\xD0\xB0yPal Support\" <service@paypal-secure.example>");
    REQUIRE(f.size() == 1);
    CHECK(f[0].id == "from.confusable");
    CHECK(f[0].severity == ContentSeverity::review);
    CHECK(f[0].evidence.find("Cyrillic, Latin") != std::string::npos);
    CHECK(f[0].evidence.find("U+0430") != std::string::npos);
    CHECK(f[0].evidence.find("like 'a'") != std::string::npos);
    // Encoded: "Micrοsoft" with a Greek omicron.
    f = check("=?UTF-8?Q?Micr=CE=BFsoft?= <no-reply@account.example>");
    CHECK(has(f, "from.confusable"));
}

TEST_CASE("from.confusable: a whole name in lookalike letters") {
    // "Раура1" in Cyrillic letters that read as Latin.
    const auto f = check("\xD0\xA0\xD0\xB0\xD1\x83\xD1\x80\xD0\xB0\xD3\x8F <x@example.net>");
    REQUIRE(f.size() == 1);
    CHECK(f[0].evidence.find("read as Latin") != std::string::npos);
}

TEST_CASE("from.confusable: fullwidth letters") {
    const auto f = check("\xEF\xBC\xB0\xEF\xBD\x81\xEF\xBD\x99 <x@example.net>");  // "Ｐａｙ"
    CHECK(has(f, "from.confusable"));
}

TEST_CASE("real names are not confusable") {
    CHECK(check("Jane Doe <jane@example.com>").empty());
    CHECK(check("=?UTF-8?Q?Jos=C3=A9_Mu=C3=B1oz?= <jose@example.es>").empty());
    CHECK(check("=?UTF-8?B?WcSxbG1heg==?= <y@example.com.tr>").empty());     // Yılmaz
    CHECK(check("=?UTF-8?B?0JDQvdC90LAg0J/QtdGC0YDQvtCy0LA=?= <anna@example.ru>").empty());  // Анна Петрова
    CHECK(check("=?UTF-8?B?5bGx55Sw5aSq6YOO?= <t@example.jp>").empty());     // 山田太郎
    CHECK(check("=?UTF-8?B?QUNNRSDmoKrlvI/kvJrnpL4=?= <info@example.jp>").empty());  // ACME 株式会社
    CHECK(check("=?UTF-8?B?zpPOuc+Oz4HOs86/z4I=?= <g@example.gr>").empty());     // Γιώργος
    CHECK(check("Shop 24/7 (News) <news@example.com>").empty());
    CHECK(check("<bare@example.com>").empty());
}

TEST_CASE("from.impersonation: an address in the name that is not the sender's") {
    auto f = check("\"support@paypal.com\" <mailer@evil.example>");
    REQUIRE(f.size() == 1);
    CHECK(f[0].id == "from.impersonation");
    CHECK(f[0].severity == ContentSeverity::review);
    CHECK(f[0].evidence.find("support@paypal.com") != std::string::npos);
    CHECK(f[0].evidence.find("mailer@evil.example") != std::string::npos);
    CHECK(check("\"jane@example.com\" <Jane@Example.com>").empty());
    CHECK(check("\"Jane (jane@example.com)\" <jane@example.com>").empty());
}

TEST_CASE("evidence stays short and whole UTF-8 however long the name") {
    std::string name;
    for (int i = 0; i < 300; ++i) name += "P\xD0\xB0";  // Latin P, Cyrillic а
    const auto f = check("\"" + name + "\" <x@example.net>");
    REQUIRE(f.size() == 1);
    CHECK(f[0].evidence.size() < 600);
    CHECK(f[0].evidence.find(", ...") != std::string::npos);
    CHECK(cut_utf8("\xD0\xB0\xD0\xB0", 3) == "\xD0\xB0...");
    CHECK(cut_utf8("abc", 3) == "abc");
    for (char32_t cp : mailwarden::common::code_points(f[0].evidence)) CHECK(cp != U'\uFFFD');
}
