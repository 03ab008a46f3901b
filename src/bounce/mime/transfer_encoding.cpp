#include "bounce/mime/transfer_encoding.hpp"

#include "bounce/mime/ascii.hpp"

#include <array>
#include <cstdint>

namespace mailwarden::bounce_detail {

namespace {

constexpr std::array<std::int8_t, 256> base64_table = [] {
    std::array<std::int8_t, 256> t{};
    for (auto& v : t) v = -1;
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
    return t;
}();

int hex_digit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

}  // namespace

std::string decode_base64(std::string_view text) {
    std::string out;
    out.reserve(text.size() / 4 * 3 + 3);
    std::uint32_t acc = 0;
    int bits = 0;
    for (const char c : text) {
        if (c == '=') break;  // padding: the data has ended
        const int v = base64_table[static_cast<unsigned char>(c)];
        if (v < 0) continue;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    return out;
}

std::string decode_quoted_printable(std::string_view text, bool q_encoding) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (q_encoding && c == '_') {
            out.push_back(' ');
            continue;
        }
        if (c != '=') {
            out.push_back(c);
            continue;
        }
        // A soft line break: "=" then optional blanks then the line end.
        std::size_t j = i + 1;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
        if (j < text.size() && text[j] == '\n') {
            i = j;
            continue;
        }
        if (j == text.size() && !q_encoding) {
            i = j;
            continue;
        }
        const int hi = i + 1 < text.size() ? hex_digit(text[i + 1]) : -1;
        const int lo = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
        if (hi >= 0 && lo >= 0) {
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else {
            out.push_back('=');
        }
    }
    return out;
}

std::string decode_transfer_encoding(std::string_view body, std::string_view encoding) {
    encoding = trim(encoding);
    if (iequals(encoding, "base64")) return decode_base64(body);
    if (iequals(encoding, "quoted-printable")) return decode_quoted_printable(body);
    return std::string(body);
}

}  // namespace mailwarden::bounce_detail
