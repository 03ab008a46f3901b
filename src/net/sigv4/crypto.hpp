// SHA-256 and HMAC-SHA256 through OpenSSL 3 (EVP_MD / EVP_MAC), with the
// algorithm objects fetched once per process and the contexts kept per
// thread, so hashing allocates nothing after a thread's first call.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

namespace mailwarden::sigv4::detail {

using Digest = std::array<unsigned char, 32>;

/// SHA-256 of `data`. Aborts only if OpenSSL itself fails (out of memory).
void sha256(std::string_view data, Digest& out);

/// HMAC-SHA256 of `data` under `key`. Calling it again with the same key as
/// the thread's previous call reuses the keyed state (saves two blocks).
void hmac_sha256(std::span<const unsigned char> key, std::string_view data, Digest& out);

/// Writes the 64 lower-case hex digits of `digest` to `out`.
void to_hex(const Digest& digest, char* out) noexcept;

}  // namespace mailwarden::sigv4::detail
