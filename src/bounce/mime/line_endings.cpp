#include "bounce/mime/line_endings.hpp"

#include <cstring>

namespace mailwarden::bounce_detail {

std::string to_lf(std::string_view text) {
    std::string out;
    out.resize(text.size());
    std::size_t n = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        // Copy runs without CR in one go (most mail has at most one per line).
        const void* cr = std::memchr(text.data() + i, '\r', text.size() - i);
        const std::size_t end = cr ? static_cast<std::size_t>(static_cast<const char*>(cr) - text.data()) : text.size();
        std::memcpy(out.data() + n, text.data() + i, end - i);
        n += end - i;
        if (end == text.size()) break;
        out[n++] = '\n';
        i = end + 1;
        if (i < text.size() && text[i] == '\n') ++i;
    }
    out.resize(n);
    return out;
}

}  // namespace mailwarden::bounce_detail
