// UTF-8 read and written in one place: text from mail carries bytes of any
// charset, hostile input carries any bytes at all, and output formats (JSON,
// HTML) require well-formed UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::common {

/// The code point that starts at `text[at]`, advancing `at` past it. A byte
/// that does not begin a well-formed sequence (no overlong forms, surrogates
/// or code points past U+10FFFF) is U+FFFD and advances `at` by one.
/// Precondition: at < text.size().
char32_t next_code_point(std::string_view text, std::size_t& at) noexcept;

/// The code points of `text`, as next_code_point() reads them.
std::vector<char32_t> code_points(std::string_view text);

/// Appends `cp` (a Unicode scalar value) to `out` as UTF-8.
void append_utf8(std::string& out, char32_t cp);

/// `text` with every byte that does not begin a well-formed UTF-8 sequence
/// replaced by U+FFFD; valid text comes back unchanged.
std::string valid_utf8(std::string_view text);

}  // namespace mailwarden::common
