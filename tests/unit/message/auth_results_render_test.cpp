// Our own Authentication-Results value: grammar, quoting, folding at 78
// columns, and round trips through the parser.
#include "message/auth_results/parser.hpp"
#include "message/auth_results/renderer.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace mailwarden::message_detail;

namespace {

AuthMethodResult method(std::string name, std::string result, std::vector<AuthProperty> props = {}) {
    AuthMethodResult m;
    m.method = std::move(name);
    m.result = std::move(result);
    m.properties = std::move(props);
    return m;
}

AuthResults ours() {
    AuthResults r;
    r.authserv_id = "mx.example.net";
    auto dkim = method("dkim", "pass",
                       {{"header", "d", "example.com", ""},
                        {"header", "i", "@example.com", ""},
                        {"header", "s", "sel2024", ""},
                        {"header", "b", "Ab/cd+Ef", ""}});
    dkim.comment = "2048-bit rsa key";
    auto spf = method("spf", "softfail", {{"smtp", "mailfrom", "bounce+x=y@mail.example.com", ""}});
    spf.comment = "domain of bounce+x=y@mail.example.com does not designate 192.0.2.1 as permitted sender";
    auto dmarc = method("dmarc", "fail", {{"header", "from", "example.com", ""}});
    dmarc.comment = "p=REJECT sp=REJECT dis=NONE";
    dmarc.reason = "SPF and DKIM not aligned";
    r.results = {dkim, spf, dmarc};
    return r;
}

std::string render(const AuthResults& r) {
    auto out = render_auth_results(r);
    REQUIRE(out.has_value());
    return *out;
}

// Every line within 78 columns, the first after the field name.
void check_line_lengths(const std::string& value) {
    std::istringstream lines("Authentication-Results: " + value);
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        CHECK_MESSAGE(line.size() <= 78, line);
    }
}

}  // namespace

TEST_CASE("a short value stays on one line") {
    AuthResults r;
    r.authserv_id = "example.com";
    r.results = {method("spf", "pass", {{"smtp", "mailfrom", "example.net", ""}})};
    CHECK(render(r) == "example.com; spf=pass smtp.mailfrom=example.net");

    AuthResults none;
    none.authserv_id = "example.org";
    none.version = 1;
    CHECK(render(none) == "example.org 1; none");
}

TEST_CASE("a long value: one resinfo a line, folded at 78 columns, quoted where needed") {
    const std::string value = render(ours());
    CHECK(value ==
          "mx.example.net;\r\n"
          "\tdkim=pass (2048-bit rsa key) header.d=example.com header.i=@example.com\r\n"
          "\theader.s=sel2024 header.b=\"Ab/cd+Ef\";\r\n"
          "\tspf=softfail (domain of bounce+x=y@mail.example.com does not designate\r\n"
          "\t192.0.2.1 as permitted sender) smtp.mailfrom=bounce+x=y@mail.example.com;\r\n"
          "\tdmarc=fail (p=REJECT sp=REJECT dis=NONE) reason=\"SPF and DKIM not aligned\"\r\n"
          "\theader.from=example.com");
    check_line_lengths(value);
}

TEST_CASE("render, parse, render gives the same text and the same results") {
    const AuthResults original = ours();
    const std::string first = render(original);
    const AuthResults parsed = parse_auth_results(first);
    CHECK(parsed.problems.empty());
    CHECK(parsed.deviations == AuthResultsDeviations{});
    CHECK(parsed.results == original.results);
    CHECK(render(parsed) == first);
}

TEST_CASE("parsed real-world fields render and round-trip") {
    for (const char* value : {
             " foo.example.net (foobar) 1 (baz);\r\n    dkim (Because I like it) / 1 (One yay) = (wait for it) fail\r\n"
             "      policy (A dot can go here) . (like that) expired\r\n"
             "      (this surprised me) = (as I wasn't expecting it) 1362471462",
             " mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=s1 header.b=Ab/cd+Ef;\r\n"
             "       spf=pass (google.com: domain of bounce@example.com designates 209.85.220.41 as permitted "
             "sender) smtp.mailfrom=bounce@example.com;\r\n"
             "       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.com",
             " x.example (a (b) \\( c) 7; dkim=pass reason=\"quote \\\" and \\\\ here\" header.i=\"a b\"@example.com",
         }) {
        const AuthResults parsed = parse_auth_results(value);
        const std::string first = render(parsed);
        check_line_lengths(first);
        const AuthResults again = parse_auth_results(first);
        CHECK(again.problems.empty());
        CHECK(again.results == parsed.results);
        CHECK(render(again) == first);
    }
}

TEST_CASE("comments: paired parentheses kept, unpaired escaped, blanks only dropped") {
    AuthResults r;
    r.authserv_id = "example.com";
    auto m = method("dkim", "pass");
    m.comment = "a (b) c";
    r.results = {m};
    CHECK(render(r) == "example.com; dkim=pass (a (b) c)");
    r.results[0].comment = "a ) b \\";
    CHECK(render(r) == "example.com; dkim=pass (a \\) b \\\\)");
    CHECK(parse_auth_results(render(r)).results.at(0).comment == "a ) b \\");
    r.results[0].comment = " \t ";
    CHECK(render(r) == "example.com; dkim=pass");
}

TEST_CASE("long quoted strings fold before their own blanks only") {
    AuthResults r;
    r.authserv_id = "example.com";
    auto m = method("dkim", "fail");
    m.reason = std::string(60, 'x') + "  " + std::string(30, 'y');
    r.results = {m, method("spf", "pass")};
    const std::string value = render(r);
    CHECK(value == "example.com;\r\n\tdkim=fail\r\n\treason=\"" + std::string(60, 'x') + "\r\n  " +
                       std::string(30, 'y') + "\";\r\n\tspf=pass");
    CHECK(parse_auth_results(value).results.at(0).reason == m.reason);
}

TEST_CASE("what the grammar cannot carry is refused") {
    auto refused = [](auto change) {
        AuthResults r = ours();
        change(r);
        return !render_auth_results(r).has_value();
    };
    CHECK(refused([](AuthResults& r) { r.authserv_id.clear(); }));
    CHECK(refused([](AuthResults& r) { r.results[0].method = "dk im"; }));
    CHECK(refused([](AuthResults& r) { r.results[0].result = ""; }));
    CHECK(refused([](AuthResults& r) { r.results[0].properties[0].type.clear(); }));
    CHECK(refused([](AuthResults& r) { r.results[0].properties[0].name = "d-"; }));
    CHECK(refused([](AuthResults& r) { r.results[0].properties[0].value = "a\r\nb"; }));
    CHECK(refused([](AuthResults& r) { r.results[0].comment = std::string("a\0b", 3); }));
    const auto error = render_auth_results(AuthResults{});
    REQUIRE_FALSE(error.has_value());
    CHECK(error.error().message == "the authserv-id is empty");
    // Names are written lower case.
    AuthResults upper = ours();
    upper.results[0].method = "DKIM";
    CHECK(render(upper).find("\tdkim=pass") != std::string::npos);
}
