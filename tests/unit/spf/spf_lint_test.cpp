// Linting published records: findings on one record's text, and the walk
// through includes that counts DNS-querying terms.
#include "spf_suite.hpp"

#include <mailwarden/spf.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace mailwarden::spf;

namespace {

std::size_t count(const SpfLint& lint, LintKind kind) {
    return static_cast<std::size_t>(
        std::count_if(lint.findings.begin(), lint.findings.end(), [&](const LintFinding& f) { return f.kind == kind; }));
}

const LintFinding& find(const SpfLint& lint, LintKind kind) {
    const auto it =
        std::find_if(lint.findings.begin(), lint.findings.end(), [&](const LintFinding& f) { return f.kind == kind; });
    REQUIRE(it != lint.findings.end());
    return *it;
}

}  // namespace

TEST_CASE("lint_record: a sound record has no findings") {
    const auto lint = lint_record("v=spf1 ip4:192.0.2.0/24 include:_spf.example.net mx -all", "example.org");
    CHECK(lint.findings.empty());
    CHECK(lint.dns_lookups == 2);
    CHECK(lint.domain == "example.org");
}

TEST_CASE("lint_record: +all, ?all, ptr, missing all, unknown modifiers") {
    auto lint = lint_record("v=spf1 a +all");
    CHECK(lint.has(LintKind::pass_all));
    CHECK(find(lint, LintKind::pass_all).term == "+all");
    CHECK(find(lint, LintKind::pass_all).offset == 9);
    CHECK(lint_record("v=spf1 all").has(LintKind::pass_all));
    CHECK(lint_record("v=spf1 mx ?all").has(LintKind::neutral_all));
    CHECK_FALSE(lint_record("v=spf1 mx ~all").has(LintKind::neutral_all));

    lint = lint_record("v=spf1 ptr mx");
    CHECK(lint.has(LintKind::ptr_used));
    CHECK(lint.has(LintKind::no_all));
    CHECK(lint.dns_lookups == 2);
    CHECK_FALSE(lint_record("v=spf1 mx redirect=_spf.example.org").has(LintKind::no_all));

    lint = lint_record("v=spf1 -all mx a redirect=x.example.org moo=cow");
    CHECK(count(lint, LintKind::terms_after_all) == 1);
    CHECK(find(lint, LintKind::terms_after_all).term == "mx");
    CHECK(lint.has(LintKind::redirect_ignored));
    CHECK(lint.has(LintKind::unknown_modifier));
    CHECK(lint.dns_lookups == 0);  // nothing after all is evaluated, redirect included
}

TEST_CASE("lint_record: a syntax error is reported with its position") {
    const auto lint = lint_record("v=spf1 ip4:192.0.2.0/24 ip4:192.0.2.300 -all", "example.org");
    REQUIRE(lint.findings.size() == 1);
    const auto& f = lint.findings[0];
    CHECK(f.kind == LintKind::syntax_error);
    CHECK(f.offset == 24);
    CHECK(f.term == "ip4:192.0.2.300");
    CHECK(f.message == "invalid IPv4 address");
}

TEST_CASE("lint_domain: lookups are counted through includes and redirects") {
    spf_suite::ZoneResolver dns(boost::json::parse(R"json({
      "example.org": [{"TXT": "v=spf1 include:a.example.net include:b.example.net mx redirect=_r.example.org"},
                      {"MX": [10, "mx.example.org"]}],
      "a.example.net": [{"TXT": "v=spf1 a:x.example.net a:y.example.net include:c.example.net -all"},
                        {"A": "192.0.2.1"}],
      "x.example.net": [{"A": "192.0.2.2"}],
      "y.example.net": [{"AAAA": "2001:db8::2"}],
      "b.example.net": [{"TXT": "v=spf1 include:c.example.net exists:%{i}.bl.example.net ?all"}],
      "c.example.net": [{"TXT": "v=spf1 mx a ptr ~all"}, {"MX": [0, "."]}, {"A": "192.0.2.3"}],
      "_r.example.org": [{"TXT": "v=spf1 exists:void.example.org include:none.example.org -all"}],
      "none.example.org": [{"TXT": "hello"}]
    })json").as_object());
    const auto lint = lint_domain(dns, "Example.ORG.");
    CHECK(lint.domain == "Example.ORG.");
    CHECK(lint.record.rfind("v=spf1 include:a.example.net", 0) == 0);
    // example.org 4 (2 includes, mx, redirect) + a 3 + c 3 + b 2 + c again 3 + _r 2 = 17.
    CHECK(lint.dns_lookups == 17);
    CHECK(lint.has(LintKind::too_many_lookups));
    CHECK(lint.includes == std::vector<std::string>{"a.example.net", "c.example.net", "b.example.net", "_r.example.org",
                                                    "none.example.org"});
    CHECK(lint.has(LintKind::ptr_used));
    CHECK(lint.has(LintKind::neutral_all));
    CHECK(find(lint, LintKind::macro_target).term == "exists:%{i}.bl.example.net");
    CHECK(find(lint, LintKind::include_without_record).term == "include:none.example.org");
    CHECK(find(lint, LintKind::include_without_record).domain == "_r.example.org");
    CHECK(lint.void_lookups == 1);
    CHECK(find(lint, LintKind::void_target).term == "exists:void.example.org");
    CHECK_FALSE(lint.has(LintKind::include_loop));

    SpfOptions generous;
    generous.max_dns_lookups = 20;
    CHECK_FALSE(lint_domain(dns, "example.org", generous).has(LintKind::too_many_lookups));
}

TEST_CASE("lint_domain: loops, missing records, several records, DNS errors") {
    spf_suite::ZoneResolver dns(boost::json::parse(R"json({
      "loop.example.org": [{"TXT": "v=spf1 include:back.example.org -all"}],
      "back.example.org": [{"TXT": "v=spf1 include:loop.example.org -all"}],
      "two.example.org": [{"TXT": "v=spf1 -all"}, {"TXT": "v=spf1 mx -all"}],
      "slow.example.org": ["TIMEOUT"],
      "bad.example.org": [{"TXT": "v=spf1 mx:"}]
    })json").as_object());
    auto lint = lint_domain(dns, "loop.example.org");
    CHECK(find(lint, LintKind::include_loop).domain == "back.example.org");
    CHECK(lint.dns_lookups == 2);
    lint = lint_domain(dns, "two.example.org");
    CHECK(lint.has(LintKind::multiple_records));
    CHECK(lint.record.empty());
    lint = lint_domain(dns, "slow.example.org");
    CHECK(lint.has(LintKind::dns_error));
    lint = lint_domain(dns, "absent.example.org");
    CHECK(lint.has(LintKind::no_record));
    lint = lint_domain(dns, "bad.example.org");
    CHECK(find(lint, LintKind::syntax_error).term == "mx:");
    CHECK(to_string(LintKind::include_loop) == "include_loop");
}
