// DKIM verification end to end: the RFC 8463 example with its published
// keys, and messages signed here with fresh OpenSSL keys, then tampered with.
#include "message/dkim/key_cache.hpp"
#include "message/dkim/verifier.hpp"

#include "dkim_test_signer.hpp"
#include "message_text.hpp"
#include "net/dns/response_parser.hpp"
#include "unit/dns/dns_wire.hpp"
#include "support/memory_resolver.hpp"

#include <doctest/doctest.h>

using namespace mailwarden::message_detail;
using mailwarden::ManualClock;
using mailwarden::dns::Status;

namespace {

// RFC 8463 Appendix A: two signatures over one message, relaxed/relaxed.
const std::string rfc8463_message =
    "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;\r\n"
    " d=football.example.com; i=@football.example.com;\r\n"
    " q=dns/txt; s=brisbane; t=1528637909; h=from : to :\r\n"
    " subject : date : message-id : from : subject : date;\r\n"
    " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n"
    " b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus\r\n"
    " Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==\r\n"
    "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n"
    " d=football.example.com; i=@football.example.com;\r\n"
    " q=dns/txt; s=test; t=1528637909; h=from : to : subject :\r\n"
    " date : message-id : from : subject : date;\r\n"
    " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n"
    " b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3\r\n"
    " DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz\r\n"
    " dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=\r\n"
    "From: Joe SixPack <joe@football.example.com>\r\n"
    "To: Suzie Q <suzie@shopping.example.net>\r\n"
    "Subject: Is dinner ready?\r\n"
    "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n"
    "Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n"
    "\r\n"
    "Hi.\r\n"
    "\r\n"
    "We lost the game.  Are you hungry yet?\r\n"
    "\r\n"
    "Joe.\r\n";

const std::string rfc8463_ed25519_key = "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
const std::string rfc8463_rsa_key =
    "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/"
    "J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/"
    "K4w3QIDAQAB";

const std::string plain_message =
    "From: Alice <alice@example.com>\r\n"
    "To: Bob <bob@example.net>\r\n"
    "Subject: Lunch\r\n"
    "Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n"
    "Message-ID: <1@example.com>\r\n"
    "\r\n"
    "Shall we  meet at noon?\r\n"
    "\r\n"
    "Alice\r\n";

constexpr std::int64_t now_seconds = 1'764'000'000;  // late 2025

using message_test::replace;
using message_test::to_lf;

struct Fixture {
    std::shared_ptr<test_support::MemoryResolver> dns = std::make_shared<test_support::MemoryResolver>();
    TxtLookup lookup = resolver_lookup(dns);
    DkimVerifyOptions options;
    dkim_test::KeyPtr rsa = dkim_test::shared_rsa_key();

    Fixture() {
        options.clock = std::make_shared<ManualClock>(mailwarden::from_unix_seconds(now_seconds));
        dns->txt("sel._domainkey.example.com", dkim_test::key_record(rsa.get()));
    }

    dkim_test::SignRequest request() const {
        dkim_test::SignRequest r;
        r.key = rsa.get();
        return r;
    }

    std::vector<DkimSignatureResult> verify(const std::string& message) const { return verify_dkim(message, lookup, options); }

    DkimSignatureResult one(const std::string& message) const {
        auto results = verify(message);
        REQUIRE(results.size() == 1);
        return results.front();
    }
};

}  // namespace

TEST_CASE("RFC 8463 Appendix A: the ed25519 and the RSA signature pass, CRLF or LF") {
    Fixture f;
    f.dns->txt("brisbane._domainkey.football.example.com", rfc8463_ed25519_key);
    f.dns->txt("test._domainkey.football.example.com", rfc8463_rsa_key);
    for (const std::string& message : {rfc8463_message, to_lf(rfc8463_message)}) {
        const auto results = f.verify(message);
        REQUIRE(results.size() == 2);
        const auto& ed = results[0];
        CHECK(ed.result == DkimResult::pass);
        CHECK(ed.reason == DkimReason::none);
        CHECK(ed.domain == "football.example.com");
        CHECK(ed.selector == "brisbane");
        CHECK(ed.algorithm == "ed25519-sha256");
        CHECK(ed.canonicalization == "relaxed/relaxed");
        CHECK(ed.identity == "@football.example.com");
        CHECK(ed.key_bits == 256);
        CHECK(ed.signed_headers.size() == 8);
        CHECK(ed.body_hash_computed == "2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=");
        CHECK(ed.timestamp == 1528637909);
        const auto& rsa = results[1];
        CHECK(rsa.result == DkimResult::pass);
        CHECK(rsa.selector == "test");
        CHECK(rsa.algorithm == "rsa-sha256");
        CHECK(rsa.key_bits == 1024);
    }
    // Over-signed From, Subject and Date: a second Subject breaks both.
    const auto tampered = f.verify(replace(rfc8463_message, "Subject: Is dinner", "Subject: Spam\r\nSubject: Is dinner"));
    CHECK(tampered[0].reason == DkimReason::signature_mismatch);
    CHECK(tampered[1].reason == DkimReason::signature_mismatch);
}

TEST_CASE("rsa-sha256 signed here: passes, in both canonicalizations and after LF conversion") {
    Fixture f;
    for (const auto hc : {Canonicalization::simple, Canonicalization::relaxed}) {
        for (const auto bc : {Canonicalization::simple, Canonicalization::relaxed}) {
            auto r = f.request();
            r.header_canonicalization = hc;
            r.body_canonicalization = bc;
            const std::string signed_message = dkim_test::sign(plain_message, r);
            const auto result = f.one(signed_message);
            CHECK(result.result == DkimResult::pass);
            CHECK(result.key_bits == 2048);
            CHECK(f.one(to_lf(signed_message)).result == DkimResult::pass);
        }
    }
}

TEST_CASE("tampering: body, signed header, reordering; unsigned additions still pass") {
    Fixture f;
    const std::string m = dkim_test::sign(plain_message, f.request());

    const auto body = f.one(replace(m, "at noon", "at one"));
    CHECK(body.result == DkimResult::fail);
    CHECK(body.reason == DkimReason::body_hash_mismatch);
    CHECK(body.body_hash_computed != body.body_hash_expected);
    CHECK_FALSE(body.body_hash_computed.empty());
    CHECK(body.detail.find(body.body_hash_computed) != std::string::npos);

    const auto subject = f.one(replace(m, "Subject: Lunch", "Subject: Dinner"));
    CHECK(subject.result == DkimResult::fail);
    CHECK(subject.reason == DkimReason::signature_mismatch);

    // Fields of different names may move: selection is by name.
    CHECK(f.one(replace(m, "To: Bob <bob@example.net>\r\nSubject: Lunch\r\n", "Subject: Lunch\r\nTo: Bob <bob@example.net>\r\n"))
              .result == DkimResult::pass);
    CHECK(f.one(replace(m, "\r\n\r\nShall", "\r\nReceived: by mx.example.net\r\nX-Spam: no\r\n\r\nShall")).result ==
          DkimResult::pass);
    // Not over-signed: a Subject added on top is not the one verified (the
    // RFC's weakness that over-signing closes).
    CHECK(f.one(replace(m, "From: Alice", "Subject: Free money\r\nFrom: Alice")).result == DkimResult::pass);
}

TEST_CASE("repeated and over-signed fields: bottom-up, missing instances hash as nothing") {
    Fixture f;
    const std::string two = replace(plain_message, "Subject: Lunch\r\n", "X-Tag: a\r\nSubject: Lunch\r\nX-Tag: b\r\n");
    auto r = f.request();
    r.headers = "From:X-Tag:X-Tag:Subject:Subject:Reply-To";
    const std::string m = dkim_test::sign(two, r);
    CHECK(f.one(m).result == DkimResult::pass);
    // Swapping the two X-Tag instances changes what is signed.
    const std::string swapped = replace(replace(m, "X-Tag: a", "X-Tag: tmp"), "X-Tag: b", "X-Tag: a");
    CHECK(f.one(replace(swapped, "X-Tag: tmp", "X-Tag: b")).reason == DkimReason::signature_mismatch);
    // Adding a field signed as absent breaks the signature.
    CHECK(f.one(replace(m, "From: Alice", "Subject: Again\r\nFrom: Alice")).reason == DkimReason::signature_mismatch);
    CHECK(f.one(replace(m, "From: Alice", "Reply-To: x@evil.example\r\nFrom: Alice")).reason == DkimReason::signature_mismatch);
}

TEST_CASE("simple breaks on whitespace changes, relaxed does not") {
    Fixture f;
    auto simple = f.request();
    simple.header_canonicalization = Canonicalization::simple;
    simple.body_canonicalization = Canonicalization::simple;
    const std::string s = dkim_test::sign(plain_message, simple);
    const std::string r = dkim_test::sign(plain_message, f.request());
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"meet at noon?", "meet  at noon? "}, {"Subject: Lunch", "Subject:  Lunch"}, {"Subject: Lunch", "Subject:\r\n Lunch"}}) {
        CHECK(f.one(replace(s, from, to)).result == DkimResult::fail);
        CHECK(f.one(replace(r, from, to)).result == DkimResult::pass);
    }
    // Trailing empty lines are ignored by both.
    CHECK(f.one(s + "\r\n\r\n").result == DkimResult::pass);
    CHECK(f.one(r + "\r\n\r\n").result == DkimResult::pass);
}

TEST_CASE("ed25519-sha256 signed here") {
    Fixture f;
    const auto ed = dkim_test::ed25519_key();
    f.dns->txt("ed._domainkey.example.com", dkim_test::key_record(ed.get()));
    auto r = f.request();
    r.key = ed.get();
    r.selector = "ed";
    r.algorithm = DkimAlgorithm::ed25519_sha256;
    const std::string m = dkim_test::sign(plain_message, r);
    const auto ok = f.one(m);
    CHECK(ok.result == DkimResult::pass);
    CHECK(ok.key_bits == 256);
    CHECK(f.one(replace(m, "Subject: Lunch", "Subject: Lunch!")).reason == DkimReason::signature_mismatch);
    CHECK(f.one(replace(m, "Alice\r\n", "Eve\r\n")).reason == DkimReason::body_hash_mismatch);
    // Both signatures on one message, the newest on top, each judged alone.
    auto rsa_request = f.request();
    const auto both = f.verify(dkim_test::sign(m, rsa_request));
    REQUIRE(both.size() == 2);
    CHECK(both[0].algorithm == "rsa-sha256");
    CHECK(both[0].result == DkimResult::pass);
    CHECK(both[1].result == DkimResult::pass);
}

TEST_CASE("rsa-sha1 is policy unless allowed") {
    Fixture f;
    auto r = f.request();
    r.algorithm = DkimAlgorithm::rsa_sha1;
    const std::string m = dkim_test::sign(plain_message, r);
    const auto sha1 = f.one(m);
    CHECK(sha1.result == DkimResult::policy);
    CHECK(sha1.reason == DkimReason::algorithm_sha1);
    f.options.allow_sha1 = true;
    CHECK(f.one(m).result == DkimResult::pass);
    CHECK(f.one(replace(m, "Lunch", "Brunch")).result == DkimResult::fail);  // policy only replaces a pass
}

TEST_CASE("l=: shorter than the body is reported, longer is an error") {
    Fixture f;
    auto r = f.request();
    r.body_canonicalization = Canonicalization::simple;
    r.length = 25;  // "Shall we  meet at noon?\r\n"
    const std::string m = dkim_test::sign(plain_message, r);
    const auto partial = f.one(m + "P.S. appended later\r\n");
    CHECK(partial.result == DkimResult::pass);
    CHECK(partial.reason == DkimReason::body_length_shorter);
    CHECK(partial.body_length_signed == 25u);
    CHECK(partial.body_length > 25u);

    r.length = 4000;
    const auto beyond = f.one(dkim_test::sign(plain_message, r));
    CHECK(beyond.result == DkimResult::permerror);
    CHECK(beyond.reason == DkimReason::body_length_exceeds);
}

TEST_CASE("x= and t= against the injected clock") {
    Fixture f;
    auto r = f.request();
    r.extra_tags = "t=" + std::to_string(now_seconds - 100) + "; x=" + std::to_string(now_seconds - 10) + "; ";
    CHECK(f.one(dkim_test::sign(plain_message, r)).reason == DkimReason::signature_expired);
    r.extra_tags = "t=" + std::to_string(now_seconds - 100) + "; x=" + std::to_string(now_seconds + 10) + "; ";
    CHECK(f.one(dkim_test::sign(plain_message, r)).result == DkimResult::pass);
    r.extra_tags = "t=" + std::to_string(now_seconds + 3600) + "; ";
    const auto future = f.one(dkim_test::sign(plain_message, r));
    CHECK(future.result == DkimResult::permerror);
    CHECK(future.reason == DkimReason::signature_in_future);
    r.extra_tags = "t=" + std::to_string(now_seconds + 60) + "; ";  // within the allowed skew
    CHECK(f.one(dkim_test::sign(plain_message, r)).result == DkimResult::pass);
}

TEST_CASE("key records: revoked, k=, h=, s=, t=s, short keys, several records") {
    Fixture f;
    const auto with_key = [&](const std::string& selector, const std::string& record, dkim_test::SignRequest r) {
        f.dns->txt(selector + "._domainkey.example.com", record);
        r.selector = selector;
        return f.one(dkim_test::sign(plain_message, r));
    };
    const std::string p = "p=" + dkim_test::public_key_text(f.rsa.get());
    CHECK(with_key("revoked", "v=DKIM1; k=rsa; p=", f.request()).reason == DkimReason::key_revoked);
    CHECK(with_key("kmismatch", "v=DKIM1; k=ed25519; p=" + dkim_test::public_key_text(dkim_test::ed25519_key().get()),
                   f.request())
              .reason == DkimReason::key_algorithm_mismatch);
    CHECK(with_key("hsha1", "v=DKIM1; h=sha1; " + p, f.request()).reason == DkimReason::key_hash_restricted);
    CHECK(with_key("hboth", "v=DKIM1; h=sha1:sha256; " + p, f.request()).result == DkimResult::pass);
    CHECK(with_key("service", "v=DKIM1; s=tlsrpt; " + p, f.request()).reason == DkimReason::key_service_mismatch);
    CHECK(with_key("starservice", "v=DKIM1; s=*; " + p, f.request()).result == DkimResult::pass);
    const auto testing = with_key("testing", "v=DKIM1; t=y; " + p, f.request());
    CHECK(testing.result == DkimResult::pass);
    CHECK(testing.key_testing);

    auto sub = f.request();
    sub.extra_tags = "i=alice@mail.example.com; ";
    CHECK(with_key("strict", "v=DKIM1; t=s; " + p, sub).reason == DkimReason::key_strict_subdomain);
    CHECK(with_key("lax", "v=DKIM1; t=y; " + p, sub).result == DkimResult::pass);
    auto exact = f.request();
    exact.extra_tags = "i=alice@example.com; ";
    CHECK(with_key("strict2", "v=DKIM1; t=s; " + p, exact).result == DkimResult::pass);

    const auto small = dkim_test::rsa_key(768);
    auto small_request = f.request();
    small_request.key = small.get();
    const auto too_short = with_key("small", dkim_test::key_record(small.get()), small_request);
    CHECK(too_short.result == DkimResult::policy);
    CHECK(too_short.reason == DkimReason::key_too_short);
    CHECK(too_short.key_bits == 768);

    CHECK(with_key("broken", "v=DKIM1; p=!!notbase64", f.request()).reason == DkimReason::key_syntax);
    // A stray record next to the key is passed over.
    f.dns->txt("mixed._domainkey.example.com", "google-site-verification=abc");
    CHECK(with_key("mixed", dkim_test::key_record(f.rsa.get()), f.request()).result == DkimResult::pass);
}

TEST_CASE("DNS: missing key is permerror, a failed lookup temperror") {
    Fixture f;
    auto r = f.request();
    r.selector = "absent";
    const auto missing = f.one(dkim_test::sign(plain_message, r));
    CHECK(missing.result == DkimResult::permerror);
    CHECK(missing.reason == DkimReason::key_not_found);
    CHECK(missing.key_bits == 0);
    r.selector = "flaky";
    f.dns->fail("flaky._domainkey.example.com", mailwarden::dns::RecordType::txt, Status::servfail);
    const auto flaky = f.one(dkim_test::sign(plain_message, r));
    CHECK(flaky.result == DkimResult::temperror);
    CHECK(flaky.reason == DkimReason::key_unavailable);
    f.dns->fail("flaky._domainkey.example.com", mailwarden::dns::RecordType::txt, Status::timeout);
    CHECK(f.one(dkim_test::sign(plain_message, r)).result == DkimResult::temperror);
    CHECK(f.dns->asked().back().first == "flaky._domainkey.example.com");
}

TEST_CASE("malformed signatures are reported, never dropped, and the others still verified") {
    Fixture f;
    const std::string good = dkim_test::sign(plain_message, f.request());
    const std::string m = "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel; h=To; bh=YWJj; b=ZGVm\r\n"
                          "DKIM-Signature: garbage\r\n" +
                          good;
    const auto results = f.verify(m);
    REQUIRE(results.size() == 3);
    CHECK(results[0].result == DkimResult::permerror);
    CHECK(results[0].reason == DkimReason::from_not_signed);
    CHECK(results[0].domain == "example.com");
    CHECK(results[1].reason == DkimReason::tag_syntax);
    CHECK(results[2].result == DkimResult::pass);
}

TEST_CASE("limits: signatures per message, body bytes hashed") {
    Fixture f;
    const std::string twice = dkim_test::sign(dkim_test::sign(plain_message, f.request()), f.request());
    f.options.max_signatures = 1;
    const auto results = f.verify(twice);
    REQUIRE(results.size() == 2);
    CHECK(results[0].result == DkimResult::pass);
    CHECK(results[1].result == DkimResult::neutral);
    CHECK(results[1].reason == DkimReason::signature_limit);
    CHECK(results[1].domain == "example.com");

    f.options.max_signatures = 10;
    f.options.max_body_bytes = 20;
    const auto large = f.one(dkim_test::sign(plain_message, f.request()));
    CHECK(large.result == DkimResult::neutral);
    CHECK(large.reason == DkimReason::body_too_large);
    auto r = f.request();
    r.length = 10;  // l= under the limit: hashable
    CHECK(f.one(dkim_test::sign(plain_message, r)).reason == DkimReason::body_length_shorter);
}

TEST_CASE("a message without signatures has no results") {
    Fixture f;
    CHECK(f.verify(plain_message).empty());
    CHECK(f.verify("").empty());
}

TEST_CASE("a DkimVerifier keeps parsed keys between messages; the DNS is still asked each time") {
    Fixture f;
    const DkimVerifier verifier(f.lookup, f.options);
    const std::string m = dkim_test::sign(plain_message, f.request());
    for (int i = 0; i < 3; ++i) CHECK(verifier.verify(m).front().result == DkimResult::pass);
    CHECK(verifier.verify(replace(m, "Lunch", "Brunch")).front().reason == DkimReason::signature_mismatch);
    CHECK(f.dns->asked().size() == 4);
}

TEST_CASE("the key cache: hits, eviction, errors not kept") {
    KeyCache cache(1);
    const std::string a = dkim_test::key_record(dkim_test::shared_rsa_key().get());
    const std::string b = dkim_test::key_record(dkim_test::ed25519_key().get());
    mailwarden::auth::DkimKeyError error;
    const auto first = cache.parse(a, error);
    REQUIRE(first.has_value());
    const auto again = cache.parse(a, error);
    REQUIRE(again.has_value());
    CHECK(again->public_key == first->public_key);  // the same decoded key
    REQUIRE(cache.parse(b, error).has_value());    // evicts a
    CHECK(cache.parse(a, error)->public_key != first->public_key);
    CHECK_FALSE(cache.parse("v=DKIM1; p=###", error).has_value());
    CHECK_FALSE(error.message.empty());
}

TEST_CASE("a key published as several strings of one TXT record (over 255 bytes)") {
    Fixture f;
    const std::string record = dkim_test::key_record(f.rsa.get());
    REQUIRE(record.size() > 355);
    const std::string_view r = record;
    const auto rdata = dns_test::rdata_txt({r.substr(0, 100), r.substr(100, 255), r.substr(355)});
    dns_test::Message wire("big._domainkey.example.com", 16);
    wire.record(dns_test::answer, "big._domainkey.example.com", 16, 300, rdata);
    const auto answer = mailwarden::dns::detail::parse_response(wire.bytes(), mailwarden::dns::RecordType::txt);
    const TxtLookup lookup = [&](const std::string& name) {
        CHECK(name == "big._domainkey.example.com");
        return answer;
    };
    auto req = f.request();
    req.selector = "big";
    const auto result = verify_dkim(dkim_test::sign(plain_message, req), lookup, f.options);
    REQUIRE(result.size() == 1);
    CHECK(result[0].result == DkimResult::pass);
    CHECK(result[0].key_bits == 2048);
}
