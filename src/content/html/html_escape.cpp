#include "content/html/html_escape.hpp"

#include "common/utf8.hpp"

namespace mailwarden::content_detail {

namespace {

/// The length of the UTF-8 sequence led by `lead` in valid UTF-8.
std::size_t sequence_length(unsigned char lead) noexcept {
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

char32_t code_point(std::string_view s) noexcept {
    const auto b = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(s[i])); };
    switch (s.size()) {
    case 1: return b(0);
    case 2: return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3: return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default: return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    }
}

/// What the HTML input stream reports as a parse error and gumbo replaces
/// with U+FFFD: controls other than the white space, and noncharacters.
bool forbidden_in_html(char32_t c) noexcept {
    const bool control = (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    const bool noncharacter = (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
    return control || noncharacter;
}

void append_escaped(std::string& out, std::string_view raw, bool attribute) {
    const std::string s = html_characters(raw);
    out.reserve(out.size() + s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '\r': out += "&#13;"; break;  // a parser would read a raw CR as LF
        case '"':
            if (attribute) out += "&quot;";
            else out += c;
            break;
        default:
            if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
                out += "&nbsp;";
                ++i;
            } else {
                out += c;
            }
        }
    }
}

}  // namespace

std::string html_characters(std::string_view raw) {
    // Gumbo lets a byte that is not UTF-8 through here and there (a numeric
    // reference far past U+10FFFF in an attribute value), and a reference
    // such as &#141; gives a character that, written as itself, reads back
    // as U+FFFD.
    const std::string valid = common::valid_utf8(raw);
    std::string out;
    out.reserve(valid.size());
    for (std::size_t i = 0; i < valid.size();) {
        const std::string_view one = std::string_view(valid).substr(i, sequence_length(static_cast<unsigned char>(valid[i])));
        if (!forbidden_in_html(code_point(one))) out += one;
        i += one.size();
    }
    return out;
}

std::string without_controls(std::string_view value) {
    std::string out = html_characters(value);
    std::erase(out, '\r');
    return out;
}

void append_escaped_text(std::string& out, std::string_view text) { append_escaped(out, text, false); }
void append_escaped_attribute(std::string& out, std::string_view value) { append_escaped(out, value, true); }

}  // namespace mailwarden::content_detail
