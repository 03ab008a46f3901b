// DKIM signing: what DkimSigner writes verifies with our verifier (rsa and
// ed25519, relaxed and simple, CRLF and LF), over-signing makes an added
// field fail, t= and x= are written, the field is folded at 78 columns.
#include <mailwarden/dkim_sign.hpp>

#include "message/dkim/message_fields.hpp"
#include "message/dkim/signature.hpp"
#include "message/dkim/verifier.hpp"
#include "message/sign/signing_key.hpp"

#include "dkim_test_signer.hpp"
#include "support/memory_resolver.hpp"

#include <doctest/doctest.h>

#include <sstream>

namespace md = mailwarden::message_detail;
using mailwarden::DkimCanonicalization;
using mailwarden::DkimSigner;
using mailwarden::DkimSignOptions;
using mailwarden::errc;

namespace {

constexpr std::int64_t now_seconds = 1'764'000'000;

const std::string message =
    "From: Alice <alice@example.com>\r\n"
    "To: Bob <bob@example.net>\r\n"
    "Subject:   Lunch  \r\n\tat noon\r\n"
    "Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n"
    "Message-ID: <1@example.com>\r\n"
    "List-Unsubscribe: <https://example.com/u/1>\r\n"
    "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
    "\r\n"
    "Shall we  meet at noon?  \r\n"
    "\r\n"
    "Alice\r\n\r\n\r\n";

std::string pem_of(const dkim_test::KeyPtr& key) { return md::private_key_pem(key.get()); }

const dkim_test::KeyPtr& rsa() {
    static const dkim_test::KeyPtr key = dkim_test::rsa_key(2048);
    return key;
}

const dkim_test::KeyPtr& ed25519() {
    static const dkim_test::KeyPtr key = dkim_test::ed25519_key();
    return key;
}

DkimSignOptions options_at(std::int64_t now) {
    DkimSignOptions o;
    o.clock = std::make_shared<mailwarden::ManualClock>(mailwarden::from_unix_seconds(now));
    return o;
}

DkimSigner signer(const dkim_test::KeyPtr& key, DkimSignOptions o = options_at(now_seconds), std::string selector = "sel") {
    auto s = DkimSigner::create(pem_of(key), "example.com", std::move(selector), std::move(o));
    REQUIRE(s.has_value());
    return *s;
}

std::vector<md::DkimSignatureResult> verify(const std::string& signed_message) {
    auto dns = std::make_shared<test_support::MemoryResolver>();
    dns->txt("sel._domainkey.example.com", dkim_test::key_record(rsa().get()));
    dns->txt("ed._domainkey.example.com", dkim_test::key_record(ed25519().get()));
    md::DkimVerifyOptions options;
    options.clock = std::make_shared<mailwarden::ManualClock>(mailwarden::from_unix_seconds(now_seconds));
    return md::verify_dkim(signed_message, md::resolver_lookup(dns), options);
}

md::DkimSignatureResult verify_one(const std::string& signed_message) {
    auto results = verify(signed_message);
    REQUIRE(results.size() == 1);
    return results.front();
}

std::string sign_with(const DkimSigner& s, const std::string& m) {
    auto out = s.sign_message(m);
    REQUIRE(out.has_value());
    return *out;
}

md::DkimSignature parsed(const std::string& field) {
    md::DkimSignature sig;
    CHECK_FALSE(md::parse_signature(field.substr(field.find(':') + 1), sig).has_value());
    return sig;
}

}  // namespace

TEST_CASE("signatures verify: rsa and ed25519, every canonicalization, CRLF and LF") {
    for (const auto* key : {&rsa(), &ed25519()}) {
        for (const auto header : {DkimCanonicalization::relaxed, DkimCanonicalization::simple}) {
            for (const auto body : {DkimCanonicalization::relaxed, DkimCanonicalization::simple}) {
                DkimSignOptions o = options_at(now_seconds);
                o.header_canonicalization = header;
                o.body_canonicalization = body;
                const DkimSigner s = signer(*key, o, key == &rsa() ? "sel" : "ed");
                CAPTURE(s.algorithm());
                CAPTURE(static_cast<int>(header));
                CAPTURE(static_cast<int>(body));
                const auto r = verify_one(sign_with(s, message));
                CHECK(r.result == md::DkimResult::pass);
                CHECK(r.reason == md::DkimReason::none);

                std::string lf;
                for (const char c : message)
                    if (c != '\r') lf.push_back(c);
                const std::string signed_lf = sign_with(s, lf);
                CHECK(signed_lf.find('\r') == std::string::npos);
                CHECK(verify_one(signed_lf).result == md::DkimResult::pass);
            }
        }
    }
}

TEST_CASE("the algorithm follows the key; a changed body fails") {
    const DkimSigner r = signer(rsa());
    CHECK(r.algorithm() == "rsa-sha256");
    CHECK(r.key_bits() == 2048);
    const DkimSigner e = signer(ed25519(), options_at(now_seconds), "ed");
    CHECK(e.algorithm() == "ed25519-sha256");
    CHECK(e.key_bits() == 256);
    std::string changed = sign_with(e, message);
    changed.replace(changed.find("Alice\r\n\r\n\r\n"), 5, "Eve!!");
    CHECK(verify_one(changed).reason == md::DkimReason::body_hash_mismatch);
}

TEST_CASE("two signers give two signatures that both verify") {
    const std::vector<DkimSigner> signers{signer(rsa()), signer(ed25519(), options_at(now_seconds), "ed")};
    auto out = mailwarden::dkim_sign_message(message, signers);
    REQUIRE(out.has_value());
    CHECK(out->find("DKIM-Signature: v=1; a=rsa-sha256;") == 0);
    const auto results = verify(*out);
    REQUIRE(results.size() == 2);
    CHECK(results[0].algorithm == "rsa-sha256");
    CHECK(results[1].algorithm == "ed25519-sha256");
    for (const auto& r : results) CHECK(r.result == md::DkimResult::pass);
}

TEST_CASE("each default header is signed once more than present") {
    auto field = signer(rsa()).sign(message);
    REQUIRE(field.has_value());
    const md::DkimSignature sig = parsed(*field);
    const std::vector<std::string> expected{
        "From", "From", "To", "To", "Cc", "Subject", "Subject", "Date", "Date", "Message-ID", "Message-ID", "Reply-To",
        "Content-Type", "MIME-Version", "List-Unsubscribe", "List-Unsubscribe", "List-Unsubscribe-Post",
        "List-Unsubscribe-Post", "List-Id"};
    CHECK(sig.headers == expected);
    CHECK_FALSE(sig.length.has_value());
}

TEST_CASE("over-signing: an added From, Subject or Cc breaks the signature") {
    const std::string signed_message = sign_with(signer(rsa()), message);
    REQUIRE(verify_one(signed_message).result == md::DkimResult::pass);
    for (const std::string added : {"From: Mallory <mallory@example.com>\r\n", "Subject: Urgent: pay now\r\n",
                                    "Cc: eve@example.org\r\n"}) {
        CAPTURE(added);
        // Below the signature, and at the bottom of the header: both places a relay could add it.
        std::string top = signed_message;
        top.insert(top.find("From: Alice"), added);
        CHECK(verify_one(top).result == md::DkimResult::fail);
        std::string bottom = signed_message;
        bottom.insert(bottom.find("\r\n\r\n") + 2, added);
        CHECK(verify_one(bottom).result == md::DkimResult::fail);
    }
}

TEST_CASE("t= is always written, x= with a lifetime") {
    auto plain = signer(rsa()).sign(message);
    REQUIRE(plain.has_value());
    CHECK(parsed(*plain).timestamp == now_seconds);
    CHECK_FALSE(parsed(*plain).expiration.has_value());

    DkimSignOptions o = options_at(now_seconds);
    o.lifetime = std::chrono::hours(24 * 7);
    auto lasting = signer(rsa(), o).sign(message);
    REQUIRE(lasting.has_value());
    CHECK(parsed(*lasting).expiration == now_seconds + 7 * 86400);

    o.lifetime = std::chrono::seconds(60);
    o.clock = std::make_shared<mailwarden::ManualClock>(mailwarden::from_unix_seconds(now_seconds - 3600));
    const auto expired = verify_one(sign_with(signer(rsa(), o), message));
    CHECK(expired.reason == md::DkimReason::signature_expired);
}

TEST_CASE("the field is folded at 78 columns and ends in the message's line end") {
    for (const auto* key : {&rsa(), &ed25519()}) {
        DkimSignOptions o = options_at(now_seconds);
        o.lifetime = std::chrono::hours(1);
        auto field = signer(*key, o).sign(message);
        REQUIRE(field.has_value());
        CHECK(field->ends_with("\r\n"));
        std::istringstream lines(*field);
        int count = 0;
        for (std::string line; std::getline(lines, line); ++count) {
            CAPTURE(line);
            if (!line.empty() && line.back() == '\r') line.pop_back();
            CHECK(line.size() <= 78);
            CHECK(line.find_first_not_of(" \t") != std::string::npos);
            if (count > 0) CHECK(line.front() == ' ');
        }
        CHECK(count > 4);
    }
}

TEST_CASE("a message without From is refused; so are keys and names DKIM cannot use") {
    const DkimSigner s = signer(rsa());
    auto no_from = s.sign("To: bob@example.net\r\nSubject: x\r\n\r\nbody\r\n");
    REQUIRE_FALSE(no_from.has_value());
    CHECK(no_from.error().kind() == errc::invalid_argument);
    CHECK_FALSE(s.sign("").has_value());
    CHECK_FALSE(s.sign_message("Subject: x\r\n\r\n").has_value());

    CHECK(DkimSigner::create("not a key", "example.com", "sel").error().kind() == errc::invalid_argument);
    const dkim_test::KeyPtr small = dkim_test::rsa_key(512);
    CHECK(DkimSigner::create(pem_of(small), "example.com", "sel").error().kind() == errc::invalid_argument);
    const dkim_test::KeyPtr p256(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
    CHECK(DkimSigner::create(pem_of(p256), "example.com", "sel").error().kind() == errc::invalid_argument);
    for (const auto& names : std::vector<std::pair<std::string, std::string>>{
             {"localhost", "sel"}, {"exa mple.com", "sel"}, {"example.com; s=x", "sel"}, {"example.com", "se_l"},
             {"example.com", ""}, {"example.com", "sel\r\nBcc: x"}}) {
        CAPTURE(names.first);
        CAPTURE(names.second);
        CHECK(DkimSigner::create(pem_of(rsa()), names.first, names.second).error().kind() == errc::invalid_argument);
    }
    DkimSignOptions bad_header;
    for (const std::string bad : {"X Bad", "To:Cc", ""}) {
        bad_header.headers = {"Subject", bad};
        CHECK_FALSE(DkimSigner::create(pem_of(rsa()), "example.com", "sel", bad_header).has_value());
    }
}

TEST_CASE("a custom header list still signs From") {
    DkimSignOptions o = options_at(now_seconds);
    o.headers = {"Subject", "X-Campaign"};
    auto field = signer(rsa(), o).sign(message);
    REQUIRE(field.has_value());
    CHECK(parsed(*field).headers == std::vector<std::string>{"From", "From", "Subject", "Subject", "X-Campaign"});
    CHECK(verify_one(sign_with(signer(rsa(), o), message)).result == md::DkimResult::pass);
}
