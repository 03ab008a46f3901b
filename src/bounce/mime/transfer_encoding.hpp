// Content-Transfer-Encoding decoders, lenient as mail readers must be:
// whitespace, stray characters and missing padding in base64 are skipped,
// a broken "=" escape in quoted-printable is kept as written.
#pragma once

#include <string>
#include <string_view>

namespace mailwarden::bounce_detail {

std::string decode_base64(std::string_view text);

/// Quoted-printable (RFC 2045 6.7); `q_encoding` selects the RFC 2047 "Q"
/// variant, where '_' stands for a space.
std::string decode_quoted_printable(std::string_view text, bool q_encoding = false);

/// Decodes a body by its Content-Transfer-Encoding value (7bit, 8bit,
/// binary and unknown encodings are returned as they are).
std::string decode_transfer_encoding(std::string_view body, std::string_view encoding);

}  // namespace mailwarden::bounce_detail
