// The tokens in list links. A confirmation token is 32 random bytes, kept
// by the store only as a hash. An unsubscribe token names the subscriber
// and carries an HMAC under the store's key, so it lives as long as the
// subscriber without being stored, and cannot be made for anyone else.
//
//   confirmation:  c1.<43 base64url characters>
//   unsubscribe:   u1.<subscriber id>.<22 base64url characters (128-bit MAC)>
#pragma once

#include <mailwarden/error.hpp>
#include <mailwarden/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace mailwarden::hygiene {

/// A new confirmation token.
std::string new_confirmation_token();

/// Lower-case hex SHA-256 of a token: what the store keeps.
std::string token_hash(std::string_view token);

/// The unsubscribe token of a subscriber under `key`.
std::string unsubscribe_token(std::string_view key, std::int64_t subscriber_id);

/// The token of a link (its `token` query parameter) or the token itself,
/// trimmed. Errors: invalid_argument (no token in it, or not one of ours
/// by its shape: prefix, alphabet, length).
Result<std::string, Error> token_of(std::string_view link_or_token, std::string_view prefix);

/// The subscriber an unsubscribe token names, its MAC checked under `key`.
/// Errors: invalid_argument (malformed, forged).
Result<std::int64_t, Error> verify_unsubscribe_token(std::string_view token, std::string_view key);

}  // namespace mailwarden::hygiene
