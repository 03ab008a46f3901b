// SigV4 signatures per second on one core for an SES SendEmail request
// (POST, 1 KB JSON body, Content-Type), next to the raw OpenSSL floor: the
// payload SHA-256, the canonical-request SHA-256 and one HMAC with a cached
// key, nothing else — through EVP, and through the SHA256_* functions with
// the HMAC pads absorbed once. Last, the bound no SHA-256-based signer can
// pass on this CPU: the SHA-256 blocks one signature needs, each at the
// block rate OpenSSL reaches on a long message.
//   bench_sigv4 [--count N] [--rounds R] [--only PHASE]   time it (PHASE:
//       reused, new, derive, floor; for profiling one of them)
//   bench_sigv4 --write-body FILE          write the body for the node peers
// The SHA256_* functions: deprecated in OpenSSL 3, still the fastest path.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "sigv4_request.hpp"

#include <mailwarden/net/sigv4.hpp>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/sha.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <new>
#include <string>
#include <vector>

// Every allocation of the process is counted, the library's included.
namespace {
std::atomic<std::size_t> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

namespace sigv4 = mailwarden::sigv4;

struct Floor {
    EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    EVP_MD_CTX* md_ctx = EVP_MD_CTX_new();
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    EVP_MAC_CTX* mac_ctx = EVP_MAC_CTX_new(mac);

    explicit Floor(const unsigned char* key) {
        char digest[] = "SHA256";
        const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                     OSSL_PARAM_construct_end()};
        EVP_MAC_init(mac_ctx, key, 32, params);
    }
    ~Floor() {
        EVP_MAC_CTX_free(mac_ctx);
        EVP_MAC_free(mac);
        EVP_MD_CTX_free(md_ctx);
        EVP_MD_free(md);
    }
    Floor(const Floor&) = delete;
    Floor& operator=(const Floor&) = delete;

    void sha256(const std::string& data, unsigned char* out) {
        unsigned int n = 0;
        EVP_DigestInit_ex2(md_ctx, md, nullptr);
        EVP_DigestUpdate(md_ctx, data.data(), data.size());
        EVP_DigestFinal_ex(md_ctx, out, &n);
    }
    // The cached key: re-initialise the keyed context, no key schedule.
    void hmac(const std::string& data, unsigned char* out) {
        std::size_t n = 0;
        EVP_MAC_init(mac_ctx, nullptr, 0, nullptr);
        EVP_MAC_update(mac_ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size());
        EVP_MAC_final(mac_ctx, out, &n, 32);
    }
};

// The same three primitives through SHA256_*: the HMAC states after the
// inner and outer pads are computed once, each MAC starts from copies.
struct LowLevelFloor {
    SHA256_CTX inner{};
    SHA256_CTX outer{};

    explicit LowLevelFloor(const unsigned char* key) {
        unsigned char pad[64] = {};
        for (int i = 0; i < 32; ++i) pad[i] = key[i];
        for (unsigned char& b : pad) b ^= 0x36;
        SHA256_Init(&inner);
        SHA256_Update(&inner, pad, sizeof pad);
        for (unsigned char& b : pad) b ^= 0x36 ^ 0x5c;
        SHA256_Init(&outer);
        SHA256_Update(&outer, pad, sizeof pad);
    }
    static void sha256(const std::string& data, unsigned char* out) {
        SHA256_CTX c;
        SHA256_Init(&c);
        SHA256_Update(&c, data.data(), data.size());
        SHA256_Final(out, &c);
    }
    void hmac(const std::string& data, unsigned char* out) const {
        SHA256_CTX c = inner;
        SHA256_Update(&c, data.data(), data.size());
        SHA256_Final(out, &c);
        c = outer;
        SHA256_Update(&c, out, 32);
        SHA256_Final(out, &c);
    }
};

// SHA-256 compresses 64-byte blocks; a message of n bytes takes
// (n + 9) / 64 rounded up (the 0x80 byte and the 64-bit length).
std::size_t sha256_blocks(std::size_t n) { return (n + 9 + 63) / 64; }

// Nanoseconds per block on a long message (no per-call cost), best of 5.
double sha256_ns_per_block() {
    const std::string big(1 << 20, 'x');
    unsigned char out[32];
    double best = 1e9;
    for (int r = 0; r < 5; ++r) {
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < 64; ++i) LowLevelFloor::sha256(big, out);
        const std::chrono::duration<double, std::nano> took = std::chrono::steady_clock::now() - start;
        best = std::min(best, took.count() / (64.0 * static_cast<double>(big.size() / 64)));
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t count = 200'000;
    int rounds = 5;
    const char* body_file = nullptr;
    std::string only;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--count") == 0 && i + 1 < argc) count = std::stoul(argv[++i]);
        else if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) rounds = std::stoi(argv[++i]);
        else if (std::strcmp(argv[i], "--write-body") == 0 && i + 1 < argc) body_file = argv[++i];
        else if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc) only = argv[++i];
        else {
            std::fprintf(stderr, "usage: bench_sigv4 [--count N] [--rounds R] [--write-body FILE]\n");
            return 2;
        }
    }
    const std::string body = bench::sigv4_send_email_body();
    if (body_file != nullptr) {
        std::ofstream out(body_file, std::ios::binary);
        out << body;
        return out ? 0 : 1;
    }

    const mailwarden::aws::Credentials credentials(bench::sigv4_access_key, bench::sigv4_secret);
    const sigv4::Header headers[] = {{"Content-Type", "application/json"}};
    sigv4::Request request;
    request.method = "POST";
    request.host = bench::sigv4_host;
    request.path = bench::sigv4_path;
    request.headers = headers;
    request.body = body;
    sigv4::SigningConfig config;
    config.region = "us-east-1";
    config.service = "ses";
    config.time = *sigv4::parse_amz_date(bench::sigv4_date);

    // Phases run in turn within each round (not one after the other), so
    // that a busy neighbour on the machine slows all of them alike; the
    // best round of each counts.
    struct Phase {
        std::string label;
        std::size_t n;
        std::function<void()> one;
        double best = 0;
        std::size_t allocs = 0;
    };
    std::vector<Phase> phases;
    auto add = [&](std::string label, std::size_t n, std::function<void()> one) {
        if (only.empty() || label.find(only) != std::string::npos) phases.push_back({std::move(label), n, std::move(one)});
    };
    auto run_phases = [&] {
        for (int r = 0; r < rounds; ++r) {
            for (Phase& p : phases) {
                const std::size_t before = allocations.load();
                const auto start = std::chrono::steady_clock::now();
                for (std::size_t i = 0; i < p.n; ++i) p.one();
                const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
                p.allocs = allocations.load() - before;
                p.best = std::max(p.best, static_cast<double>(p.n) / took.count());
            }
        }
        for (const Phase& p : phases)
            std::printf("%s\t%zu signatures\t%.0f signatures/s (best of %d)\t%.2f allocations/signature\n", p.label.c_str(),
                        p.n, p.best, rounds, static_cast<double>(p.allocs) / static_cast<double>(p.n));
    };

    sigv4::Signer signer;
    sigv4::SignedRequest reused;
    if (signer.sign(request, credentials, config, reused)) return 1;
    std::printf("body\t%zu bytes\nauthorization\t%.*s\n", body.size(), static_cast<int>(reused.authorization().size()),
                reused.authorization().data());

    add("mailwarden (reused SignedRequest)", count, [&] { (void)signer.sign(request, credentials, config, reused); });
    add("mailwarden (new SignedRequest each)", count, [&] {
        sigv4::SignedRequest fresh;
        (void)signer.sign(request, credentials, config, fresh);
    });
    add("mailwarden (signing key derived each time: derive)", count / 4, [&] {
        signer.clear_cache();
        (void)signer.sign(request, credentials, config, reused);
    });

    // The floor: the three primitives every SigV4 signature needs, on the
    // same inputs, nothing else (no canonicalisation, no formatting).
    const std::string canonical(reused.canonical_request());
    const std::string string_to_sign(reused.string_to_sign());
    unsigned char key[32];
    {
        // The signing key, derived once with the same HMAC chain.
        auto hmac_once = [](const unsigned char* k, std::size_t klen, std::string_view data, unsigned char* out) {
            EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
            EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
            char digest[] = "SHA256";
            const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                         OSSL_PARAM_construct_end()};
            std::size_t n = 0;
            EVP_MAC_init(ctx, k, klen, params);
            EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size());
            EVP_MAC_final(ctx, out, &n, 32);
            EVP_MAC_CTX_free(ctx);
            EVP_MAC_free(mac);
        };
        const std::string k_secret = std::string("AWS4") + bench::sigv4_secret;
        unsigned char a[32];
        unsigned char b[32];
        hmac_once(reinterpret_cast<const unsigned char*>(k_secret.data()), k_secret.size(), "20260101", a);
        hmac_once(a, 32, "us-east-1", b);
        hmac_once(b, 32, "ses", a);
        hmac_once(a, 32, "aws4_request", key);
    }
    Floor floor(key);
    unsigned char digest[32];
    unsigned char signature[32];
    floor.hmac(string_to_sign, signature);
    char hex[65];
    for (int i = 0; i < 32; ++i) std::snprintf(hex + 2 * i, 3, "%02x", signature[i]);
    if (std::string_view(hex, 64) != reused.signature()) {
        std::fprintf(stderr, "floor signature differs from the signer's\n");
        return 1;
    }
    add("OpenSSL EVP floor (2 x SHA-256 + 1 HMAC, keyed context)", count, [&] {
        floor.sha256(body, digest);
        floor.sha256(canonical, digest);
        floor.hmac(string_to_sign, signature);
    });
    const LowLevelFloor low(key);
    low.hmac(string_to_sign, signature);
    for (int i = 0; i < 32; ++i) std::snprintf(hex + 2 * i, 3, "%02x", signature[i]);
    if (std::string_view(hex, 64) != reused.signature()) {
        std::fprintf(stderr, "low-level floor signature differs from the signer's\n");
        return 1;
    }
    add("OpenSSL SHA256_* floor (2 x SHA-256 + 1 HMAC, pads precomputed)", count, [&] {
        LowLevelFloor::sha256(body, digest);
        LowLevelFloor::sha256(canonical, digest);
        low.hmac(string_to_sign, signature);
    });
    run_phases();
    if (!only.empty()) return 0;

    // Blocks: the body, the canonical request, and the HMAC's inner
    // message (pad block already absorbed) plus its one outer block.
    const std::size_t blocks = sha256_blocks(body.size()) + sha256_blocks(canonical.size()) +
                               (sha256_blocks(64 + string_to_sign.size()) - 1) + 1;
    const double ns = sha256_ns_per_block();
    std::printf("SHA-256 bound\t%zu blocks per signature x %.1f ns per block (long-message rate)\t%.0f signatures/s at most\n",
                blocks, ns, 1e9 / (static_cast<double>(blocks) * ns));
    const double lowest = std::max(phases[phases.size() - 2].best, phases.back().best);
    std::printf("mailwarden vs floor\t%.2fx the fastest floor's time per signature\n", lowest / phases.front().best);
    return 0;
}
