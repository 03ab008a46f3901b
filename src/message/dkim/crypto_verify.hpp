// The signature check of DKIM (RFC 6376 3.3, RFC 8463 3) through OpenSSL:
// RSA PKCS#1 v1.5 over the header hash input with SHA-256 or SHA-1, and
// Ed25519 (PureEdDSA) over the SHA-256 digest of that input.
#pragma once

#include "message/dkim/signature.hpp"

#include <openssl/types.h>

#include <string_view>

namespace mailwarden::message_detail {

/// True when `signature` is `key`'s signature of `header_input` for
/// `algorithm`; false for a wrong signature or a key of another type.
bool verify_header_signature(EVP_PKEY* key, DkimAlgorithm algorithm, std::string_view header_input,
                             std::string_view signature);

}  // namespace mailwarden::message_detail
