#include "message/dkim/signature_verification.hpp"

#include "message/dkim/body_hash.hpp"
#include "message/dkim/crypto_verify.hpp"
#include "message/dkim/header_hash.hpp"

#include "common/base64.hpp"

#include <deque>

namespace mailwarden::message_detail {

// Signatures over the same body with the same canonicalization, digest and
// l= share one body hash. A deque: references handed out stay valid.
class BodyHashes {
public:
    BodyHashes(std::string_view body, std::uint64_t max_bytes) : body_(body), max_bytes_(max_bytes) {}

    const BodyHash& get(const DkimSignature& s) {
        const bool sha1 = s.algorithm == DkimAlgorithm::rsa_sha1;
        for (const auto& e : entries_)
            if (e.mode == s.body_canonicalization && e.sha1 == sha1 && e.length == s.length) return e.hash;
        entries_.push_back({s.body_canonicalization, sha1, s.length,
                            hash_body(body_, s.body_canonicalization, s.algorithm, s.length, max_bytes_)});
        return entries_.back().hash;
    }

private:
    struct Entry {
        Canonicalization mode;
        bool sha1;
        std::optional<std::uint64_t> length;
        BodyHash hash;
    };
    std::string_view body_;
    std::uint64_t max_bytes_;
    std::deque<Entry> entries_;
};

SignatureVerification::SignatureVerification(const RawMessage& message, const TxtLookup& lookup,
                                             const DkimVerifyOptions& options, KeyCache& keys, std::int64_t now)
    : message_(message), lookup_(lookup), options_(options), keys_(keys), now_(now),
      bodies_(std::make_unique<BodyHashes>(message.body, options.max_body_bytes)) {}

SignatureVerification::~SignatureVerification() = default;

DkimSignatureResult SignatureVerification::run(std::size_t field, SignatureKind kind, bool over_limit,
                                               const SignedInput& signed_input) {
    DkimSignatureResult out;
    const std::string_view text = message_.fields[field].text;
    const std::optional<SignatureProblem> syntax = parse_signature(text.substr(text.find(':') + 1), signature_, kind);
    report_tags(out);
    if (over_limit)
        return finish(out, {DkimReason::signature_limit,
                            "more than " + std::to_string(options_.max_signatures) + " signatures: not verified"});
    if (syntax) return finish(out, *syntax);
    if (auto p = check_times()) return finish(out, *p);

    KeyOutcome key = fetch_key(lookup_, signature_, keys_);
    if (!key.key) return finish(out, key.problem);
    out.key_bits = key.key->key_bits;
    out.key_testing = key.key->testing;
    if (auto p = check_key(*key.key, signature_)) return finish(out, *p);

    if (kind != SignatureKind::arc_seal)
        if (auto p = check_body(out)) return finish(out, *p);
    const std::string input = signed_input ? signed_input(field, signature_) : header_hash_input(message_, field, signature_);
    if (!verify_header_signature(key.key->public_key.get(), signature_.algorithm, input, signature_.signature))
        return finish(out, {DkimReason::signature_mismatch, "the signature does not verify over the signed header fields"});

    // Local policy, once the signature is known to be good.
    if (signature_.algorithm == DkimAlgorithm::rsa_sha1 && !options_.allow_sha1)
        return finish(out, {DkimReason::algorithm_sha1, "rsa-sha1 verifies but is not accepted (RFC 8301)"});
    if (signature_.algorithm != DkimAlgorithm::ed25519_sha256 && out.key_bits < options_.min_rsa_bits)
        return finish(out, {DkimReason::key_too_short, "the RSA key has " + std::to_string(out.key_bits) +
                                                           " bits, under " + std::to_string(options_.min_rsa_bits)});
    if (signature_.length && *signature_.length < out.body_length)
        return finish(out, {DkimReason::body_length_shorter,
                            "l=" + std::to_string(*signature_.length) + " signs part of a " + std::to_string(out.body_length) +
                                "-byte body: the rest could have been added"});
    return finish(out, {DkimReason::none, {}});
}

void SignatureVerification::report_tags(DkimSignatureResult& out) const {
    out.domain = signature_.domain;
    out.selector = signature_.selector;
    out.algorithm = signature_.algorithm_text;
    out.canonicalization = signature_.canonicalization_text;
    out.identity = signature_.identity;
    out.signed_headers = signature_.headers;
    out.body_hash_expected = signature_.body_hash.empty() ? std::string() : common::base64_encode(signature_.body_hash);
    out.body_length_signed = signature_.length;
    out.timestamp = signature_.timestamp;
    out.expiration = signature_.expiration;
}

std::optional<SignatureProblem> SignatureVerification::check_times() const {
    if (signature_.expiration && *signature_.expiration < now_)
        return SignatureProblem{DkimReason::signature_expired, "x=" + std::to_string(*signature_.expiration) + " has passed"};
    if (signature_.timestamp && *signature_.timestamp > now_ + options_.clock_skew.count())
        return SignatureProblem{DkimReason::signature_in_future, "t=" + std::to_string(*signature_.timestamp) + " lies in the future"};
    return std::nullopt;
}

std::optional<SignatureProblem> SignatureVerification::check_body(DkimSignatureResult& out) {
    const BodyHash& body = bodies_->get(signature_);
    out.body_length = body.canonical_length;
    if (body.limit_exceeded)
        return SignatureProblem{DkimReason::body_too_large,
                                "the body is longer than the " + std::to_string(options_.max_body_bytes) + " bytes hashed"};
    out.body_hash_computed = common::base64_encode(body.digest);
    if (signature_.length && *signature_.length > body.canonical_length)
        return SignatureProblem{DkimReason::body_length_exceeds, "l=" + std::to_string(*signature_.length) + " is longer than the " +
                                                                     std::to_string(body.canonical_length) + "-byte body"};
    if (body.digest != signature_.body_hash)
        return SignatureProblem{DkimReason::body_hash_mismatch, "the body hash is " + out.body_hash_computed + ", bh= says " +
                                                                    out.body_hash_expected};
    return std::nullopt;
}

DkimSignatureResult SignatureVerification::finish(DkimSignatureResult& out, SignatureProblem problem) {
    out.reason = problem.reason;
    out.result = result_of(problem.reason);
    out.detail = std::move(problem.detail);
    signature_ = DkimSignature{};
    return std::move(out);
}

}  // namespace mailwarden::message_detail
