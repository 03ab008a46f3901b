// A DKIM private key read from PEM, with the algorithm it signs with:
// rsa-sha256 for RSA of 1024 bits or more (RFC 8301), ed25519-sha256 for
// Ed25519 (RFC 8463).
#pragma once

#include "message/dkim/signature.hpp"

#include <mailwarden/error.hpp>
#include <mailwarden/result.hpp>

#include <openssl/types.h>

#include <memory>
#include <string>
#include <string_view>

namespace mailwarden::message_detail {

using KeyHandle = std::shared_ptr<EVP_PKEY>;

struct SigningKey {
    KeyHandle key;
    DkimAlgorithm algorithm = DkimAlgorithm::rsa_sha256;
    unsigned bits = 0;  ///< the RSA modulus size; 256 for Ed25519
};

inline constexpr unsigned min_signing_rsa_bits = 1024;

/// Reads an unencrypted PEM private key (never prompts for a passphrase).
/// invalid_argument for anything but RSA of 1024 bits or more and Ed25519.
Result<SigningKey, Error> read_signing_key(std::string_view pem);

/// `key`'s private half as PKCS#8 PEM.
std::string private_key_pem(EVP_PKEY* key);

}  // namespace mailwarden::message_detail
