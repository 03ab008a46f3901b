#include "content/spamd/spamd_protocol.hpp"

#include <charconv>
#include <cmath>
#include <optional>

namespace mailwarden::content_detail {

namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

void skip_blanks(std::string_view& s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
}

std::size_t digits(std::string_view s) noexcept {
    std::size_t n = 0;
    while (n < s.size() && is_digit(s[n])) ++n;
    return n;
}

// [-]digits[.digits]: what spamd prints with "%.1f" (and older versions with
// more places). Consumes it from `s`.
std::optional<double> take_number(std::string_view& s) {
    std::size_t n = s.starts_with('-') ? 1 : 0;
    const std::size_t whole = digits(s.substr(n));
    if (whole == 0 || whole > 12) return std::nullopt;
    n += whole;
    if (n < s.size() && s[n] == '.') {
        const std::size_t frac = digits(s.substr(n + 1));
        if (frac == 0 || frac > 12) return std::nullopt;
        n += 1 + frac;
    }
    double value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + n, value);
    if (ec != std::errc{} || end != s.data() + n || !std::isfinite(value)) return std::nullopt;
    s.remove_prefix(n);
    return value;
}

// "True ; 1003.3 / 5.0"
bool parse_spam_header(std::string_view v, SpamdAnswer& out) {
    skip_blanks(v);
    const std::size_t word_end = v.find_first_of(" \t;");
    const std::string_view word = v.substr(0, word_end);
    if (iequals(word, "True") || iequals(word, "Yes")) {
        out.is_spam = true;
    } else if (iequals(word, "False") || iequals(word, "No")) {
        out.is_spam = false;
    } else {
        return false;
    }
    v.remove_prefix(word.size());
    skip_blanks(v);
    if (!v.starts_with(';')) return false;
    v.remove_prefix(1);
    skip_blanks(v);
    const auto score = take_number(v);
    if (!score) return false;
    skip_blanks(v);
    if (!v.starts_with('/')) return false;
    v.remove_prefix(1);
    skip_blanks(v);
    const auto threshold = take_number(v);
    if (!threshold) return false;
    skip_blanks(v);
    if (!v.empty()) return false;
    out.score = *score;
    out.threshold = *threshold;
    return true;
}

bool is_rule_char(char c) noexcept {
    return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

SpamdProtocolError fail(std::string reason, std::string_view evidence) {
    reason += ": ";
    reason += printable_excerpt(evidence);
    return {std::move(reason)};
}

// "SPAMD/1.1 0 EX_OK": true when well-formed; `code` gets the status.
bool parse_status_line(std::string_view line, std::string_view& message, int& code) {
    if (!line.starts_with("SPAMD/")) return false;
    std::string_view s = line.substr(6);
    const std::size_t major = digits(s);
    if (major == 0 || major >= s.size() || s[major] != '.') return false;
    s.remove_prefix(major + 1);
    const std::size_t minor = digits(s);
    if (minor == 0 || minor >= s.size() || s[minor] != ' ') return false;
    s.remove_prefix(minor + 1);
    const std::size_t code_len = digits(s);
    if (code_len == 0 || code_len > 3) return false;
    code = 0;
    std::from_chars(s.data(), s.data() + code_len, code);
    s.remove_prefix(code_len);
    if (!s.empty() && s.front() != ' ') return false;
    skip_blanks(s);
    message = s;
    return true;
}

}  // namespace

std::string spamd_symbols_request(std::string_view message) {
    std::string request = "SYMBOLS SPAMC/1.5\r\nContent-length: ";
    request += std::to_string(message.size());
    request += "\r\n\r\n";
    request.reserve(request.size() + message.size());
    request += message;
    return request;
}

std::string printable_excerpt(std::string_view text, std::size_t max) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = 0; i < text.size() && i < max; ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b >= 0x20 && b < 0x7F) {
            out += static_cast<char>(b);
        } else if (b == '\r') {
            out += "\\r";
        } else if (b == '\n') {
            out += "\\n";
        } else {
            out += "\\x";
            out += hex[b >> 4];
            out += hex[b & 0xF];
        }
    }
    if (text.size() > max) out += "...";
    return out;
}

std::variant<SpamdAnswer, SpamdProtocolError> parse_spamd_answer(std::string_view answer) {
    if (answer.empty()) return SpamdProtocolError{"spamd closed the connection without answering"};
    if (answer.size() > spamd_max_answer_bytes) return fail("answer over 64 KiB", answer);
    const std::size_t status_end = answer.find("\r\n");
    if (status_end == std::string_view::npos) return fail("no complete status line", answer);
    const std::string_view status = answer.substr(0, status_end);
    std::string_view message;
    int code = -1;
    if (!parse_status_line(status, message, code)) return fail("not a SPAMD status line", status);
    if (code != 0) return fail("spamd reported an error", status);
    if (message != "EX_OK") return fail("status 0 without EX_OK", status);

    SpamdAnswer out;
    bool have_spam = false;
    std::optional<std::size_t> content_length;
    std::size_t at = status_end + 2;
    for (;;) {
        const std::size_t end = answer.find("\r\n", at);
        if (end == std::string_view::npos) return fail("headers end before the blank line", answer.substr(at));
        const std::string_view line = answer.substr(at, end - at);
        at = end + 2;
        if (line.empty()) break;
        const std::size_t colon = line.find(':');
        if (colon == 0 || colon == std::string_view::npos) return fail("malformed header line", line);
        const std::string_view name = line.substr(0, colon);
        for (char c : name)
            if (!(is_rule_char(c) || c == '-')) return fail("malformed header name", line);
        std::string_view value = line.substr(colon + 1);
        skip_blanks(value);
        if (iequals(name, "Spam")) {
            if (have_spam) return fail("two Spam headers", line);
            if (!parse_spam_header(value, out)) return fail("malformed Spam header", line);
            have_spam = true;
        } else if (iequals(name, "Content-length")) {
            const std::size_t n = digits(value);
            if (content_length || n == 0 || n > 9 || n != value.size()) return fail("malformed Content-length", line);
            std::size_t length = 0;
            std::from_chars(value.data(), value.data() + n, length);
            content_length = length;
        }
        // Other headers are allowed by the protocol and ignored.
    }
    if (!have_spam) return SpamdProtocolError{"answer without a Spam header"};

    std::string_view body = answer.substr(at);
    if (content_length && body.size() != *content_length)
        return fail("body of " + std::to_string(body.size()) + " bytes, Content-length " +
                        std::to_string(*content_length),
                    body);
    if (body.ends_with("\r\n")) {
        body.remove_suffix(2);
    } else if (body.ends_with('\n')) {
        body.remove_suffix(1);
    }
    while (!body.empty()) {
        const std::size_t comma = body.find(',');
        const std::string_view rule = body.substr(0, comma);
        if (rule.empty() || rule.size() > 128) return fail("malformed rule list", body);
        for (char c : rule)
            if (!is_rule_char(c)) return fail("malformed rule name", rule);
        out.rules.emplace_back(rule);
        if (comma == std::string_view::npos) break;
        body.remove_prefix(comma + 1);
        if (body.empty()) return SpamdProtocolError{"rule list ends with a comma"};
    }
    return out;
}

}  // namespace mailwarden::content_detail
