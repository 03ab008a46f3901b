// Macro-strings (RFC 7208 section 7): syntax, domain-spec endings and
// expansion. One scanner reads a macro for both the check and the expansion,
// so what is accepted is exactly what can be expanded.
#include "spf_text.hpp"

#include <mailwarden/spf.hpp>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <array>
#include <cstdint>

namespace mailwarden::spf {

using namespace spf_detail;

namespace {

// One "%..." construct.
struct Macro {
    char letter = 0;          // lower case; '%', '_' or '-' for the escapes
    bool upper = false;       // URL-escape the expansion
    bool reverse = false;
    unsigned keep = 0;        // right-hand parts to keep; 0: all
    std::string_view delimiters;  // empty: "."
    std::size_t end = 0;      // index after the construct
};

constexpr std::string_view macro_letters = "slodipvhcrt";
constexpr std::string_view delimiter_chars = ".-+,/_=";

// Reads the construct starting at text[at] == '%'. Returns false on a syntax
// error, with `error_at` set.
bool scan_macro(std::string_view text, std::size_t at, MacroUse use, Macro& m, std::size_t& error_at) noexcept {
    error_at = at;
    if (at + 1 >= text.size()) return false;
    const char next = text[at + 1];
    if (next == '%' || next == '_' || next == '-') {
        m = Macro{};
        m.letter = next;
        m.end = at + 2;
        return true;
    }
    if (next != '{') return false;
    std::size_t i = at + 2;
    if (i >= text.size()) return false;
    const char raw = text[i];
    const char letter = to_lower(raw);
    if (!is_alpha(raw) || macro_letters.find(letter) == std::string_view::npos) {
        error_at = i;
        return false;
    }
    // c, r and t describe the receiving side; only explanations may use them.
    if (use == MacroUse::domain && (letter == 'c' || letter == 'r' || letter == 't')) {
        error_at = i;
        return false;
    }
    m = Macro{};
    m.letter = letter;
    m.upper = raw != letter;
    ++i;
    const std::size_t digits_start = i;
    unsigned keep = 0;
    while (i < text.size() && is_digit(text[i])) {
        // Anything above 128 keeps every part a domain can have.
        keep = std::min(keep * 10 + static_cast<unsigned>(text[i] - '0'), 1000u);
        ++i;
    }
    if (i > digits_start && keep == 0) {  // "the value MUST be nonzero"
        error_at = digits_start;
        return false;
    }
    m.keep = keep;
    if (i < text.size() && (text[i] == 'r' || text[i] == 'R')) {
        m.reverse = true;
        ++i;
    }
    const std::size_t delimiters_start = i;
    while (i < text.size() && delimiter_chars.find(text[i]) != std::string_view::npos) ++i;
    m.delimiters = text.substr(delimiters_start, i - delimiters_start);
    if (i >= text.size() || text[i] != '}') {
        error_at = i;
        return false;
    }
    m.end = i + 1;
    return true;
}

constexpr bool is_delimiter(char c, std::string_view delimiters) noexcept {
    return delimiters.empty() ? c == '.' : delimiters.find(c) != std::string_view::npos;
}

// Appends `value` split on the delimiters, optionally reversed, its `keep`
// right-hand parts joined with dots (RFC 7208 section 7.3). No temporary
// storage: part boundaries are found by scanning.
void append_transformed(std::string& out, std::string_view value, const Macro& m) {
    const std::string_view delims = m.delimiters;
    if (!m.reverse && m.keep == 0 && (delims.empty() || delims == ".")) {
        out.append(value);
        return;
    }
    std::size_t parts = 1;
    for (const char c : value)
        if (is_delimiter(c, delims)) ++parts;
    const std::size_t keep = (m.keep == 0 || m.keep > parts) ? parts : m.keep;
    if (!m.reverse) {
        // The last `keep` parts: skip parts - keep delimiters from the left.
        std::size_t skip = parts - keep;
        std::size_t start = 0;
        while (skip > 0) {
            if (is_delimiter(value[start], delims)) --skip;
            ++start;
        }
        for (std::size_t i = start; i < value.size(); ++i)
            out.push_back(is_delimiter(value[i], delims) ? '.' : value[i]);
        return;
    }
    // Reversed, the right-hand `keep` parts are the first `keep` of the
    // original, written last to first.
    std::size_t end = 0;
    for (std::size_t seen = 0; end < value.size(); ++end) {
        if (is_delimiter(value[end], delims) && ++seen == keep) break;
    }
    std::size_t stop = end;
    for (;;) {
        std::size_t begin = stop;
        while (begin > 0 && !is_delimiter(value[begin - 1], delims)) --begin;
        out.append(value.substr(begin, stop - begin));
        if (begin == 0) break;
        out.push_back('.');
        stop = begin - 1;
    }
}

// %{i}: dotted quad, or for IPv6 the 32 nibbles separated by dots (upper
// case, as the RFC 7208 test suite expects).
std::string_view ip_dotted(const IpAddress& ip, std::array<char, 64>& buffer) noexcept {
    std::size_t n = 0;
    if (!ip.v6) {
        for (std::size_t i = 0; i < 4; ++i) {
            if (i != 0) buffer[n++] = '.';
            const unsigned v = ip.bytes[i];
            if (v >= 100) buffer[n++] = static_cast<char>('0' + v / 100);
            if (v >= 10) buffer[n++] = static_cast<char>('0' + (v / 10) % 10);
            buffer[n++] = static_cast<char>('0' + v % 10);
        }
        return {buffer.data(), n};
    }
    constexpr char hex[] = "0123456789ABCDEF";
    for (std::size_t i = 0; i < 16; ++i) {
        if (i != 0) buffer[n++] = '.';
        buffer[n++] = hex[ip.bytes[i] >> 4];
        buffer[n++] = '.';
        buffer[n++] = hex[ip.bytes[i] & 0xF];
    }
    return {buffer.data(), n};
}

// Drops labels on the left until the name fits in 253 octets (RFC 7208
// section 7.3), and a final dot.
void finish_domain(std::string& out) {
    if (!out.empty() && out.back() == '.') out.pop_back();
    if (out.size() <= 253) return;
    std::size_t cut = 0;
    while (out.size() - cut > 253) {
        const std::size_t dot = out.find('.', cut);
        if (dot == std::string::npos) break;
        cut = dot + 1;
    }
    out.erase(0, cut);
}

bool is_toplabel(std::string_view label) noexcept {
    if (label.empty()) return false;
    bool alpha = false;
    bool hyphen = false;
    for (const char c : label) {
        if (c == '-') hyphen = true;
        else if (is_alpha(c)) alpha = true;
        else if (!is_digit(c)) return false;
    }
    if (hyphen) return label.front() != '-' && label.back() != '-';
    return alpha;
}

}  // namespace

SyntaxError check_macro_string(std::string_view text, MacroUse use, std::size_t* error_offset) noexcept {
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '%') {
            Macro m;
            std::size_t error_at = 0;
            if (!scan_macro(text, i, use, m, error_at)) {
                if (error_offset != nullptr) *error_offset = error_at;
                return SyntaxError::invalid_macro;
            }
            i = m.end;
            continue;
        }
        if (!is_visible(c) && !(c == ' ' && use == MacroUse::explanation)) {
            if (error_offset != nullptr) *error_offset = i;
            return SyntaxError::invalid_character;
        }
        ++i;
    }
    return SyntaxError::none;
}

bool is_domain_spec(std::string_view spec) noexcept {
    if (spec.empty() || check_macro_string(spec, MacroUse::domain) != SyntaxError::none) return false;
    // Find where the last macro ends: the domain-end is that macro, or the
    // literal text after it must end in "." toplabel [ "." ].
    std::size_t literal_start = 0;
    for (std::size_t i = 0; i < spec.size();) {
        if (spec[i] == '%') {
            Macro m;
            std::size_t error_at = 0;
            if (!scan_macro(spec, i, MacroUse::domain, m, error_at)) return false;
            i = m.end;
            literal_start = i;
        } else {
            ++i;
        }
    }
    if (literal_start == spec.size()) return true;  // ends in a macro-expand
    std::string_view tail = spec.substr(literal_start);
    if (tail.back() == '.') tail.remove_suffix(1);
    const std::size_t dot = tail.rfind('.');
    if (dot == std::string_view::npos) return false;
    return is_toplabel(tail.substr(dot + 1));
}

SyntaxError expand_macros(std::string_view text, MacroUse use, const MacroValues& values, std::string& out) {
    out.clear();
    std::string_view p_value;
    bool p_known = false;
    std::array<char, 64> ip_buffer{};
    std::array<char, 24> number_buffer{};
    std::size_t literal = 0;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c != '%') {
            if (!is_visible(c) && !(c == ' ' && use == MacroUse::explanation)) return SyntaxError::invalid_character;
            ++i;
            continue;
        }
        out.append(text.substr(literal, i - literal));
        Macro m;
        std::size_t error_at = 0;
        if (!scan_macro(text, i, use, m, error_at)) return SyntaxError::invalid_macro;
        i = m.end;
        literal = i;
        std::string_view value;
        switch (m.letter) {
        case '%': out.push_back('%'); continue;
        case '_': out.push_back(' '); continue;
        case '-': out.append("%20"); continue;
        case 's': value = values.sender; break;
        case 'l': value = values.local_part; break;
        case 'o': value = values.sender_domain; break;
        case 'd': value = values.domain; break;
        case 'h': value = values.helo; break;
        case 'i': value = ip_dotted(values.ip, ip_buffer); break;
        case 'v': value = values.ip.v6 ? "ip6" : "in-addr"; break;
        case 'r': value = values.receiver.empty() ? std::string_view("unknown") : values.receiver; break;
        case 'c': {
            // The readable form: dotted quad or RFC 5952 text.
            if (!values.ip.v6) {
                value = ip_dotted(values.ip, ip_buffer);
            } else {
                const std::string text_form = values.ip.to_string();
                const std::size_t n = std::min(text_form.size(), ip_buffer.size());
                text_form.copy(ip_buffer.data(), n);
                value = std::string_view(ip_buffer.data(), n);
            }
            break;
        }
        case 't': {
            std::int64_t t = values.timestamp < 0 ? 0 : values.timestamp;
            std::size_t n = number_buffer.size();
            do {
                number_buffer[--n] = static_cast<char>('0' + t % 10);
                t /= 10;
            } while (t != 0 && n > 0);
            value = std::string_view(number_buffer.data() + n, number_buffer.size() - n);
            break;
        }
        case 'p':
            if (!p_known) {
                p_value = values.lookup_p != nullptr ? values.lookup_p(values.lookup_p_context) : values.validated_name;
                if (p_value.empty()) p_value = "unknown";
                p_known = true;
            }
            value = p_value;
            break;
        default: return SyntaxError::invalid_macro;
        }
        if (!m.upper) {
            append_transformed(out, value, m);
            continue;
        }
        // Upper-case letters: the expansion is URL-escaped, every byte outside
        // the RFC 3986 unreserved set as %XX. Transform at the end of `out`,
        // then escape that tail in place through a copy of its bytes.
        const std::size_t start = out.size();
        append_transformed(out, value, m);
        const std::string raw = out.substr(start);
        out.resize(start);
        const std::size_t escaped = boost::urls::encoded_size(raw, boost::urls::unreserved_chars);
        out.resize(start + escaped);
        boost::urls::encode(out.data() + start, escaped, raw, boost::urls::unreserved_chars);
    }
    out.append(text.substr(literal));
    if (use == MacroUse::domain) finish_domain(out);
    return SyntaxError::none;
}

}  // namespace mailwarden::spf
