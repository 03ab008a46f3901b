// check_host() beyond the conformance suite: the outcome's trace fields,
// limits as options, the identities, explanations, %{p}, and resolver use.
#include "spf_suite.hpp"

#include <mailwarden/spf.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

using namespace mailwarden::spf;

namespace {

spf_suite::ZoneResolver zone(const char* json) {
    return spf_suite::ZoneResolver(boost::json::parse(json).as_object());
}

SpfRequest request(const char* ip, const char* sender, const char* helo = "mail.example.org") {
    SpfRequest r;
    r.ip = *IpAddress::parse(ip);
    r.sender = sender;
    r.helo = helo;
    return r;
}

const char* const example_zone = R"json({
  "example.com": [
    {"TXT": "v=spf1 ip4:192.0.2.0/24 include:_spf.example.net a:mail.example.com mx -all exp=why.example.com"},
    {"MX": [20, "mx2.example.com"]}, {"MX": [10, "mx1.example.com"]}
  ],
  "_spf.example.net": [{"TXT": "v=spf1 ip6:2001:db8:1::/48 ip4:198.51.100.7 -all exp=ignored.example.net"}],
  "ignored.example.net": [{"TXT": "never used"}],
  "why.example.com": [{"TXT": "%{i} may not send for %{d} (%{s})"}],
  "mail.example.com": [{"A": "203.0.113.5"}],
  "mx1.example.com": [{"A": "203.0.113.10"}, {"AAAA": "2001:db8:ffff::10"}],
  "mx2.example.com": [{"A": "203.0.113.20"}],
  "helo.example.org": [{"TXT": "v=spf1 a -all"}, {"A": "192.0.2.200"}]
})json";

}  // namespace

TEST_CASE("check_host: the outcome names the deciding term and counts lookups") {
    auto dns = zone(example_zone);

    auto out = check_host(dns, request("192.0.2.77", "user@example.com"));
    CHECK(out.result == Result::pass);
    CHECK(out.domain == "example.com");
    CHECK(out.matched_term == "ip4:192.0.2.0/24");
    CHECK(out.matched_domain == "example.com");
    CHECK(out.dns_lookups == 0);
    CHECK(out.dns_queries == 1);
    CHECK(out.explanation.empty());
    CHECK(out.problem.empty());

    // Through the include: the deciding term is the include itself.
    out = check_host(dns, request("198.51.100.7", "user@example.com"));
    CHECK(out.result == Result::pass);
    CHECK(out.matched_term == "include:_spf.example.net");
    CHECK(out.dns_lookups == 1);

    // MX hosts are looked up in preference order; the second one matches.
    out = check_host(dns, request("203.0.113.20", "user@example.com"));
    CHECK(out.result == Result::pass);
    CHECK(out.matched_term == "mx");
    CHECK(out.dns_lookups == 3);
    CHECK(out.void_lookups == 0);

    out = check_host(dns, request("2001:db8:ffff::10", "user@example.com"));
    CHECK(out.result == Result::pass);
    CHECK(out.matched_term == "mx");
}

TEST_CASE("check_host: fail carries the explanation of the record that failed") {
    auto dns = zone(example_zone);
    SpfOptions options;
    options.timestamp = 1;
    auto out = check_host(dns, request("203.0.113.99", "user@example.com"), options);
    CHECK(out.result == Result::fail);
    CHECK(out.matched_term == "-all");
    CHECK(out.explanation == "203.0.113.99 may not send for example.com (user@example.com)");
    // The include's own -all and exp= play no part (RFC 7208 section 6.2).
    CHECK(out.dns_queries == 7);  // TXT, include's TXT, A, MX, A x2, exp= TXT

    options.explanation = false;
    out = check_host(dns, request("203.0.113.99", "user@example.com"), options);
    CHECK(out.result == Result::fail);
    CHECK(out.explanation.empty());
    CHECK(out.dns_queries == 6);

    // Without exp=, the default explanation, macros expanded.
    auto plain = zone(R"json({"example.org": [{"TXT": "v=spf1 -all"}]})json");
    options = SpfOptions{};
    out = check_host(plain, request("192.0.2.1", "x@example.org"), options);
    CHECK(out.explanation == "192.0.2.1 is not one of example.org's designated mail servers");
    options.default_explanation = "See https://example.org/spf?ip=%{I}&s=%{S}";
    out = check_host(plain, request("2001:db8::1", "a+b@example.org"), options);
    CHECK(out.explanation ==
          "See https://example.org/spf?ip=2.0.0.1.0.D.B.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1"
          "&s=a%2Bb%40example.org");
}

TEST_CASE("check_host: the HELO identity for the null sender") {
    auto dns = zone(example_zone);
    auto out = check_host(dns, request("192.0.2.200", "", "helo.example.org"));
    CHECK(out.result == Result::pass);
    CHECK(out.domain == "helo.example.org");
    out = check_host(dns, request("192.0.2.201", "", "helo.example.org"));
    CHECK(out.result == Result::fail);
    CHECK(out.explanation == "192.0.2.201 is not one of helo.example.org's designated mail servers");
    // A HELO name that is no domain gives none.
    out = check_host(dns, request("192.0.2.200", "", "[192.0.2.200]"));
    CHECK(out.result == Result::none);
    CHECK_FALSE(out.problem.empty());
    out = check_host(dns, request("192.0.2.200", "", "localhost"));
    CHECK(out.result == Result::none);
    out = check_host(dns, request("192.0.2.200", "", "192.0.2.200"));
    CHECK(out.result == Result::none);
    CHECK(dns.queries == 4);  // TXT and A twice; none of the last three was looked up
}

TEST_CASE("check_host: sender forms") {
    auto dns = zone(R"json({
      "example.org": [{"TXT": "v=spf1 -all exp=e.example.org"}],
      "e.example.org": [{"TXT": "%{s} %{l} %{o}"}]
    })json");
    CHECK(check_host(dns, request("192.0.2.1", "@example.org")).explanation ==
          "postmaster@example.org postmaster example.org");
    CHECK(check_host(dns, request("192.0.2.1", "example.org")).explanation ==
          "postmaster@example.org postmaster example.org");
    CHECK(check_host(dns, request("192.0.2.1", "\"a@b\"@example.org.")).explanation ==
          "\"a@b\"@example.org. \"a@b\" example.org");
    CHECK(check_host(dns, request("192.0.2.1", "user@EXAMPLE.ORG")).result == Result::fail);
}

TEST_CASE("check_host: an IPv4-mapped IPv6 client is IPv4") {
    auto dns = zone(R"json({"example.org": [{"TXT": "v=spf1 ip6:::ffff:0:0/96 ip4:192.0.2.0/24 -all"}]})json");
    const auto out = check_host(dns, request("::ffff:192.0.2.9", "a@example.org"));
    CHECK(out.result == Result::pass);
    CHECK(out.matched_term == "ip4:192.0.2.0/24");
}

TEST_CASE("check_host: limits are options, and the problem says which one") {
    auto dns = zone(R"json({
      "example.org": [{"TXT": "v=spf1 a:a1.example.org a:a2.example.org a:a3.example.org ip4:192.0.2.1 -all"}],
      "a1.example.org": [{"A": "198.51.100.1"}],
      "a2.example.org": [{"A": "198.51.100.2"}],
      "a3.example.org": [{"A": "198.51.100.3"}],
      "void.example.org": [{"TXT": "v=spf1 a:n1.example.org mx:n2.example.org exists:n3.example.org ip4:192.0.2.1"}],
      "mx.example.org": [{"TXT": "v=spf1 mx"},
        {"MX": [1, "m.example.org"]}, {"MX": [2, "m.example.org"]}, {"MX": [3, "m.example.org"]}],
      "m.example.org": [{"A": "192.0.2.1"}]
    })json");
    auto out = check_host(dns, request("192.0.2.1", "a@example.org"));
    CHECK(out.result == Result::pass);
    CHECK(out.dns_lookups == 3);

    SpfOptions options;
    options.max_dns_lookups = 2;
    out = check_host(dns, request("192.0.2.1", "a@example.org"), options);
    CHECK(out.result == Result::permerror);
    CHECK(out.dns_lookups == 3);
    CHECK(out.problem.find("more than 2 DNS-querying terms") != std::string::npos);
    CHECK(out.problem.find("a:a3.example.org") != std::string::npos);
    CHECK(out.matched_term.empty());

    out = check_host(dns, request("192.0.2.1", "a@void.example.org"));
    CHECK(out.result == Result::permerror);
    CHECK(out.void_lookups == 3);
    CHECK(out.problem.find("exists:n3.example.org") != std::string::npos);
    options = SpfOptions{};
    options.max_void_lookups = 3;
    out = check_host(dns, request("192.0.2.1", "a@void.example.org"), options);
    CHECK(out.result == Result::pass);
    CHECK(out.void_lookups == 3);

    out = check_host(dns, request("192.0.2.1", "a@mx.example.org"));
    CHECK(out.result == Result::pass);
    options.max_mx_names = 2;
    out = check_host(dns, request("192.0.2.1", "a@mx.example.org"), options);
    CHECK(out.result == Result::permerror);
    CHECK(out.problem.find("more than 2 MX records") != std::string::npos);
}

TEST_CASE("check_host: temporary DNS failures and missing records") {
    auto dns = zone(R"json({
      "slow.example.org": ["TIMEOUT"],
      "inc.example.org": [{"TXT": "v=spf1 include:slow.example.org -all"}],
      "two.example.org": [{"TXT": "v=spf1 -all"}, {"TXT": "v=spf1 +all"}, {"TXT": "other"}],
      "bad.example.org": [{"TXT": "v=spf1 a:x.example.org mx/129 -all"}],
      "plain.example.org": [{"TXT": "google-site-verification=abc"}],
      "nothing.example.org": [{"TXT": "v=spf1 include:plain.example.org"}]
    })json");
    auto out = check_host(dns, request("192.0.2.1", "a@slow.example.org"));
    CHECK(out.result == Result::temperror);
    CHECK(out.problem == "DNS timeout looking up TXT for slow.example.org");
    out = check_host(dns, request("192.0.2.1", "a@inc.example.org"));
    CHECK(out.result == Result::temperror);
    out = check_host(dns, request("192.0.2.1", "a@two.example.org"));
    CHECK(out.result == Result::permerror);
    CHECK(out.problem == "2 SPF records at two.example.org");
    out = check_host(dns, request("192.0.2.1", "a@bad.example.org"));
    CHECK(out.result == Result::permerror);
    CHECK(out.syntax_error == SyntaxError::invalid_cidr);
    CHECK(out.problem.find("offset 23 (\"mx/129\")") != std::string::npos);
    CHECK(dns.queries == 5);  // the syntax error stops it before any a: lookup
    out = check_host(dns, request("192.0.2.1", "a@plain.example.org"));
    CHECK(out.result == Result::none);
    out = check_host(dns, request("192.0.2.1", "a@absent.example.org"));
    CHECK(out.result == Result::none);
    out = check_host(dns, request("192.0.2.1", "a@nothing.example.org"));
    CHECK(out.result == Result::permerror);
    CHECK(out.problem.find("included domain") == 0);
}

TEST_CASE("check_host: %{p} and ptr query PTR only when they are evaluated") {
    auto dns = zone(R"json({
      "example.org": [{"TXT": "v=spf1 ip4:192.0.2.0/24 exists:%{p}.allow.example.org ptr:example.net -all"}],
      "9.2.0.192.in-addr.arpa": [{"PTR": "host.example.net"}],
      "host.example.net": [{"A": "192.0.2.9"}, {"A": "198.51.100.9"}],
      "9.100.51.198.in-addr.arpa": [{"PTR": "host.example.net"}],
      "host.example.net.allow.example.org": [{"A": "127.0.0.2"}]
    })json");
    auto out = check_host(dns, request("192.0.2.9", "a@example.org"));
    CHECK(out.result == Result::pass);
    CHECK(out.dns_queries == 1);
    out = check_host(dns, request("198.51.100.9", "a@example.org"));
    CHECK(out.result == Result::pass);
    CHECK(out.matched_term == "exists:%{p}.allow.example.org");
    CHECK(out.dns_queries == 4);  // TXT, PTR, A (validation), A (exists)
}

TEST_CASE("check_host: the trace lists each record and term") {
    auto dns = zone(example_zone);
    SpfOptions options;
    options.trace = true;
    const auto out = check_host(dns, request("198.51.100.7", "user@example.com"), options);
    REQUIRE(out.trace.size() == 6);
    CHECK(out.trace[0].depth == 0);
    CHECK(out.trace[0].term.empty());
    CHECK(out.trace[0].note.rfind("v=spf1 ip4:192.0.2.0/24", 0) == 0);
    CHECK(out.trace[1].term == "ip4:192.0.2.0/24");
    CHECK(out.trace[1].note == "no match");
    CHECK(out.trace[2].depth == 1);
    CHECK(out.trace[2].domain == "_spf.example.net");
    CHECK(out.trace[3].term == "ip6:2001:db8:1::/48");
    CHECK(out.trace[4].term == "ip4:198.51.100.7");
    CHECK(out.trace[4].note == "match");
    CHECK(out.trace[5].depth == 0);
    CHECK(out.trace[5].term == "include:_spf.example.net");
    CHECK(out.trace[5].note == "match");
    // Without the option there is no trace.
    CHECK(check_host(dns, request("198.51.100.7", "user@example.com")).trace.empty());
}

TEST_CASE("check_host: redirect changes the domain and the explanation") {
    auto dns = zone(R"json({
      "example.org": [{"TXT": "v=spf1 ip4:192.0.2.1 redirect=_spf.%{d} exp=outer.example.org"}],
      "_spf.example.org": [{"TXT": "v=spf1 a -all exp=inner.example.org"}, {"A": "192.0.2.2"}],
      "outer.example.org": [{"TXT": "outer"}],
      "inner.example.org": [{"TXT": "inner for %{d}"}]
    })json");
    auto out = check_host(dns, request("192.0.2.2", "a@example.org"));
    CHECK(out.result == Result::pass);
    CHECK(out.matched_term == "a");
    CHECK(out.matched_domain == "_spf.example.org");
    CHECK(out.dns_lookups == 2);
    out = check_host(dns, request("192.0.2.3", "a@example.org"));
    CHECK(out.result == Result::fail);
    CHECK(out.explanation == "inner for _spf.example.org");
}

TEST_CASE("check_host: an outcome object is reset when reused") {
    auto dns = zone(example_zone);
    SpfOptions options;
    options.trace = true;
    SpfOutcome out;
    check_host(dns, request("203.0.113.99", "user@example.com"), options, out);
    CHECK(out.result == Result::fail);
    CHECK_FALSE(out.explanation.empty());
    check_host(dns, request("192.0.2.1", "user@absent.example.com"), options, out);
    CHECK(out.result == Result::none);
    CHECK(out.explanation.empty());
    CHECK(out.matched_term.empty());
    CHECK(out.dns_lookups == 0);
    CHECK(out.dns_queries == 1);
    CHECK(out.trace.size() == 1);
}

TEST_CASE("SpfChecker binds a shared resolver and options") {
    auto dns = std::make_shared<spf_suite::ZoneResolver>(zone(example_zone));
    SpfOptions options;
    options.default_explanation = "no";
    const SpfChecker checker(dns, options);
    CHECK(checker.options().default_explanation == "no");
    CHECK(checker.check(request("192.0.2.5", "x@example.com")).result == Result::pass);
    SpfOutcome out;
    checker.check(request("192.0.2.5", "x@helo.example.org"), out);
    CHECK(out.result == Result::fail);
    CHECK(out.explanation == "no");

    const SpfChecker without(nullptr);
    out = without.check(request("192.0.2.5", "x@example.com"));
    CHECK(out.result == Result::temperror);
    CHECK(out.problem == "no DNS resolver");
}

namespace {

// A resolver that runs a check of its own while answering: the evaluator's
// per-thread buffers must not be shared between the two.
class ReentrantResolver final : public mailwarden::dns::Resolver {
public:
    explicit ReentrantResolver(spf_suite::ZoneResolver& inner) : inner_(inner) {}
    mailwarden::dns::Answer query(std::string_view name, mailwarden::dns::RecordType type) override {
        if (!nested_) {
            nested_ = true;
            nested_result = check_host(inner_, request("192.0.2.1", "x@example.com")).result;
        }
        return inner_.query(name, type);
    }
    Result nested_result = Result::none;

private:
    spf_suite::ZoneResolver& inner_;
    bool nested_ = false;
};

}  // namespace

TEST_CASE("check_host: a resolver may itself call check_host") {
    auto dns = zone(example_zone);
    ReentrantResolver reentrant(dns);
    const auto out = check_host(reentrant, request("198.51.100.7", "user@example.com"));
    CHECK(out.result == Result::pass);
    CHECK(out.matched_term == "include:_spf.example.net");
    CHECK(reentrant.nested_result == Result::pass);
}

namespace {

// Answers like its zone; every answer after the first `fast_answers` takes `delay`.
class SlowResolver final : public mailwarden::dns::Resolver {
public:
    SlowResolver(spf_suite::ZoneResolver& inner, std::chrono::milliseconds delay, int fast_answers = 0)
        : inner_(inner), delay_(delay), fast_answers_(fast_answers) {}
    mailwarden::dns::Answer query(std::string_view name, mailwarden::dns::RecordType type) override {
        if (answered_++ >= fast_answers_) std::this_thread::sleep_for(delay_);
        return inner_.query(name, type);
    }

private:
    spf_suite::ZoneResolver& inner_;
    std::chrono::milliseconds delay_;
    int fast_answers_;
    int answered_ = 0;
};

}  // namespace

TEST_CASE("check_host: the time limit turns a slow evaluation into temperror") {
    auto dns = zone(R"json({
      "example.org": [{"TXT": "v=spf1 a:a1.example.org a:a2.example.org a:a3.example.org a:a4.example.org ip4:192.0.2.1 -all"}],
      "a1.example.org": [{"A": "198.51.100.1"}], "a2.example.org": [{"A": "198.51.100.2"}],
      "a3.example.org": [{"A": "198.51.100.3"}], "a4.example.org": [{"A": "198.51.100.4"}]
    })json");
    // The TXT and a1 answers are instant and a2's takes twice the limit, so the
    // limit is crossed exactly before a3 whatever the machine's load: an
    // evaluation is stopped neither early nor late.
    SlowResolver stalling(dns, std::chrono::milliseconds(600), 2);
    SpfOptions options;
    options.time_limit = std::chrono::milliseconds(300);
    auto out = check_host(stalling, request("192.0.2.1", "a@example.org"), options);
    CHECK(out.result == Result::temperror);
    CHECK(out.problem == "time limit of 300 ms exceeded");
    CHECK(out.dns_queries == 3);
    CHECK(out.matched_term.empty());
    SlowResolver slow(dns, std::chrono::milliseconds(30));
    // Within the default 20 s the same check passes.
    out = check_host(slow, request("192.0.2.1", "a@example.org"));
    CHECK(out.result == Result::pass);
    CHECK(out.dns_queries == 5);
    // No limit at all.
    options.time_limit = std::chrono::milliseconds(0);
    CHECK(check_host(slow, request("192.0.2.1", "a@example.org"), options).result == Result::pass);
}
