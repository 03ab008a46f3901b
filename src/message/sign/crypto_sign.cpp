#include "message/sign/crypto_sign.hpp"

#include "common/digest.hpp"

#include <openssl/evp.h>

#include <memory>
#include <new>

namespace mailwarden::message_detail {

std::optional<std::string> sign_header_input(EVP_PKEY* key, DkimAlgorithm algorithm, std::string_view header_input) {
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx) throw std::bad_alloc();
    const bool ed25519 = algorithm == DkimAlgorithm::ed25519_sha256;
    // RFC 8463: Ed25519 signs the SHA-256 of the canonical header data, not the data.
    const std::string digest = ed25519 ? common::sha256(header_input) : std::string();
    const std::string_view data = ed25519 ? std::string_view(digest) : header_input;
    const EVP_MD* md = ed25519 ? nullptr : algorithm == DkimAlgorithm::rsa_sha1 ? EVP_sha1() : EVP_sha256();
    const auto* in = reinterpret_cast<const unsigned char*>(data.data());
    std::size_t size = 0;
    if (EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, key) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &size, in, data.size()) != 1)
        return std::nullopt;
    std::string signature(size, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, in, data.size()) != 1)
        return std::nullopt;
    signature.resize(size);
    return signature;
}

}  // namespace mailwarden::message_detail
