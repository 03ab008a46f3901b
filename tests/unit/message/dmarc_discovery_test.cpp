#include "message/dmarc/policy_discovery.hpp"

#include "dmarc_test_dns.hpp"

#include <doctest/doctest.h>

using namespace mailwarden::message_detail;
using mailwarden::message_detail::test::DmarcDns;

using Names = std::vector<std::string>;

namespace {

struct WalkCase {
    const char* what;
    std::vector<std::pair<std::string, std::string>> records;  ///< domain, record
    std::string from;
    DmarcMode mode;
    std::string record_domain;  ///< where the applied record is
    std::string organizational_domain;
    Names queried;              ///< empty: not checked
};

const WalkCase walk_cases[] = {
    {"a record at the From domain, the organizational domain above it",
     {{"mail.example.com", "v=DMARC1; p=reject"}, {"example.com", "v=DMARC1; p=none"}},
     "mail.example.com", DmarcMode::rfc9989, "mail.example.com", "example.com",
     {"mail.example.com", "example.com", "com"}},
    {"a record at a parent; a non-DMARC text is no record",
     {{"example.com", "v=DMARC1; p=quarantine"}, {"a.mail.example.com", "v=spf1 -all"}},
     "a.mail.example.com", DmarcMode::rfc9989, "example.com", "example.com",
     {"a.mail.example.com", "mail.example.com", "example.com", "com"}},
    {"psd=n stops the walk at its domain",
     {{"mail.example.com", "v=DMARC1; p=reject; psd=n"}, {"example.com", "v=DMARC1; p=none"}},
     "a.mail.example.com", DmarcMode::rfc9989, "mail.example.com", "mail.example.com",
     {"a.mail.example.com", "mail.example.com"}},
    {"psd=y: the domain one label below is the organizational domain, the PSD's policy applies",
     {{"example", "v=DMARC1; p=reject; psd=y"}},
     "a.mail.brand.example", DmarcMode::rfc9989, "example", "brand.example", {}},
    {"psd=y: the organizational domain's own record wins over the PSD's",
     {{"example", "v=DMARC1; p=reject; psd=y"}, {"brand.example", "v=DMARC1; p=none"}},
     "mail.brand.example", DmarcMode::rfc9989, "brand.example", "brand.example", {}},
    {"psd=y at the From domain itself makes it its own organizational domain",
     {{"gov.example", "v=DMARC1; p=reject; psd=y"}},
     "gov.example", DmarcMode::rfc9989, "gov.example", "gov.example", {"gov.example"}},
    {"without psd=, the shortest domain with a record (not b.example.com: not organizational)",
     {{"b.example.com", "v=DMARC1; p=reject"}, {"example.com", "v=DMARC1; p=none"}},
     "a.b.example.com", DmarcMode::rfc9989, "example.com", "example.com", {}},
    {"no record: the From domain is its own organizational domain",
     {}, "mail.example.com", DmarcMode::rfc9989, "", "mail.example.com", {}},
    {"RFC 7489: the From domain, then its registrable domain; psd= means nothing",
     {{"example.co.uk", "v=DMARC1; p=reject"}, {"co.uk", "v=DMARC1; p=none; psd=y"}},
     "a.b.example.co.uk", DmarcMode::rfc7489, "example.co.uk", "example.co.uk",
     {"a.b.example.co.uk", "example.co.uk"}},
};

}  // namespace

TEST_CASE("policy discovery and organizational domains") {
    for (const WalkCase& c : walk_cases) {
        INFO(c.what);
        DmarcDns dns;
        for (const auto& [domain, record] : c.records) dns.dmarc(domain, record);
        const PolicyDiscovery d = discover_policy(dns.lookup(), c.from, c.mode);
        CHECK(d.record.has_value() == !c.record_domain.empty());
        if (d.record) CHECK(d.record->domain == c.record_domain);
        CHECK(d.organizational_domain == c.organizational_domain);
        CHECK(d.failed.empty());
        if (!c.queried.empty()) CHECK(d.queried == c.queried);
    }
}

TEST_CASE("tree walk: several records at one name are all discarded") {
    DmarcDns dns;
    dns.dmarc("mail.example.com", "v=DMARC1; p=reject");
    dns.dmarc("mail.example.com", "v=DMARC1; p=none");
    dns.dmarc("example.com", "v=DMARC1; p=quarantine");
    const PolicyDiscovery walk = discover_policy(dns.lookup(), "mail.example.com", DmarcMode::rfc9989);
    REQUIRE(walk.record);
    CHECK(walk.record->domain == "example.com");
    CHECK(walk.multiple == Names{"mail.example.com"});

    // RFC 7489 6.6.3: several records at the From domain end the search.
    const PolicyDiscovery psl = discover_policy(dns.lookup(), "mail.example.com", DmarcMode::rfc7489);
    CHECK_FALSE(psl.record);
    CHECK(psl.queried == Names{"mail.example.com"});
}

TEST_CASE("tree walk: a DNS failure") {
    DmarcDns dns;
    dns.failing.insert("_dmarc.example.com");
    const PolicyDiscovery failed = discover_policy(dns.lookup(), "mail.example.com", DmarcMode::rfc9989);
    CHECK_FALSE(failed.record);
    CHECK(failed.failed == "example.com");
    CHECK(failed.organizational_domain.empty());
    CHECK(failed.queried == Names{"mail.example.com", "example.com"});

    // The From domain's own record still applies; only the organizational domain is unknown.
    dns.dmarc("mail.example.com", "v=DMARC1; p=reject");
    const PolicyDiscovery own = discover_policy(dns.lookup(), "mail.example.com", DmarcMode::rfc9989);
    REQUIRE(own.record);
    CHECK(own.organizational_domain.empty());
}

TEST_CASE("tree walk: long names take at most eight queries") {
    DmarcDns dns;
    const TreeWalk walk = walk_tree(dns.lookup(), "a.b.c.d.e.f.g.h.i.j.mail.example.com");
    CHECK(walk.queried == Names{"a.b.c.d.e.f.g.h.i.j.mail.example.com", "g.h.i.j.mail.example.com", "h.i.j.mail.example.com",
                                "i.j.mail.example.com", "j.mail.example.com", "mail.example.com", "example.com", "com"});
    // Eight labels: the parent has seven, so nothing is skipped.
    const TreeWalk eight = walk_tree(dns.lookup(), "a.b.c.d.e.f.example.com");
    CHECK(eight.queried.size() == 8);
    CHECK(eight.queried[1] == "b.c.d.e.f.example.com");
    CHECK(walk_tree(dns.lookup(), "localhost").queried == Names{"localhost"});
}

TEST_CASE("organizational domains of identifiers") {
    DmarcDns dns;
    CHECK(organizational_domain_of(dns.lookup(), "x.example.co.uk", DmarcMode::rfc7489) == "example.co.uk");
    dns.dmarc("example.com", "v=DMARC1; p=none");
    CHECK(organizational_domain_of(dns.lookup(), "a.b.example.com", DmarcMode::rfc9989) == "example.com");
    dns.failing.insert("_dmarc.com");
    CHECK(organizational_domain_of(dns.lookup(), "a.b.example.com", DmarcMode::rfc9989) == std::nullopt);
}
