// RFC 2047 encoded words in header values ("=?ISO-2022-JP?B?...?="), turned
// into UTF-8. Blanks between two adjacent encoded words are dropped, as the
// RFC says; malformed words stay as written.
#pragma once

#include <string>
#include <string_view>

namespace mailwarden::bounce_detail {

std::string decode_header_value(std::string_view value);

}  // namespace mailwarden::bounce_detail
