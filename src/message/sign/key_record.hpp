// The DKIM key record a signer publishes (RFC 6376 3.6.1, RFC 8463 4):
// "v=DKIM1; k=rsa; p=<SubjectPublicKeyInfo>" or "k=ed25519; p=<32 raw bytes>",
// and its split into the character-strings a TXT record holds.
#pragma once

#include <openssl/types.h>

#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::message_detail {

/// The p= value of `key`'s public half, base64.
std::string public_key_text(EVP_PKEY* key);

/// "v=DKIM1; k=rsa|ed25519; " + `extra_tags` + "p=...".
std::string key_record(EVP_PKEY* key, std::string_view extra_tags = {});

/// `text` cut into pieces of at most `max` bytes (a TXT character-string holds 255).
std::vector<std::string> character_strings(std::string_view text, std::size_t max = 255);

}  // namespace mailwarden::message_detail
