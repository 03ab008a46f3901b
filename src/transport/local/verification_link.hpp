// Verification links of the local transport: the address, the expiry and an
// HMAC-SHA256 over both (and a nonce), so a link cannot be forged or
// stretched, and an old link stops working once a new one is sent.
#pragma once

#include <mailwarden/error.hpp>
#include <mailwarden/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace mailwarden::local {

struct LinkClaims {
    std::string address;
    std::int64_t expires = 0;  ///< seconds since the epoch
    std::string nonce;         ///< per verification request
};

/// link_base?address=...&expires=...&nonce=...&token=...
std::string make_link(std::string_view link_base, std::string_view key, const LinkClaims& claims);

/// Parses and authenticates a link. Does not look at the clock. Errors:
/// invalid_argument (not a link, missing fields, wrong signature).
Result<LinkClaims, Error> verify_link(std::string_view link, std::string_view key);

}  // namespace mailwarden::local
