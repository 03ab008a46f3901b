// SHA-256 and HMAC-SHA256 for SigV4 through OpenSSL's SHA-256 block
// functions directly. A signature hashes about 25 blocks; at that size the
// EVP layer's per-call dispatch is a fifth of the cost, and a keyed HMAC
// state kept as two plain SHA-256 midstates is copied instead of re-keyed.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

namespace mailwarden::sigv4::detail {

using Digest = std::array<unsigned char, 32>;

/// SHA-256 of `data`. Allocation-free.
void sha256(std::string_view data, Digest& out) noexcept;

/// An HMAC-SHA256 key as the two SHA-256 states after the inner and outer
/// pads: MACs under it skip the two pad blocks. Wiped on destruction.
class HmacKey {
public:
    /// Holds no key until one is assigned (no hashing: cheap to declare).
    HmacKey() noexcept = default;
    explicit HmacKey(std::span<const unsigned char> key) noexcept;
    HmacKey(const HmacKey&) noexcept = default;
    HmacKey& operator=(const HmacKey&) noexcept = default;
    ~HmacKey();

    /// HMAC-SHA256 of `data` under this key.
    void mac(std::string_view data, Digest& out) const noexcept;

    /// sizeof(SHA256_CTX), checked where OpenSSL's header is seen.
    static constexpr std::size_t state_size = 112;

private:
    alignas(8) std::array<unsigned char, state_size> inner_{};
    alignas(8) std::array<unsigned char, state_size> outer_{};
};

/// HMAC-SHA256 of `data` under `key` (keys once, for one-off MACs).
void hmac_sha256(std::span<const unsigned char> key, std::string_view data, Digest& out) noexcept;

/// Writes the 64 lower-case hex digits of `digest` to `out`.
void to_hex(const Digest& digest, char* out) noexcept;

}  // namespace mailwarden::sigv4::detail
