#include "crypto.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace mailwarden::sigv4::detail {

namespace {

[[noreturn]] void crypto_failure(const char* what) {
    // Only reachable when OpenSSL cannot allocate or its provider is
    // missing: there is no meaningful way to sign without it.
    std::fprintf(stderr, "mailwarden sigv4: OpenSSL %s failed\n", what);
    std::abort();
}

// Explicit fetches: the implicit ones behind EVP_sha256() look the
// algorithm up again on every init.
struct Algorithms {
    EVP_MD* sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    EVP_MAC* hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    Algorithms() {
        if (sha256 == nullptr || hmac == nullptr) crypto_failure("algorithm fetch");
    }
    ~Algorithms() {
        EVP_MD_free(sha256);
        EVP_MAC_free(hmac);
    }
    Algorithms(const Algorithms&) = delete;
    Algorithms& operator=(const Algorithms&) = delete;
};

const Algorithms& algorithms() {
    static const Algorithms algs;
    return algs;
}

struct ThreadContexts {
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    EVP_MAC_CTX* mac = nullptr;
    Digest mac_key{};      // the key `mac` holds, valid when mac_keyed
    std::size_t mac_key_size = 0;
    bool mac_keyed = false;

    ThreadContexts() {
        const Algorithms& algs = algorithms();
        mac = EVP_MAC_CTX_new(algs.hmac);
        if (md == nullptr || mac == nullptr) crypto_failure("context allocation");
        char digest_name[] = "SHA256";
        const OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
            OSSL_PARAM_construct_end(),
        };
        if (EVP_MAC_CTX_set_params(mac, params) != 1) crypto_failure("HMAC digest selection");
    }
    ~ThreadContexts() {
        OPENSSL_cleanse(mac_key.data(), mac_key.size());
        EVP_MD_CTX_free(md);
        EVP_MAC_CTX_free(mac);
    }
    ThreadContexts(const ThreadContexts&) = delete;
    ThreadContexts& operator=(const ThreadContexts&) = delete;
};

ThreadContexts& contexts() {
    thread_local ThreadContexts ctx;
    return ctx;
}

}  // namespace

void sha256(std::string_view data, Digest& out) {
    ThreadContexts& ctx = contexts();
    unsigned int size = 0;
    if (EVP_DigestInit_ex2(ctx.md, algorithms().sha256, nullptr) != 1 ||
        EVP_DigestUpdate(ctx.md, data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(ctx.md, out.data(), &size) != 1 || size != out.size())
        crypto_failure("SHA-256");
}

void hmac_sha256(std::span<const unsigned char> key, std::string_view data, Digest& out) {
    ThreadContexts& ctx = contexts();
    // Same key as last time: a NULL key re-initialises HMAC from the
    // inner/outer states it already holds.
    const bool same_key = ctx.mac_keyed && key.size() == ctx.mac_key_size &&
                          std::memcmp(key.data(), ctx.mac_key.data(), key.size()) == 0;
    int ok = same_key ? EVP_MAC_init(ctx.mac, nullptr, 0, nullptr)
                      : EVP_MAC_init(ctx.mac, key.data(), key.size(), nullptr);
    if (ok != 1) crypto_failure("HMAC init");
    if (!same_key) {
        // Only signing keys (32 bytes) are worth remembering; the longer
        // "AWS4" + secret of a derivation is not kept.
        ctx.mac_keyed = key.size() <= ctx.mac_key.size();
        if (ctx.mac_keyed) {
            std::memcpy(ctx.mac_key.data(), key.data(), key.size());
            ctx.mac_key_size = key.size();
        } else {
            OPENSSL_cleanse(ctx.mac_key.data(), ctx.mac_key.size());
            ctx.mac_key_size = 0;
        }
    }
    std::size_t size = 0;
    if (EVP_MAC_update(ctx.mac, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1 ||
        EVP_MAC_final(ctx.mac, out.data(), &size, out.size()) != 1 || size != out.size())
        crypto_failure("HMAC");
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
