// The openspf conformance suites, run in full against check_host():
//  - RFC 7208 (release 2014.04): all 203 tests must give one of the listed
//    results, and the listed explanation where one is given;
//  - RFC 4408 (release 2009.10): every test is run; those whose expectation
//    RFC 7208 changed are listed below with the reason, and the test fails
//    unless the listed ones are exactly the tests that differ.
// The default explanation is set to "DEFAULT", as the suite's driver does.
#include "spf_suite.hpp"

#include <mailwarden/spf.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace spf = mailwarden::spf;

namespace {

struct Run {
    std::string result;
    std::string explanation;
    std::string problem;
};

Run run(spf_suite::ZoneResolver& resolver, const spf_suite::Test& t) {
    spf::SpfOptions options;
    options.default_explanation = "DEFAULT";
    options.timestamp = 1700000000;
    spf::SpfRequest request;
    const auto ip = spf::IpAddress::parse(t.host);
    REQUIRE_MESSAGE(ip.has_value(), t.name << ": bad host " << t.host);
    request.ip = *ip;
    request.sender = t.mailfrom;
    request.helo = t.helo;
    const spf::SpfOutcome outcome = spf::check_host(resolver, request, options);
    return {std::string(spf::to_string(outcome.result)), outcome.explanation, outcome.problem};
}

bool passes(const spf_suite::Test& t, const Run& r) {
    if (std::find(t.results.begin(), t.results.end(), r.result) == t.results.end()) return false;
    return !t.has_explanation || t.explanation == r.explanation;
}

std::string describe(const spf_suite::Test& t, const Run& r) {
    std::string expected;
    for (const auto& e : t.results) expected += (expected.empty() ? "" : "|") + e;
    std::string s = t.name + " (" + t.scenario + ", " + t.spec + "): expected " + expected;
    if (t.has_explanation) s += " \"" + t.explanation + "\"";
    s += ", got " + r.result + " \"" + r.explanation + "\"";
    if (!r.problem.empty()) s += " [" + r.problem + "]";
    return s;
}

}  // namespace

TEST_CASE("RFC 7208 test suite: every test passes") {
    const auto suite = spf_suite::load(MW_TEST_DATA_DIR "/spf/rfc7208-tests.json");
    REQUIRE(suite.tests.size() == 203);
    std::set<std::string> names;
    std::size_t passed = 0;
    std::size_t preferred = 0;
    std::size_t explanations = 0;
    spf_suite::ZoneResolver resolver;
    std::size_t loaded_zone = SIZE_MAX;
    for (const auto& t : suite.tests) {
        CHECK_MESSAGE(names.insert(t.name).second, "duplicate test name " << t.name);
        if (t.zone != loaded_zone) {
            resolver.load(suite.zones[t.zone]);
            loaded_zone = t.zone;
        }
        const Run r = run(resolver, t);
        const bool ok = passes(t, r);
        CHECK_MESSAGE(ok, describe(t, r));
        if (!ok) continue;
        ++passed;
        if (r.result == t.results.front()) ++preferred;
        if (t.has_explanation) ++explanations;
    }
    std::printf("RFC 7208 suite: %zu/%zu passed (%zu with the preferred result, %zu explanations checked)\n", passed,
                suite.tests.size(), preferred, explanations);
    CHECK(passed == 203);
    CHECK(explanations == 22);
}

// RFC 4408 tests whose expectation RFC 7208 changed, with the reason. The
// 2009.10 release of the RFC 4408 suite already lists the RFC 7208 outcome as
// an acceptable one for each of them, so none has to be skipped: each is run
// and must give a result both suites accept. The test fails unless this list
// is exactly the set of tests whose expectations differ between the suites.
const std::map<std::string, std::string> rfc4408_changed = {
    {"txtonly", "RFC 7208 section 3.1 drops the SPF RR type: only TXT is looked up (4408 also allowed none)"},
    {"spfonly", "RFC 7208 section 3.1: a record published only as type SPF is not seen, result none"},
    {"spftimeout", "RFC 7208 section 3.1: no SPF-type query, so its timeout cannot matter"},
    {"txttimeout", "RFC 7208 section 3.1: the TXT timeout decides: temperror"},
    {"nospftxttimeout", "RFC 7208 section 3.1: the TXT timeout decides: temperror, never none"},
    {"spfoverride", "RFC 7208 section 3.1: the SPF-type record no longer overrides TXT"},
    {"multitxt1", "RFC 7208 section 3.1: two TXT records are a permerror whatever SPF-type records say"},
    {"multispf2", "RFC 7208 section 3.1: SPF-type records are ignored, the single TXT record is used"},
    {"cidr6-0-ip4", "RFC 7208 section 5 (9/2): an IPv4 client, even IPv4-mapped, never matches ip6"},
    {"cidr6-ip4", "RFC 7208 section 5 (9/2): an IPv4-mapped IPv6 client is treated as IPv4 only"},
    {"exists-dnserr", "RFC 7208 section 5 (/8): a DNS error is temperror, no longer possibly fail"},
    {"mx-limit", "RFC 7208 section 4.6.4: more than 10 MX records is permerror"},
    {"invalid-domain-empty-label", "RFC 7208 prefers fail (no match) over permerror for an unusable target name"},
    {"invalid-domain-long", "RFC 7208 prefers fail (no match) over permerror for an unusable target name"},
    {"invalid-domain-long-via-macro", "RFC 7208 prefers fail (no match) over permerror for an unusable target name"},
    {"upper-macro", "RFC 7208 section 7.3 names the RFC 3986 unreserved set; the test now escapes ~ - _ . too"},
};

TEST_CASE("RFC 4408 test suite: every test passes, the changed ones with the RFC 7208 result") {
    const auto suite = spf_suite::load(MW_TEST_DATA_DIR "/spf/rfc4408-tests.json");
    const auto suite7208 = spf_suite::load(MW_TEST_DATA_DIR "/spf/rfc7208-tests.json");
    REQUIRE(suite.tests.size() == 191);
    std::map<std::string, const spf_suite::Test*> by_name7208;
    for (const auto& t : suite7208.tests) by_name7208[t.name] = &t;

    std::size_t passed = 0;
    std::size_t changed = 0;
    spf_suite::ZoneResolver resolver;
    std::size_t loaded_zone = SIZE_MAX;
    for (const auto& t : suite.tests) {
        if (t.zone != loaded_zone) {
            resolver.load(suite.zones[t.zone]);
            loaded_zone = t.zone;
        }
        const Run r = run(resolver, t);
        const bool ok = passes(t, r);
        CHECK_MESSAGE(ok, describe(t, r));
        if (ok) ++passed;

        const auto other = by_name7208.find(t.name);
        const bool differs = other != by_name7208.end() &&
                             (other->second->results != t.results || other->second->explanation != t.explanation);
        CHECK_MESSAGE(differs == (rfc4408_changed.count(t.name) == 1),
                      t.name << (differs ? " has a changed expectation but is not listed"
                                         : " is listed as changed but its expectation is the same"));
        if (!differs) continue;
        ++changed;
        // The result must also be one RFC 7208's version of the test accepts
        // (the explanation test, upper-macro, has different input data).
        const auto& new_results = other->second->results;
        CHECK_MESSAGE(std::find(new_results.begin(), new_results.end(), r.result) != new_results.end(),
                      t.name << ": " << rfc4408_changed.at(t.name) << " -- " << describe(*other->second, r));
    }
    std::printf("RFC 4408 suite: %zu/%zu passed, 0 skipped; %zu tests whose expectation RFC 7208 changed give the "
                "RFC 7208 result\n",
                passed, suite.tests.size(), changed);
    CHECK(passed == 191);
    CHECK(changed == rfc4408_changed.size());
}
