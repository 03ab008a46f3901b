#include "bounce/mime/content_type.hpp"

#include "bounce/mime/ascii.hpp"

namespace mailwarden::bounce_detail {

namespace {

bool token_char(char c) noexcept {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 32 || u >= 127) return false;
    return std::string_view("()<>@,;:\\\"/[]?=").find(c) == std::string_view::npos;
}

// A token or quoted string starting at `i`; advances `i` past it.
std::string value_at(std::string_view s, std::size_t& i) {
    std::string out;
    if (i < s.size() && s[i] == '"') {
        ++i;
        while (i < s.size() && s[i] != '"') {
            if (s[i] == '\\' && i + 1 < s.size()) ++i;
            out.push_back(s[i++]);
        }
        if (i < s.size()) ++i;  // closing quote
        return out;
    }
    // Unquoted: up to ';' — lenient, since boundaries with '/' or '=' left
    // unquoted are common in the wild.
    while (i < s.size() && s[i] != ';' && !is_space(s[i])) out.push_back(s[i++]);
    return out;
}

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    c = ascii_lower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// RFC 2231 extended value: charset'language'percent-encoded; the charset
// is dropped (parameters the reader needs are ASCII).
std::string extended_value(std::string_view v, bool first_section) {
    if (first_section) {
        const std::size_t q1 = v.find('\'');
        const std::size_t q2 = q1 == std::string_view::npos ? q1 : v.find('\'', q1 + 1);
        if (q2 != std::string_view::npos) v.remove_prefix(q2 + 1);
    }
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '%' && i + 2 < v.size() && hex_value(v[i + 1]) >= 0 && hex_value(v[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(v[i + 1]) * 16 + hex_value(v[i + 2])));
            i += 2;
        } else {
            out.push_back(v[i]);
        }
    }
    return out;
}

void add_param(ContentType& ct, std::string name, std::string value) {
    // name*N / name*N* / name*: sections of one value, in order.
    const std::size_t star = name.find('*');
    if (star == std::string::npos) {
        for (const auto& p : ct.params)
            if (p.first == name) return;  // the first wins
        ct.params.emplace_back(std::move(name), std::move(value));
        return;
    }
    const bool encoded = name.back() == '*';
    const std::string base = name.substr(0, star);
    const std::string_view section(name.data() + star + 1, name.size() - star - 1 - (encoded ? 1 : 0));
    const bool first = section.empty() || section == "0";
    if (encoded) value = extended_value(value, first);
    for (auto& p : ct.params) {
        if (p.first == base) {
            if (!first) p.second += value;
            return;
        }
    }
    ct.params.emplace_back(base, std::move(value));
}

}  // namespace

std::string_view ContentType::param(std::string_view name) const noexcept {
    for (const auto& p : params)
        if (p.first == name) return p.second;
    return {};
}

ContentType parse_content_type(std::string_view value, std::string_view default_type) {
    ContentType ct;
    const std::size_t slash_default = default_type.find('/');
    ct.type = std::string(default_type.substr(0, slash_default));
    ct.subtype = std::string(default_type.substr(slash_default + 1));
    std::size_t i = 0;
    while (i < value.size() && is_space(value[i])) ++i;
    std::size_t start = i;
    while (i < value.size() && token_char(value[i])) ++i;
    const std::string_view type = value.substr(start, i - start);
    while (i < value.size() && is_space(value[i])) ++i;
    if (i >= value.size() || value[i] != '/' || type.empty()) return ct;
    ++i;
    while (i < value.size() && is_space(value[i])) ++i;
    start = i;
    while (i < value.size() && token_char(value[i])) ++i;
    const std::string_view subtype = value.substr(start, i - start);
    if (subtype.empty()) return ct;
    ct.type = to_lower(type);
    ct.subtype = to_lower(subtype);
    while (i < value.size()) {
        const std::size_t semi = value.find(';', i);
        if (semi == std::string_view::npos) break;
        i = semi + 1;
        while (i < value.size() && is_space(value[i])) ++i;
        start = i;
        while (i < value.size() && (token_char(value[i]) || value[i] == '*')) ++i;
        std::string name = to_lower(value.substr(start, i - start));
        while (i < value.size() && is_space(value[i])) ++i;
        if (name.empty() || i >= value.size() || value[i] != '=') continue;
        ++i;
        while (i < value.size() && is_space(value[i])) ++i;
        std::string v = value_at(value, i);
        add_param(ct, std::move(name), std::move(v));
    }
    return ct;
}

}  // namespace mailwarden::bounce_detail
