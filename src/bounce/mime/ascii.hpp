// Byte-level helpers shared by the mail readers: ASCII case folding and
// trimming. Bytes above 0x7F are left alone (8-bit headers stay readable).
#pragma once

#include <string>
#include <string_view>

namespace mailwarden::bounce_detail {

constexpr char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

bool iequals(std::string_view a, std::string_view b) noexcept;
bool istarts_with(std::string_view text, std::string_view prefix) noexcept;
/// Position of `needle` in `text` ignoring ASCII case; npos when absent.
std::size_t ifind(std::string_view text, std::string_view needle, std::size_t from = 0) noexcept;
std::string_view trim(std::string_view s) noexcept;
std::string to_lower(std::string_view s);

}  // namespace mailwarden::bounce_detail
