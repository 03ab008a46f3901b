#include "message/dkim/body_hash.hpp"

#include "message/dkim/canonicalize.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <new>

namespace mailwarden::message_detail {

BodyHash hash_body(std::string_view body, Canonicalization mode, DkimAlgorithm algorithm,
                   std::optional<std::uint64_t> length, std::uint64_t max_bytes) {
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx) throw std::bad_alloc();
    EVP_DigestInit_ex(ctx.get(), algorithm == DkimAlgorithm::rsa_sha1 ? EVP_sha1() : EVP_sha256(), nullptr);

    const std::uint64_t to_hash = length.value_or(UINT64_MAX);
    BodyHash out{{}, 0, false};
    BodyCanonicalizer canonicalizer(mode, [&](std::string_view piece) {
        const std::uint64_t start = out.canonical_length;
        out.canonical_length += piece.size();
        if (start >= to_hash || out.limit_exceeded) return;
        const std::uint64_t take = std::min<std::uint64_t>(piece.size(), to_hash - start);
        if (start + take > max_bytes) {
            out.limit_exceeded = true;
            return;
        }
        EVP_DigestUpdate(ctx.get(), piece.data(), static_cast<std::size_t>(take));
    });
    canonicalizer.update(body);
    canonicalizer.finish();
    if (out.limit_exceeded) return out;
    out.digest.resize(EVP_MAX_MD_SIZE);
    unsigned int size = 0;
    EVP_DigestFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.digest.data()), &size);
    out.digest.resize(size);
    return out;
}

}  // namespace mailwarden::message_detail
