#include "content/html/html_escape.hpp"

#include "common/utf8.hpp"

namespace mailwarden::content_detail {

namespace {

void append_escaped(std::string& out, std::string_view raw, bool attribute) {
    // The output is UTF-8, so that a second parse reads it as this one did:
    // gumbo lets a byte that is not UTF-8 through here and there (a numeric
    // reference far past U+10FFFF in an attribute value).
    const std::string s = common::valid_utf8(raw);
    out.reserve(out.size() + s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const auto u = static_cast<unsigned char>(c);
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
            if (u == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
                out += "&nbsp;";
                ++i;
            } else if ((u < 0x20 && c != '\t' && c != '\n' && c != '\f') || u == 0x7F) {
                // dropped: no C0 control survives
            } else {
                out += c;
            }
        }
    }
}

}  // namespace

void append_escaped_text(std::string& out, std::string_view text) { append_escaped(out, text, false); }
void append_escaped_attribute(std::string& out, std::string_view value) { append_escaped(out, value, true); }

}  // namespace mailwarden::content_detail
