#include "local_part.hpp"

#include "char_classes.hpp"

namespace mailwarden::address_detail {

std::size_t skip_comment(std::string_view text, std::size_t open) noexcept {
    int depth = 0;
    for (std::size_t i = open; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\') {
            if (++i == text.size()) return std::string_view::npos;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            if (--depth == 0) return i + 1;
        }
    }
    return std::string_view::npos;
}

namespace {

// Index one past the closing quote of the quoted string opening at `open`;
// npos when it is not closed (a trailing backslash included).
std::size_t skip_quoted_string(std::string_view text, std::size_t open, bool& non_ascii) noexcept {
    for (std::size_t i = open + 1; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\\') {
            if (++i == text.size()) return std::string_view::npos;
            if (static_cast<unsigned char>(text[i]) >= 0x80) non_ascii = true;
        } else if (c == '"') {
            return i + 1;
        } else if (c >= 0x80) {
            non_ascii = true;
        }
    }
    return std::string_view::npos;
}

}  // namespace

LocalPartScan scan_local_part(std::string_view s) noexcept {
    LocalPartScan out;
    auto fail = [&out](AddressReason r) {
        out.reason = r;
        return out;
    };
    if (!s.empty() && s[0] == '@') return fail(AddressReason::no_local_part);

    std::size_t elements = 0;
    bool any_quoted = false;
    bool element_start = true;  // at the beginning or right after a dot
    bool after_quoted = false;  // right after the closing quote of a quoted string
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (has_class(c, cc_atext) && !after_quoted) {
            while (i < s.size() && has_class(static_cast<unsigned char>(s[i]), cc_atext)) ++i;
            if (element_start) ++elements;
            element_start = false;
            continue;
        }
        switch (c) {
        case '@':
            if (element_start) return fail(i == 0 ? AddressReason::no_local_part : AddressReason::trailing_dot);
            if (any_quoted && elements > 1) return fail(AddressReason::obsolete_local_part);
            out.at = i;
            out.quoted = any_quoted;
            return out;
        case '.':
            if (element_start) return fail(i == 0 ? AddressReason::leading_dot : AddressReason::consecutive_dots);
            element_start = true;
            after_quoted = false;
            ++i;
            continue;
        case '"': {
            if (!element_start) return fail(AddressReason::invalid_local_character);
            bool non_ascii = false;
            const std::size_t end = skip_quoted_string(s, i, non_ascii);
            if (end == std::string_view::npos) return fail(AddressReason::unterminated);
            if (non_ascii) return fail(AddressReason::non_ascii_local_part);
            any_quoted = true;
            ++elements;
            element_start = false;
            after_quoted = true;
            i = end;
            continue;
        }
        case '(':
            return fail(skip_comment(s, i) == std::string_view::npos ? AddressReason::unterminated
                                                                     : AddressReason::comment);
        case ' ':
            return fail(AddressReason::whitespace);
        default:
            return fail(c >= 0x80 ? AddressReason::non_ascii_local_part : AddressReason::invalid_local_character);
        }
    }
    return fail(AddressReason::missing_at);
}

}  // namespace mailwarden::address_detail
