// A DKIM signer for tests, built from the verifier's own canonicalization
// and the production signer's OpenSSL calls: it writes what the production
// signer never does (l=, rsa-sha1, any h=, stray tags) for tests to verify
// and tamper with. (Interop with an independent signer is the dkimpy
// cross-check's job.)
#pragma once

#include "message/dkim/body_hash.hpp"
#include "message/dkim/header_hash.hpp"
#include "message/dkim/message_fields.hpp"
#include "message/sign/crypto_sign.hpp"
#include "message/sign/key_record.hpp"

#include "auth/tag_list.hpp"
#include "common/base64.hpp"

#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace dkim_test {

using mailwarden::message_detail::Canonicalization;
using mailwarden::message_detail::DkimAlgorithm;

using KeyPtr = std::shared_ptr<EVP_PKEY>;

inline KeyPtr rsa_key(unsigned bits) { return KeyPtr(EVP_RSA_gen(bits), EVP_PKEY_free); }
/// One RSA-2048 key for all tests of a program: generating it is the slow part.
inline KeyPtr shared_rsa_key() {
    static const KeyPtr key = rsa_key(2048);
    return key;
}
inline KeyPtr ed25519_key() { return KeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), EVP_PKEY_free); }

using mailwarden::message_detail::key_record;
using mailwarden::message_detail::public_key_text;

struct SignRequest {
    EVP_PKEY* key = nullptr;
    std::string domain = "example.com";
    std::string selector = "sel";
    DkimAlgorithm algorithm = DkimAlgorithm::rsa_sha256;
    Canonicalization header_canonicalization = Canonicalization::relaxed;
    Canonicalization body_canonicalization = Canonicalization::relaxed;
    std::string headers = "From:To:Subject:Date";  ///< h=
    std::optional<std::uint64_t> length;          ///< l=
    std::string extra_tags;                       ///< e.g. "t=123; x=456; i=a@example.com; "
};

inline std::string canonicalization_name(Canonicalization c) { return c == Canonicalization::simple ? "simple" : "relaxed"; }

inline std::string sign_bytes(EVP_PKEY* key, DkimAlgorithm algorithm, const std::string& input) {
    auto signature = mailwarden::message_detail::sign_header_input(key, algorithm, input);
    if (!signature) throw std::runtime_error("cannot sign");
    return *signature;
}

/// The line end `message` uses: CRLF unless it has none.
inline std::string line_end_of(const std::string& message) { return message.find("\r\n") == std::string::npos ? "\n" : "\r\n"; }

/// A signature field named `field_name` over `message` (which it would top),
/// with its line end; `first_tags` lead (DKIM's "v=1; ", ARC's "i=N; ").
inline std::string signature_field(const std::string& message, const SignRequest& r, const std::string& field_name,
                                   const std::string& first_tags) {
    namespace md = mailwarden::message_detail;
    const std::string eol = line_end_of(message);
    md::DkimSignature sig;
    sig.algorithm = r.algorithm;
    sig.header_canonicalization = r.header_canonicalization;
    sig.body_canonicalization = r.body_canonicalization;
    for (const auto name : mailwarden::auth::split_list(r.headers)) sig.headers.emplace_back(name);
    const auto body = md::hash_body(md::split_message(message).body, r.body_canonicalization, r.algorithm, r.length, UINT64_MAX);

    std::string field = field_name + ": " + first_tags + "a=" + std::string(md::to_string(r.algorithm)) +
                        "; c=" + canonicalization_name(r.header_canonicalization) + "/" +
                        canonicalization_name(r.body_canonicalization) + ";" + eol + " d=" + r.domain + "; s=" + r.selector +
                        "; " + r.extra_tags + (r.length ? "l=" + std::to_string(*r.length) + "; " : "") + eol +
                        " h=" + r.headers + ";" + eol + " bh=" + mailwarden::common::base64_encode(body.digest) + ";" + eol + " b=";
    const std::string unsigned_message = field + eol + message;
    const std::string input = md::header_hash_input(md::split_message(unsigned_message), 0, sig);
    std::string b = mailwarden::common::base64_encode(sign_bytes(r.key, r.algorithm, input));
    // Folded in the middle: b= may hold whitespace anywhere.
    if (b.size() > 40) b.insert(40, eol + " ");
    return field + b + eol;
}

/// `message` with a DKIM-Signature field added on top.
inline std::string sign(const std::string& message, const SignRequest& r) {
    return signature_field(message, r, "DKIM-Signature", "v=1; ") + message;
}

}  // namespace dkim_test
