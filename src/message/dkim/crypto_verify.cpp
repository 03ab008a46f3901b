#include "message/dkim/crypto_verify.hpp"

#include "common/digest.hpp"

#include <openssl/evp.h>

#include <memory>
#include <new>

namespace mailwarden::message_detail {

namespace {

const unsigned char* bytes(std::string_view s) noexcept { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

bool verify_header_signature(EVP_PKEY* key, DkimAlgorithm algorithm, std::string_view header_input,
                             std::string_view signature) {
    const bool ed25519 = algorithm == DkimAlgorithm::ed25519_sha256;
    if (key == nullptr || EVP_PKEY_base_id(key) != (ed25519 ? EVP_PKEY_ED25519 : EVP_PKEY_RSA)) return false;
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx) throw std::bad_alloc();
    if (ed25519) {
        // RFC 8463: Ed25519 signs the SHA-256 of the canonical header data, not the data.
        const std::string digest = common::sha256(header_input);
        return EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key) == 1 &&
               EVP_DigestVerify(ctx.get(), bytes(signature), signature.size(), bytes(digest), digest.size()) == 1;
    }
    const EVP_MD* md = algorithm == DkimAlgorithm::rsa_sha1 ? EVP_sha1() : EVP_sha256();
    return EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key) == 1 &&
           EVP_DigestVerify(ctx.get(), bytes(signature), signature.size(), bytes(header_input), header_input.size()) == 1;
}

}  // namespace mailwarden::message_detail
