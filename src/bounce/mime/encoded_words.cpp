#include "bounce/mime/encoded_words.hpp"

#include "bounce/mime/ascii.hpp"
#include "bounce/mime/charset.hpp"
#include "bounce/mime/transfer_encoding.hpp"

namespace mailwarden::bounce_detail {

namespace {

struct Word {
    std::size_t end = 0;  // one past "?="
    std::string text;     // decoded, UTF-8
};

// An encoded word starting at `at` ("=?"), or false.
bool encoded_word_at(std::string_view v, std::size_t at, Word& out) {
    const std::size_t q1 = v.find('?', at + 2);
    if (q1 == std::string_view::npos || q1 + 3 >= v.size() || v[q1 + 2] != '?') return false;
    const char enc = ascii_lower(v[q1 + 1]);
    if (enc != 'b' && enc != 'q') return false;
    const std::size_t q3 = v.find("?=", q1 + 3);
    if (q3 == std::string_view::npos) return false;
    std::string_view charset = v.substr(at + 2, q1 - at - 2);
    if (const std::size_t star = charset.find('*'); star != std::string_view::npos) charset = charset.substr(0, star);
    const std::string_view payload = v.substr(q1 + 3, q3 - q1 - 3);
    if (charset.empty() || payload.find(' ') != std::string_view::npos) return false;
    const std::string bytes = enc == 'b' ? decode_base64(payload) : decode_quoted_printable(payload, true);
    out.text = to_utf8(bytes, charset);
    out.end = q3 + 2;
    return true;
}

}  // namespace

std::string decode_header_value(std::string_view v) {
    if (v.find("=?") == std::string_view::npos) return std::string(v);
    std::string out;
    out.reserve(v.size());
    std::size_t i = 0;
    std::size_t last_word_end = std::string_view::npos;
    while (i < v.size()) {
        Word w;
        if (v[i] == '=' && i + 1 < v.size() && v[i + 1] == '?' && encoded_word_at(v, i, w)) {
            // Only blanks since the previous encoded word: they go.
            if (last_word_end != std::string_view::npos && trim(v.substr(last_word_end, i - last_word_end)).empty())
                out.resize(out.size() - (i - last_word_end));
            out += w.text;
            i = w.end;
            last_word_end = i;
            continue;
        }
        out.push_back(v[i++]);
    }
    return out;
}

}  // namespace mailwarden::bounce_detail
