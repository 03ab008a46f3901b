// Text of any charset to UTF-8 through iconv (glibc): ISO-2022-JP,
// Shift_JIS, KOI8-R, windows-125x ... Converters are opened once per
// thread and charset. Bytes that do not convert become '?', never an error.
#pragma once

#include <string>
#include <string_view>

namespace mailwarden::bounce_detail {

/// `bytes` in `charset` as UTF-8. US-ASCII, UTF-8, an empty charset and
/// charsets iconv does not know are returned as they are.
std::string to_utf8(std::string_view bytes, std::string_view charset);

}  // namespace mailwarden::bounce_detail
