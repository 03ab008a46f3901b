// A DKIM signer for tests, built from the verifier's own canonicalization
// and OpenSSL: it signs messages that tests then tamper with. (Interop with
// an independent signer is the dkimpy cross-check's job.)
#pragma once

#include "message/dkim/body_hash.hpp"
#include "message/dkim/header_hash.hpp"
#include "message/dkim/message_fields.hpp"

#include "auth/tag_list.hpp"
#include "common/base64.hpp"
#include "common/digest.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace dkim_test {

using mailwarden::message_detail::Canonicalization;
using mailwarden::message_detail::DkimAlgorithm;

using KeyPtr = std::shared_ptr<EVP_PKEY>;

inline KeyPtr rsa_key(unsigned bits) { return KeyPtr(EVP_RSA_gen(bits), EVP_PKEY_free); }
inline KeyPtr ed25519_key() { return KeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), EVP_PKEY_free); }

/// The p= value of `key`: SubjectPublicKeyInfo for RSA, the raw 32 bytes for Ed25519.
inline std::string public_key_text(EVP_PKEY* key) {
    if (EVP_PKEY_base_id(key) == EVP_PKEY_ED25519) {
        std::string raw(32, '\0');
        std::size_t n = raw.size();
        EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(raw.data()), &n);
        return mailwarden::common::base64_encode(raw);
    }
    unsigned char* der = nullptr;
    const int n = i2d_PUBKEY(key, &der);
    std::string out = mailwarden::common::base64_encode(std::string_view(reinterpret_cast<char*>(der), static_cast<std::size_t>(n)));
    OPENSSL_free(der);
    return out;
}

/// The TXT record to publish for `key`.
inline std::string key_record(EVP_PKEY* key, const std::string& extra = "") {
    const bool ed = EVP_PKEY_base_id(key) == EVP_PKEY_ED25519;
    return "v=DKIM1; k=" + std::string(ed ? "ed25519" : "rsa") + "; " + extra + "p=" + public_key_text(key);
}

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
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    const bool ed = algorithm == DkimAlgorithm::ed25519_sha256;
    const std::string data = ed ? mailwarden::common::sha256(input) : input;
    const EVP_MD* md = ed ? nullptr : algorithm == DkimAlgorithm::rsa_sha1 ? EVP_sha1() : EVP_sha256();
    std::size_t size = 0;
    const auto* in = reinterpret_cast<const unsigned char*>(data.data());
    if (EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, key) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &size, in, data.size()) != 1)
        throw std::runtime_error("cannot sign");
    std::string sig(size, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &size, in, data.size()) != 1)
        throw std::runtime_error("cannot sign");
    sig.resize(size);
    return sig;
}

/// `message` with a DKIM-Signature field added on top. Line ends of the
/// new field follow the message's (CRLF unless it has none).
inline std::string sign(const std::string& message, const SignRequest& r) {
    namespace md = mailwarden::message_detail;
    const std::string eol = message.find("\r\n") == std::string::npos ? "\n" : "\r\n";
    md::DkimSignature sig;
    sig.algorithm = r.algorithm;
    sig.header_canonicalization = r.header_canonicalization;
    sig.body_canonicalization = r.body_canonicalization;
    for (const auto name : mailwarden::auth::split_list(r.headers)) sig.headers.emplace_back(name);
    const auto body = md::hash_body(md::split_message(message).body, r.body_canonicalization, r.algorithm, r.length, UINT64_MAX);

    std::string field = "DKIM-Signature: v=1; a=" + std::string(md::to_string(r.algorithm)) +
                        "; c=" + canonicalization_name(r.header_canonicalization) + "/" +
                        canonicalization_name(r.body_canonicalization) + ";" + eol + " d=" + r.domain + "; s=" + r.selector +
                        "; " + r.extra_tags + (r.length ? "l=" + std::to_string(*r.length) + "; " : "") + eol +
                        " h=" + r.headers + ";" + eol + " bh=" + mailwarden::common::base64_encode(body.digest) + ";" + eol + " b=";
    const std::string unsigned_message = field + eol + message;
    const std::string input = md::header_hash_input(md::split_message(unsigned_message), 0, sig);
    std::string b = mailwarden::common::base64_encode(sign_bytes(r.key, r.algorithm, input));
    // Folded in the middle: b= may hold whitespace anywhere.
    if (b.size() > 40) b.insert(40, eol + " ");
    return field + b + eol + message;
}

}  // namespace dkim_test
