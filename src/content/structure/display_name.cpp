#include "content/structure/display_name.hpp"

#include "bounce/mime/ascii.hpp"
#include "bounce/mime/encoded_words.hpp"

namespace mailwarden::content_detail {

namespace bd = bounce_detail;

FromParts split_from(std::string_view value) {
    FromParts out;
    // The '<' that opens the address: the last one outside quotes and comments.
    std::size_t open = std::string_view::npos;
    bool quoted = false;
    int comment = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '\\') {
            ++i;
        } else if (quoted) {
            quoted = c != '"';
        } else if (c == '"') {
            quoted = true;
        } else if (c == '(') {
            ++comment;
        } else if (c == ')' && comment > 0) {
            --comment;
        } else if (c == '<' && comment == 0) {
            open = i;
        }
    }
    if (open == std::string_view::npos) {
        out.address = std::string(bd::trim(value));
        return out;
    }
    const std::size_t close = value.find('>', open);
    out.address = std::string(bd::trim(value.substr(open + 1, close == std::string_view::npos ? close : close - open - 1)));
    // The phrase: quotes and escapes undone, then RFC 2047 words decoded
    // (mailers put encoded words inside quotes too, so decode after).
    std::string phrase;
    const std::string_view raw = bd::trim(value.substr(0, open));
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size()) {
            phrase += raw[++i];
        } else if (raw[i] != '"') {
            phrase += raw[i];
        }
    }
    out.display_name = std::string(bd::trim(bd::decode_header_value(phrase)));
    return out;
}

namespace {

bool local_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-' || c == '+';
}

bool domain_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

}  // namespace

std::string address_in(std::string_view text) {
    for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
        std::size_t start = at;
        while (start > 0 && local_char(text[start - 1])) --start;
        std::size_t end = at + 1;
        while (end < text.size() && domain_char(text[end])) ++end;
        while (end > at + 1 && text[end - 1] == '.') --end;  // a sentence's full stop
        const std::string_view domain = text.substr(at + 1, end - at - 1);
        const std::size_t dot = domain.rfind('.');
        if (start == at || dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) continue;
        return bd::to_lower(text.substr(start, end - start));
    }
    return {};
}

}  // namespace mailwarden::content_detail
