#include "text_urls.hpp"

#include <array>

namespace mailwarden::content_detail {

namespace {

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool alnum(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool at_nocase(std::string_view text, std::size_t i, std::string_view word) noexcept {
    if (text.size() - i < word.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
        if (lower(text[i + k]) != word[k]) return false;
    return true;
}

// Where a URL ends in text: white space, controls, quotes, angle brackets,
// backquote, and U+00A0 (no-break space, C2 A0).
bool stops(std::string_view text, std::size_t i) noexcept {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '`') return true;
    return c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0;
}

// The length of a URL starting at `start`: to the stop, less trailing
// punctuation and closing brackets that have no opening one inside.
std::size_t url_length(std::string_view text, std::size_t start) {
    std::size_t end = start;
    while (end < text.size() && !stops(text, end)) ++end;
    std::size_t open_round = 0, close_round = 0, open_square = 0, close_square = 0, open_curly = 0, close_curly = 0;
    for (std::size_t k = start; k < end; ++k) {
        const char x = text[k];
        open_round += x == '(' ? 1 : 0;
        close_round += x == ')' ? 1 : 0;
        open_square += x == '[' ? 1 : 0;
        close_square += x == ']' ? 1 : 0;
        open_curly += x == '{' ? 1 : 0;
        close_curly += x == '}' ? 1 : 0;
    }
    while (end > start) {
        const char last = text[end - 1];
        bool strip = last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '?' ||
                     last == '\'' || last == '*';
        if (last == ')') strip = open_round < close_round--;
        if (last == ']') strip = open_square < close_square-- && !text.substr(start, end - start).ends_with("[.]");
        if (last == '}') strip = open_curly < close_curly--;
        if (!strip) break;
        --end;
    }
    return end - start;
}

constexpr std::array<std::string_view, 7> starts{"http", "hxxp", "ftp", "fxp", "www.", "www[.]", "www(.)"};
constexpr std::array<std::string_view, 4> separators{"://", "[:]//", "[://]", "(:)//"};
constexpr std::array<std::string_view, 6> dot_forms{"[.]", "(.)", "{.}", "[dot]", "(dot)", "{dot}"};

// A URL with a scheme or "www." starting at i, or 0.
std::size_t scheme_url_at(std::string_view text, std::size_t i) {
    if (i > 0 && (alnum(text[i - 1]) || text[i - 1] == '.' || text[i - 1] == '-' || text[i - 1] == '@')) return 0;
    for (const auto word : starts) {
        if (!at_nocase(text, i, word)) continue;
        std::size_t j = i + word.size();
        if (word.starts_with("www")) return url_length(text, i);
        if (j < text.size() && lower(text[j]) == 's') ++j;
        for (const auto sep : separators)
            if (at_nocase(text, j, sep)) return url_length(text, i);
    }
    return 0;
}

bool host_char(char c) noexcept { return alnum(c) || c == '-' || c == '.'; }

// A defanged name without scheme around the obfuscated dot at i:
// "evil[.]example/path". Returns [begin, length), length 0 when none.
std::pair<std::size_t, std::size_t> defanged_name_at(std::string_view text, std::size_t i, std::size_t floor) {
    std::size_t begin = i;
    while (begin > floor && host_char(text[begin - 1])) --begin;
    if (begin == i) return {i, 0};
    return {begin, url_length(text, begin)};
}

}  // namespace

std::vector<TextUrl> find_text_urls(std::string_view text) {
    std::vector<TextUrl> out;
    std::size_t floor = 0;  // text before this belongs to a URL already found
    for (std::size_t i = 0; i < text.size();) {
        const char c = lower(text[i]);
        if (c == 'h' || c == 'f' || c == 'w') {
            if (const std::size_t length = scheme_url_at(text, i); length > 0) {
                out.push_back({text.substr(i, length), false});
                i += length;
                floor = i;
                continue;
            }
        }
        if (c == '[' || c == '(' || c == '{') {
            bool found = false;
            for (const auto form : dot_forms) {
                if (!at_nocase(text, i, form)) continue;
                const auto [begin, length] = defanged_name_at(text, i, floor);
                if (length > 0 && begin + length > i + form.size()) {
                    out.push_back({text.substr(begin, length), true});
                    i = begin + length;
                    floor = i;
                    found = true;
                }
                break;
            }
            if (found) continue;
        }
        ++i;
    }
    return out;
}

}  // namespace mailwarden::content_detail
