// SHA-256 and HMAC-SHA256 through OpenSSL, for content hashes, token hashes
// and signed links. (SigV4 has its own allocation-free pair in net/sigv4.)
#pragma once

#include <string>
#include <string_view>

namespace mailwarden::common {

/// The 32-byte SHA-256 digest of `bytes`.
std::string sha256(std::string_view bytes);

/// The 32-byte HMAC-SHA256 of `message` under `key`.
std::string hmac_sha256(std::string_view key, std::string_view message);

/// Compares two byte strings in time that depends only on their lengths.
bool equal_in_constant_time(std::string_view a, std::string_view b) noexcept;

}  // namespace mailwarden::common
