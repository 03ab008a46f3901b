// ARC chain validation end to end: chains sealed here with fresh OpenSSL
// keys, then broken in each way RFC 8617 5.2 names.
#include "message/arc/arc_verifier.hpp"

#include "arc_test_signer.hpp"
#include "message_text.hpp"
#include "support/memory_resolver.hpp"

#include <doctest/doctest.h>

using namespace mailwarden::message_detail;
using mailwarden::ManualClock;

namespace {

const std::string& plain_message = dkim_test::arc_test_message;
using message_test::replace;

struct Fixture {
    std::shared_ptr<test_support::MemoryResolver> dns = std::make_shared<test_support::MemoryResolver>();
    DkimVerifyOptions options;
    dkim_test::KeyPtr rsa = dkim_test::shared_rsa_key();  // one for every hop

    Fixture() {
        options.clock = std::make_shared<ManualClock>(mailwarden::from_unix_seconds(1'764'000'000));
        dns->txt("arc._domainkey.lists.example.org", dkim_test::key_record(rsa.get()));
        dns->txt("arc._domainkey.relay.example.net", dkim_test::key_record(rsa.get()));
    }

    // Hop 1 is the list, hop 2 and above the relay.
    std::string seal(const std::string& message, std::string results = "lists.example.org; spf=pass smtp.mailfrom=example.com",
                     unsigned instance = 0, std::string cv = "") const {
        dkim_test::ArcSealRequest r;
        r.signature.key = rsa.get();
        r.signature.selector = "arc";
        r.signature.domain = message.find("ARC-Seal") == std::string::npos ? "lists.example.org" : "relay.example.net";
        r.results = std::move(results);
        r.instance = instance;
        r.cv = std::move(cv);
        return dkim_test::arc_seal(message, r);
    }

    ArcVerification verify(const std::string& message) const {
        return verify_arc(split_message(message), resolver_lookup(dns), options);
    }
};

}  // namespace

TEST_CASE("a message without ARC fields: cv=none") {
    const auto v = Fixture().verify(plain_message);
    CHECK(v.cv == ArcStatus::none);
    CHECK(v.reason == ArcReason::no_arc);
    CHECK(v.hops == 0);
    CHECK_FALSE(v.oldest_pass_results);
}

TEST_CASE("one hop sealed: pass, every AMS verifies, hop 1's results") {
    Fixture f;
    const auto v = f.verify(f.seal(plain_message));
    CHECK(v.cv == ArcStatus::pass);
    CHECK(v.reason == ArcReason::none);
    CHECK(v.detail.empty());
    CHECK(v.hops == 1);
    CHECK(v.oldest_pass == 0);
    REQUIRE(v.oldest_pass_results);
    CHECK(v.oldest_pass_results->instance == 1u);
    CHECK(v.oldest_pass_results->results.authserv_id == "lists.example.org");
    REQUIRE(v.oldest_pass_results->results.results.size() == 1);
    CHECK(v.oldest_pass_results->results.results[0].method == "spf");
}

TEST_CASE("two hops sealed: pass, with LF line ends too") {
    Fixture f;
    const std::string two = f.seal(f.seal(plain_message), "relay.example.net; arc=pass");
    for (const std::string& message : {two, message_test::to_lf(two)}) {
        const auto v = f.verify(message);
        CHECK(v.cv == ArcStatus::pass);
        CHECK(v.hops == 2);
        CHECK(v.oldest_pass == 0);
        REQUIRE(v.oldest_pass_results);
        CHECK(v.oldest_pass_results->results.authserv_id == "lists.example.org");
    }
}

TEST_CASE("the body changed after hop 1: hop 1's AMS fails, the chain passes, oldest-pass 2") {
    Fixture f;
    const std::string hop1 = replace(f.seal(plain_message), "Shall we meet", "[list] Shall we meet");
    const auto v = f.verify(f.seal(hop1, "relay.example.net; dkim=fail header.d=example.com"));
    CHECK(v.cv == ArcStatus::pass);
    CHECK(v.hops == 2);
    CHECK(v.oldest_pass == 2);
    REQUIRE(v.oldest_pass_results);
    CHECK(v.oldest_pass_results->instance == 2u);
    CHECK(v.oldest_pass_results->results.authserv_id == "relay.example.net");
}

TEST_CASE("the body changed after the newest hop: ams_fail") {
    Fixture f;
    const auto v = f.verify(replace(f.seal(f.seal(plain_message)), "noon", "one"));
    CHECK(v.cv == ArcStatus::fail);
    CHECK(v.reason == ArcReason::ams_fail);
    CHECK(v.failed_instance == 2);
    REQUIRE(v.failed_signature);
    CHECK(v.failed_signature->reason == DkimReason::body_hash_mismatch);
    CHECK(v.oldest_pass == 0);
    CHECK_FALSE(v.oldest_pass_results);
}

TEST_CASE("a sealed field changed: as_fail") {
    Fixture f;
    const std::string two = f.seal(f.seal(plain_message), "relay.example.net; arc=pass");
    const auto v = f.verify(replace(two, "spf=pass smtp.mailfrom", "spf=fail smtp.mailfrom"));
    CHECK(v.cv == ArcStatus::fail);
    CHECK(v.reason == ArcReason::as_fail);
    CHECK(v.failed_instance == 2);  // seals are checked newest first
    REQUIRE(v.failed_signature);
    CHECK(v.failed_signature->reason == DkimReason::signature_mismatch);
    CHECK(v.detail.find("ARC-Seal i=2") != std::string::npos);
}

TEST_CASE("a seal whose key is missing: as_fail") {
    Fixture f;
    std::string one = f.seal(plain_message);
    one = replace(one, "s=arc; t=", "s=gone; t=");
    const auto v = f.verify(one);
    CHECK(v.reason == ArcReason::as_fail);
    REQUIRE(v.failed_signature);
    CHECK(v.failed_signature->reason == DkimReason::key_not_found);
}

TEST_CASE("a seal with h=: as_fail (RFC 8617 4.1.3)") {
    Fixture f;
    const auto v = f.verify(replace(f.seal(plain_message), "ARC-Seal: i=1; ", "ARC-Seal: i=1; h=From; "));
    CHECK(v.reason == ArcReason::as_fail);
    REQUIRE(v.failed_signature);
    CHECK(v.failed_signature->reason == DkimReason::header_list_invalid);
}

TEST_CASE("structure: a gap, cv=none above 1, the newest cv=fail, duplicates, a missing field, i= above 50") {
    Fixture f;
    const std::string one = f.seal(plain_message);

    const auto gap = f.verify(f.seal(one, "relay.example.net; arc=pass", 3));
    CHECK(gap.cv == ArcStatus::fail);
    CHECK(gap.reason == ArcReason::instance_gap);
    CHECK(gap.hops == 2);

    const auto cv_none = f.verify(f.seal(one, "relay.example.net; arc=pass", 0, "none"));
    CHECK(cv_none.reason == ArcReason::structure_cv);

    const auto cv_first = f.verify(f.seal(plain_message, "lists.example.org; none", 0, "pass"));
    CHECK(cv_first.reason == ArcReason::structure_cv);

    const auto cv_fail = f.verify(f.seal(one, "relay.example.net; arc=fail", 0, "fail"));
    CHECK(cv_fail.reason == ArcReason::cv_fail);

    const auto duplicate = f.verify("ARC-Authentication-Results: i=1; other.example; none\r\n" + one);
    CHECK(duplicate.reason == ArcReason::structure_duplicate);

    const std::size_t ams = one.find("ARC-Message-Signature:");
    const std::size_t aar = one.find("ARC-Authentication-Results:");
    const auto incomplete = f.verify(one.substr(0, ams) + one.substr(aar));
    CHECK(incomplete.reason == ArcReason::structure_incomplete);

    std::string fifty_one = f.seal(one, "relay.example.net; arc=pass");
    for (int field = 0; field < 3; ++field) fifty_one = replace(fifty_one, "i=2;", "i=51;");
    const auto too_many = f.verify(fifty_one);
    CHECK(too_many.reason == ArcReason::too_many);

    const auto unreadable = f.verify(replace(one, "ARC-Seal: i=1;", "ARC-Seal: i=one;"));
    CHECK(unreadable.reason == ArcReason::structure_instance);
    CHECK(unreadable.cv == ArcStatus::fail);
}
