#include "content/html/html_escape.hpp"

#include "common/utf8.hpp"

namespace mailwarden::content_detail {

namespace {

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
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size();) {
        const char32_t c = common::next_code_point(raw, i);
        if (!forbidden_in_html(c)) common::append_utf8(out, c);
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
