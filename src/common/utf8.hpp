// UTF-8 for output formats that require it (JSON): text from mail carries
// bytes of any charset, and hostile input carries any bytes at all.
#pragma once

#include <string>
#include <string_view>

namespace mailwarden::common {

/// `text` with every byte that does not begin a well-formed UTF-8 sequence
/// (no overlong forms, surrogates or code points past U+10FFFF) replaced by
/// U+FFFD; valid text comes back unchanged.
std::string valid_utf8(std::string_view text);

}  // namespace mailwarden::common
