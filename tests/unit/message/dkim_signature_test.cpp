// DKIM-Signature tags: what is required, what is checked, and that a
// malformed signature keeps what could be read for the report.
#include "message/dkim/signature.hpp"

#include <doctest/doctest.h>

using namespace mailwarden::message_detail;

namespace {

const std::string good = "v=1; a=rsa-sha256; d=example.com; s=sel; h=From : To; bh=YWJj; b=ZGVm";

std::optional<SignatureProblem> parse(const std::string& value, DkimSignature* out = nullptr) {
    DkimSignature sig;
    auto p = parse_signature(value, out ? *out : sig);
    return p;
}

DkimReason reason_of(const std::string& value) {
    const auto p = parse(value);
    return p ? p->reason : DkimReason::none;
}

}  // namespace

TEST_CASE("a well-formed signature with defaults") {
    DkimSignature sig;
    REQUIRE_FALSE(parse(good, &sig).has_value());
    CHECK(sig.algorithm == DkimAlgorithm::rsa_sha256);
    CHECK(sig.canonicalization_text == "simple/simple");
    CHECK(sig.header_canonicalization == Canonicalization::simple);
    CHECK(sig.identity == "@example.com");
    CHECK(sig.headers == std::vector<std::string>{"From", "To"});
    CHECK(sig.body_hash == "abc");
    CHECK(sig.signature == "def");
    CHECK_FALSE(sig.length.has_value());
}

TEST_CASE("tags read: c=, i=, l=, t=, x=, q=, folded b=") {
    DkimSignature sig;
    REQUIRE_FALSE(parse("v=1; a=ed25519-sha256; c=relaxed; d=Example.COM; s=a.b; h=from;\r\n"
                        " i=user=40x@mail.example.com; l=12; t=100; x=200; q=dns/txt; z=From:x;\r\n"
                        " bh=YW\r\n Jj; b=ZG\tVm",
                        &sig)
                      .has_value());
    CHECK(sig.algorithm == DkimAlgorithm::ed25519_sha256);
    CHECK(sig.header_canonicalization == Canonicalization::relaxed);
    CHECK(sig.body_canonicalization == Canonicalization::simple);
    CHECK(sig.identity == "user=40x@mail.example.com");
    CHECK(sig.length == 12u);
    CHECK(sig.timestamp == 100);
    CHECK(sig.expiration == 200);
    CHECK(sig.body_hash == "abc");
    CHECK(sig.signature == "def");
    // A huge l= saturates: it is longer than any body, which the verifier reports.
    REQUIRE_FALSE(parse(good + "; l=99999999999999999999999999", &sig).has_value());
    CHECK(sig.length == UINT64_MAX);
}

TEST_CASE("malformed signatures: each with its reason") {
    CHECK(reason_of("v=1; a=rsa-sha256; garbage") == DkimReason::tag_syntax);
    CHECK(reason_of(good + "; d=other.com") == DkimReason::tag_syntax);  // a tag twice
    CHECK(reason_of("v=1; a=rsa-sha256; d=example.com; s=sel; h=From; b=ZGVm") == DkimReason::tag_missing);
    CHECK(reason_of("a=rsa-sha256; d=example.com; s=sel; h=From; bh=YWJj; b=ZGVm") == DkimReason::tag_missing);
    CHECK(reason_of("v=2; a=rsa-sha256; d=example.com; s=sel; h=From; bh=YWJj; b=ZGVm") == DkimReason::version_unsupported);
    CHECK(reason_of("v=1; a=rsa-sha512; d=example.com; s=sel; h=From; bh=YWJj; b=ZGVm") == DkimReason::algorithm_unknown);
    CHECK(reason_of(good + "; c=relaxed/loose") == DkimReason::canonicalization_unknown);
    CHECK(reason_of(good + "; c=") == DkimReason::canonicalization_unknown);
    CHECK(reason_of(good + "; q=http/well-known") == DkimReason::query_method_unknown);
    CHECK(reason_of("v=1; a=rsa-sha256; d=com; s=sel; h=From; bh=YWJj; b=ZGVm") == DkimReason::domain_invalid);
    CHECK(reason_of("v=1; a=rsa-sha256; d=exa_mple.com; s=sel; h=From; bh=YWJj; b=ZGVm") == DkimReason::domain_invalid);
    CHECK(reason_of("v=1; a=rsa-sha256; d=example.com.; s=sel; h=From; bh=YWJj; b=ZGVm") == DkimReason::domain_invalid);
    CHECK(reason_of("v=1; a=rsa-sha256; d=example.com; s=-x; h=From; bh=YWJj; b=ZGVm") == DkimReason::selector_invalid);
    // U-labels are UTF-8 (RFC 8616); other bytes above 0x7F are no name
    // (dkimpy's test_badly_encoded_domain_fails signs with d=example.com\xE9).
    CHECK(reason_of("v=1; a=rsa-sha256; d=example.com\xE9; s=sel; h=From; bh=YWJj; b=ZGVm") == DkimReason::domain_invalid);
    CHECK(reason_of("v=1; a=rsa-sha256; d=\xC0\xAE.example; s=sel; h=From; bh=YWJj; b=ZGVm") == DkimReason::domain_invalid);  // overlong
    CHECK(reason_of("v=1; a=rsa-sha256; d=\xED\xA0\x80.example; s=sel; h=From; bh=YWJj; b=ZGVm") == DkimReason::domain_invalid);  // surrogate
    CHECK(reason_of("v=1; a=rsa-sha256; d=\xF4\x90\x80\x80.example; s=sel; h=From; bh=YWJj; b=ZGVm") == DkimReason::domain_invalid);  // > U+10FFFF
    CHECK(reason_of("v=1; a=rsa-sha256; d=example.com; s=s\xE9l; h=From; bh=YWJj; b=ZGVm") == DkimReason::selector_invalid);
    CHECK(reason_of(good + "; i=@mail.example.com\xE9") == DkimReason::identity_invalid);
    CHECK(reason_of("v=1; a=rsa-sha256; d=b\xC3\xBC" "cher.example; s=sel; h=From; bh=YWJj; b=ZGVm") == DkimReason::none);
    CHECK(reason_of("v=1; a=rsa-sha256; d=\xF0\x9F\x93\xA7.example; s=\xE2\x9C\x89; h=From; bh=YWJj; b=ZGVm") == DkimReason::none);
    CHECK(reason_of(good + "; i=user") == DkimReason::identity_invalid);
    CHECK(reason_of(good + "; i=@example.com.evil.org") == DkimReason::identity_mismatch);
    CHECK(reason_of(good + "; i=@notexample.com") == DkimReason::identity_mismatch);
    CHECK(reason_of("v=1; a=rsa-sha256; d=example.com; s=sel; h=To:Subject; bh=YWJj; b=ZGVm") == DkimReason::from_not_signed);
    CHECK(reason_of("v=1; a=rsa-sha256; d=example.com; s=sel; h=From::To; bh=YWJj; b=ZGVm") == DkimReason::header_list_invalid);
    CHECK(reason_of(good + "; l=-1") == DkimReason::length_invalid);
    CHECK(reason_of(good + "; t=1234567890123") == DkimReason::timestamp_invalid);  // 13 digits
    CHECK(reason_of(good + "; t=200; x=200") == DkimReason::timestamp_invalid);
    CHECK(reason_of(good + "; x=soon") == DkimReason::timestamp_invalid);
    CHECK(reason_of("v=1; a=rsa-sha256; d=example.com; s=sel; h=From; bh=YWJj; b=") == DkimReason::base64_invalid);
    CHECK(reason_of("v=1; a=rsa-sha256; d=example.com; s=sel; h=From; bh=!!!!; b=ZGVm") == DkimReason::base64_invalid);
}

TEST_CASE("a malformed signature keeps d=, s=, a= for the report") {
    DkimSignature sig;
    const auto p = parse("v=1; a=rsa-sha256; d=example.com; s=sel; h=To; bh=YWJj; b=ZGVm", &sig);
    REQUIRE(p.has_value());
    CHECK(p->reason == DkimReason::from_not_signed);
    CHECK(result_of(p->reason) == DkimResult::permerror);
    CHECK(sig.domain == "example.com");
    CHECK(sig.selector == "sel");
    CHECK(sig.algorithm_text == "rsa-sha256");
}

TEST_CASE("every reason has an id and a result") {
    CHECK(to_string(DkimReason::body_hash_mismatch) == "body_hash_mismatch");
    CHECK(result_of(DkimReason::body_hash_mismatch) == DkimResult::fail);
    CHECK(result_of(DkimReason::key_unavailable) == DkimResult::temperror);
    CHECK(result_of(DkimReason::algorithm_sha1) == DkimResult::policy);
    CHECK(result_of(DkimReason::body_length_shorter) == DkimResult::pass);
    CHECK(to_string(DkimResult::permerror) == "permerror");
}

TEST_CASE("ARC's signature fields: no v=, i= the instance, a seal without bh= and h=") {
    const auto arc = [](const std::string& value, SignatureKind kind, DkimSignature& sig) {
        const auto p = parse_signature(value, sig, kind);
        return p ? p->reason : DkimReason::none;
    };
    DkimSignature ams;
    CHECK(arc("i=2; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=sel; h=From : To; bh=YWJj; b=ZGVm",
              SignatureKind::arc_message, ams) == DkimReason::none);
    CHECK(ams.identity == "@example.com");  // i= is the instance, never an identity
    CHECK(ams.header_canonicalization == Canonicalization::relaxed);
    DkimSignature listing_seal;
    CHECK(arc("i=1; a=rsa-sha256; d=example.com; s=sel; h=From:ARC-Seal; bh=YWJj; b=ZGVm", SignatureKind::arc_message,
              listing_seal) == DkimReason::header_list_invalid);
    DkimSignature no_bh;
    CHECK(arc("i=1; a=rsa-sha256; d=example.com; s=sel; h=From; b=ZGVm", SignatureKind::arc_message, no_bh) ==
          DkimReason::tag_missing);

    DkimSignature seal;
    CHECK(arc("i=1; cv=none; a=rsa-sha256; c=simple/simple; d=example.com; s=sel; t=1; b=ZGVm", SignatureKind::arc_seal,
              seal) == DkimReason::none);
    CHECK(seal.header_canonicalization == Canonicalization::relaxed);  // c= means nothing on a seal
    CHECK(seal.signature == "def");
    DkimSignature with_h;
    CHECK(arc("i=1; cv=none; a=rsa-sha256; d=example.com; s=sel; h=From; b=ZGVm", SignatureKind::arc_seal, with_h) ==
          DkimReason::header_list_invalid);
    // A DKIM-Signature still needs v=1.
    CHECK(reason_of("a=rsa-sha256; d=example.com; s=sel; h=From; bh=YWJj; b=ZGVm") == DkimReason::tag_missing);
}
