// Base64 (RFC 4648) through OpenSSL, for SES raw messages, RFC 2047 words and
// signatures.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mailwarden::common {

std::string base64_encode(std::string_view bytes);

/// The URL and file name alphabet ("-", "_"), without padding (RFC 4648
/// section 5), for tokens in links.
std::string base64url_encode(std::string_view bytes);

/// Standard alphabet, padding required, whitespace not allowed; nullopt when malformed.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace mailwarden::common
