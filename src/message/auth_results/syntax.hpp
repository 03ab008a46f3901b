// The character classes and word shapes of RFC 8601's grammar, shared by
// the parser (which reads more than the grammar allows) and the renderer
// (which writes only what it allows).
#pragma once

#include <string>
#include <string_view>

namespace mailwarden::message_detail::auth_results_syntax {

/// Blank or line break: folding whitespace once the field is unfolded.
constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// Control characters other than the blanks and line breaks.
constexpr bool is_control(char c) noexcept {
    const auto u = static_cast<unsigned char>(c);
    return (u < 32 && !is_space(c)) || u == 127;
}

/// What the parser takes as a name (method, result, ptype, property): RFC
/// 2045 token characters but '.', wider than the grammar's Keyword so that
/// names such as "x_foo" are read rather than lost.
bool is_name_char(char c) noexcept;

/// What the parser takes as an unquoted value: anything but blanks,
/// controls, ';', comments and quotes; real mail writes "header.b=ab/cd+e".
bool is_value_char(char c) noexcept;

/// RFC 8601 Keyword (an RFC 5321 Ldh-str): letters, digits and '-', not
/// ending with '-'.
bool is_keyword(std::string_view s) noexcept;

/// RFC 2045 token: printable ASCII without blanks and tspecials.
bool is_token(std::string_view s) noexcept;

/// The address form of pvalue: [local-part] "@" domain-name, with a
/// dot-atom local part.
bool is_address_value(std::string_view s) noexcept;

/// A pvalue that can be written without quotes: a token or an address.
inline bool is_bare_pvalue(std::string_view s) noexcept { return is_token(s) || is_address_value(s); }

std::string to_lower(std::string_view s);

}  // namespace mailwarden::message_detail::auth_results_syntax
