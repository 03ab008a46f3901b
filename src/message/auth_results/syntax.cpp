#include "message/auth_results/syntax.hpp"

namespace mailwarden::message_detail::auth_results_syntax {

namespace {

constexpr std::string_view tspecials = "()<>@,;:\\\"/[]?=";

bool is_alnum(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_token_char(char c) noexcept {
    const auto u = static_cast<unsigned char>(c);
    return u > 32 && u < 127 && tspecials.find(c) == std::string_view::npos;
}

// RFC 5322 atext.
bool is_atext(char c) noexcept { return is_alnum(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos; }

bool is_dot_atom(std::string_view s) noexcept {
    if (s.empty() || s.front() == '.' || s.back() == '.') return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '.' ? s[i - 1] == '.' : !is_atext(s[i])) return false;
    }
    return true;
}

// RFC 6376 domain-name: sub-domains of letters, digits and inner hyphens.
bool is_domain_name(std::string_view s) noexcept {
    if (s.empty()) return false;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = s.find('.', start);
        const std::string_view label = s.substr(start, dot == std::string_view::npos ? s.npos : dot - start);
        if (label.empty() || !is_alnum(label.front()) || !is_alnum(label.back())) return false;
        for (const char c : label)
            if (!is_alnum(c) && c != '-') return false;
        if (dot == std::string_view::npos) return true;
        start = dot + 1;
    }
}

}  // namespace

bool is_name_char(char c) noexcept { return c != '.' && is_token_char(c); }

bool is_value_char(char c) noexcept {
    return !is_space(c) && !is_control(c) && c != ';' && c != '(' && c != ')' && c != '"';
}

bool is_keyword(std::string_view s) noexcept {
    if (s.empty() || s.back() == '-') return false;
    for (const char c : s)
        if (!is_alnum(c) && c != '-') return false;
    return true;
}

bool is_token(std::string_view s) noexcept {
    if (s.empty()) return false;
    for (const char c : s)
        if (!is_token_char(c)) return false;
    return true;
}

bool is_address_value(std::string_view s) noexcept {
    const std::size_t at = s.rfind('@');
    if (at == std::string_view::npos) return false;
    const std::string_view local = s.substr(0, at);
    return (local.empty() || is_dot_atom(local)) && is_domain_name(s.substr(at + 1));
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace mailwarden::message_detail::auth_results_syntax
