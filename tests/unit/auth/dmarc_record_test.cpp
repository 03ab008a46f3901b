// DMARC records and organisational domains.
#include "auth/dmarc/dmarc_record.hpp"

#include <doctest/doctest.h>

using namespace mailwarden::auth;

TEST_CASE("a full record") {
    DmarcError e;
    const auto r = parse_dmarc("v=DMARC1; p=Quarantine; sp=reject; adkim=s; aspf=r; pct=50; "
                               "rua=mailto:dmarc@IANA.org,mailto:agg@reports.example.net!10m; ruf=mailto:f@iana.org; "
                               "fo=1:d; ri=3600; unknown=ignored",
                               e);
    REQUIRE_MESSAGE(r.has_value(), e.message);
    CHECK(r->policy == "quarantine");
    CHECK(r->subdomain_policy == "reject");
    CHECK(r->strict_dkim);
    CHECK_FALSE(r->strict_spf);
    CHECK(r->pct == 50);
    REQUIRE(r->rua.size() == 2);
    CHECK(r->rua[0].address == "dmarc@iana.org");
    CHECK(r->rua[1].address == "agg@reports.example.net");
    CHECK(r->rua[1].size_limit == "10m");
    CHECK(r->ruf.size() == 1);
    CHECK(r->failure_options == "1:d");
    CHECK(r->report_interval == 3600);
}

TEST_CASE("minimal and malformed records") {
    DmarcError e;
    const auto minimal = parse_dmarc("v=DMARC1; p=none", e);
    REQUIRE(minimal.has_value());
    CHECK(minimal->rua.empty());
    CHECK(minimal->pct == 100);

    const char* broken[] = {
        "p=none; v=DMARC1",                 // v= not first
        "v=DMARC1",                         // p= missing
        "v=DMARC1; p=block",                // unknown policy
        "v=DMARC1; p=none; pct=150",        // pct out of range
        "v=DMARC1; p=none; pct=x",
        "v=DMARC1; p=none; adkim=x",
        "v=DMARC1; p=none; sp=maybe",
        "v=DMARC1; p=none; rua=dmarc@iana.org",       // not a URI
        "v=DMARC1; p=none; rua=mailto:nobody",        // no address
        "v=DMARC1; p=none; rua=mailto:a@b.org!",      // bad size
        "v=DMARC1; p=none; ri=-5",
        "v=DMARC1; p=none; fo=2",
        "v=DMARC1; p=none; p=reject",                 // duplicate
    };
    for (const char* r : broken) {
        INFO(r);
        DmarcError err;
        CHECK_FALSE(parse_dmarc(r, err).has_value());
        CHECK_FALSE(err.message.empty());
    }
}

TEST_CASE("recognising DMARC records among TXT records") {
    CHECK(looks_like_dmarc("v=DMARC1; p=none"));
    CHECK(looks_like_dmarc("v=DMARC1;p=none"));
    CHECK(looks_like_dmarc("  v = DMARC1; p=reject"));
    CHECK_FALSE(looks_like_dmarc("v=spf1 -all"));
    CHECK_FALSE(looks_like_dmarc("v=DMARC10; p=none"));
    CHECK_FALSE(looks_like_dmarc("google-site-verification=abc"));
}

TEST_CASE("organisational domains from the public suffix list") {
    CHECK(organizational_domain("mail.example.co.uk") == "example.co.uk");
    CHECK(organizational_domain("a.b.IANA.org") == "iana.org");
    CHECK(organizational_domain("iana.org") == "iana.org");
    CHECK(organizational_domain("user.github.io") == "user.github.io");
}
