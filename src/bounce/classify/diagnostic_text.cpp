#include "bounce/classify/diagnostic_text.hpp"

#include "bounce/mime/ascii.hpp"

namespace mailwarden::bounce_detail {

std::string_view strip_diagnostic_type(std::string_view d) noexcept {
    d = trim(d);
    const std::size_t semi = d.find(';');
    if (semi == std::string_view::npos || semi == 0 || semi > 32) return d;
    for (std::size_t i = 0; i < semi; ++i) {
        const char c = d[i];
        const bool type_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                               c == '-' || c == '_' || c == '.';
        if (!type_char) return d;
    }
    return trim(d.substr(semi + 1));
}

std::string one_line(std::string_view text, std::size_t max) {
    std::string out;
    out.reserve(text.size() < max ? text.size() : max);
    bool blank = true;
    for (const char c : text) {
        if (is_space(c)) {
            if (!blank) out.push_back(' ');
            blank = true;
            continue;
        }
        out.push_back(c);
        blank = false;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (out.size() > max) {
        std::size_t cut = max;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
    }
    return out;
}

}  // namespace mailwarden::bounce_detail
