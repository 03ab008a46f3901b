// The signing half of crypto_verify: RSA PKCS#1 v1.5 over the header hash
// input, or Ed25519 over its SHA-256 digest (RFC 8463 3).
#pragma once

#include "message/dkim/signature.hpp"

#include <openssl/types.h>

#include <optional>
#include <string>
#include <string_view>

namespace mailwarden::message_detail {

/// `key`'s raw signature of `header_input` for `algorithm`; nullopt when
/// OpenSSL refuses (a key that does not fit the algorithm).
std::optional<std::string> sign_header_input(EVP_PKEY* key, DkimAlgorithm algorithm, std::string_view header_input);

}  // namespace mailwarden::message_detail
