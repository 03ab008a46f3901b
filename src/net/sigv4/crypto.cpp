#include "crypto.hpp"

// SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, but
// they run the same block code as the default provider without its per-call
// dispatch.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/crypto.h>
#include <openssl/sha.h>
#ifdef OPENSSL_NO_DEPRECATED_3_0
#error "SigV4 hashing needs OpenSSL built with its SHA256_* functions"
#endif

#include <cstring>

namespace mailwarden::sigv4::detail {

static_assert(sizeof(SHA256_CTX) == HmacKey::state_size);

void sha256(std::string_view data, Digest& out) noexcept {
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, data.data(), data.size());
    SHA256_Final(out.data(), &ctx);
    OPENSSL_cleanse(&ctx, sizeof ctx);
}

HmacKey::HmacKey(std::span<const unsigned char> key) noexcept {
    // RFC 2104: a key longer than the block is hashed first; shorter keys
    // are zero-padded to the 64-byte block.
    unsigned char block[SHA256_CBLOCK] = {};
    if (key.size() > sizeof block) {
        Digest hashed;
        sha256({reinterpret_cast<const char*>(key.data()), key.size()}, hashed);
        std::memcpy(block, hashed.data(), hashed.size());
        OPENSSL_cleanse(hashed.data(), hashed.size());
    } else if (!key.empty()) {
        std::memcpy(block, key.data(), key.size());
    }
    unsigned char pad[SHA256_CBLOCK];
    for (std::size_t i = 0; i < sizeof pad; ++i) pad[i] = static_cast<unsigned char>(block[i] ^ 0x36);
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, pad, sizeof pad);
    std::memcpy(inner_.data(), &ctx, sizeof ctx);
    for (std::size_t i = 0; i < sizeof pad; ++i) pad[i] = static_cast<unsigned char>(block[i] ^ 0x5c);
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, pad, sizeof pad);
    std::memcpy(outer_.data(), &ctx, sizeof ctx);
    OPENSSL_cleanse(&ctx, sizeof ctx);
    OPENSSL_cleanse(block, sizeof block);
    OPENSSL_cleanse(pad, sizeof pad);
}

HmacKey::~HmacKey() {
    OPENSSL_cleanse(inner_.data(), inner_.size());
    OPENSSL_cleanse(outer_.data(), outer_.size());
}

void HmacKey::mac(std::string_view data, Digest& out) const noexcept {
    SHA256_CTX ctx;
    std::memcpy(&ctx, inner_.data(), sizeof ctx);
    SHA256_Update(&ctx, data.data(), data.size());
    SHA256_Final(out.data(), &ctx);
    std::memcpy(&ctx, outer_.data(), sizeof ctx);
    SHA256_Update(&ctx, out.data(), out.size());
    SHA256_Final(out.data(), &ctx);
    OPENSSL_cleanse(&ctx, sizeof ctx);
}

void hmac_sha256(std::span<const unsigned char> key, std::string_view data, Digest& out) noexcept {
    HmacKey(key).mac(data, out);
}

namespace {

// Both hex digits of every byte value: one lookup and one copy per byte.
constexpr std::array<char, 512> make_hex_pairs() {
    constexpr char digits[] = "0123456789abcdef";
    std::array<char, 512> t{};
    for (std::size_t i = 0; i < 256; ++i) {
        t[2 * i] = digits[i >> 4];
        t[2 * i + 1] = digits[i & 0x0f];
    }
    return t;
}

constexpr std::array<char, 512> hex_pairs = make_hex_pairs();

}  // namespace

void to_hex(const Digest& digest, char* out) noexcept {
    for (std::size_t i = 0; i < digest.size(); ++i) std::memcpy(out + 2 * i, &hex_pairs[2 * std::size_t{digest[i]}], 2);
}

}  // namespace mailwarden::sigv4::detail
