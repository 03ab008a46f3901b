// DKIM public key records (RFC 6376 3.6.1, RFC 8463 for ed25519): what a
// selector publishes at <selector>._domainkey.<domain>.
#pragma once

#include <openssl/types.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::auth {

struct DkimKey {
    std::string key_type = "rsa";        ///< k=, "rsa" or "ed25519"
    bool revoked = false;                ///< p= is empty
    unsigned key_bits = 0;               ///< RSA modulus size; 256 for ed25519
    bool testing = false;                ///< t=y
    bool strict_subdomains = false;      ///< t=s
    std::vector<std::string> hash_algorithms;  ///< h=, empty = any
    std::vector<std::string> services;   ///< s=, empty = "*"
    /// The decoded key, ready for EVP_DigestVerify; null when revoked.
    std::shared_ptr<EVP_PKEY> public_key;
};

struct DkimKeyError {
    std::string message;
};

/// Parses and checks one key record: v=DKIM1 first if present, p= required,
/// the key decodes (DER SubjectPublicKeyInfo for RSA, 32 raw bytes for
/// ed25519) — through OpenSSL.
std::optional<DkimKey> parse_dkim_key(std::string_view record, DkimKeyError& error);

}  // namespace mailwarden::auth
