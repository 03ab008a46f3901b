#include "bounce/classify/status_codes.hpp"

#include "bounce/mime/ascii.hpp"

#include <charconv>

namespace mailwarden::bounce_detail {

namespace {

using R = BounceReason;

// Digits at `i` (one to `max`); their count, 0 when fewer than one or more than max.
std::size_t digit_run(std::string_view s, std::size_t i, std::size_t max) noexcept {
    std::size_t n = 0;
    while (i + n < s.size() && is_digit(s[i + n])) ++n;
    return n >= 1 && n <= max ? n : 0;
}

bool boundary_before(std::string_view s, std::size_t i) noexcept {
    if (i == 0) return true;
    const char c = s[i - 1];
    return !is_digit(c) && c != '.' && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z');
}

bool boundary_after_status(std::string_view s, std::size_t i) noexcept {
    if (i >= s.size()) return true;
    const char c = s[i];
    if (is_digit(c)) return false;
    // "5.1.1." at the end of a sentence is fine; "5.1.1.4" is an address.
    return !(c == '.' && i + 1 < s.size() && is_digit(s[i + 1]));
}

int subject_detail(std::string_view status, int& detail) noexcept {
    const std::size_t d1 = status.find('.');
    const std::size_t d2 = status.find('.', d1 + 1);
    int subject = -1;
    std::from_chars(status.data() + d1 + 1, status.data() + d2, subject);
    std::from_chars(status.data() + d2 + 1, status.data() + status.size(), detail);
    return subject;
}

}  // namespace

bool valid_status(std::string_view s) noexcept {
    if (s.size() < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.') return false;
    const std::size_t a = digit_run(s, 2, 3);
    if (a == 0 || 2 + a >= s.size() || s[2 + a] != '.') return false;
    const std::size_t b = digit_run(s, 3 + a, 3);
    return b != 0 && 3 + a + b == s.size();
}

std::string find_status(std::string_view text) {
    for (std::size_t i = 0; i + 5 <= text.size(); ++i) {
        const char c = text[i];
        if ((c != '2' && c != '4' && c != '5') || text[i + 1] != '.' || !boundary_before(text, i)) continue;
        const std::size_t a = digit_run(text, i + 2, 3);
        if (a == 0 || i + 2 + a >= text.size() || text[i + 2 + a] != '.') continue;
        const std::size_t b = digit_run(text, i + 3 + a, 3);
        if (b == 0 || !boundary_after_status(text, i + 3 + a + b)) continue;
        return std::string(text.substr(i, 3 + a + b));
    }
    return {};
}

int find_reply_code(std::string_view text) {
    for (std::size_t i = 0; i + 3 <= text.size(); ++i) {
        const char c = text[i];
        if ((c != '2' && c != '4' && c != '5') || !boundary_before(text, i)) continue;
        if (!is_digit(text[i + 1]) || !is_digit(text[i + 2]) || text[i + 1] > '5') continue;
        const std::size_t after = i + 3;
        if (after < text.size() && text[after] != ' ' && text[after] != '-' && text[after] != '\t' &&
            text[after] != '\n' && text[after] != ',')
            continue;
        // "550-" continues a reply; "550 " or the end is its last line.
        // Numbers in prose ("2 500 messages") rarely sit at a boundary and
        // start with 2/4/5 and have a second digit below 6.
        return (c - '0') * 100 + (text[i + 1] - '0') * 10 + (text[i + 2] - '0');
    }
    return 0;
}

BounceReason reason_for_status(std::string_view status) noexcept {
    if (!valid_status(status)) return R::undefined;
    if (status[0] == '2') return R::delivered;
    int detail = -1;
    const int subject = subject_detail(status, detail);
    switch (subject) {
    case 1:
        switch (detail) {
        case 1: case 3: case 4: return R::user_unknown;  // bad mailbox, its syntax, ambiguous
        case 2: return R::host_unknown;                   // bad destination system
        case 5: return R::delivered;
        case 6: return R::has_moved;
        case 7: case 8: return R::rejected;               // the sender's address
        case 10: return R::not_accept;                    // null MX (RFC 7505)
        default: return R::undefined;
        }
    case 2:
        switch (detail) {
        case 1: return R::suspended;        // mailbox disabled
        case 2: return R::mailbox_full;
        case 3: return R::exceed_limit;     // message length over an administrative limit
        default: return R::undefined;
        }
    case 3:
        switch (detail) {
        case 1: return R::system_full;
        case 2: return R::not_accept;      // system not accepting network messages
        case 4: return R::message_too_big;
        case 0: case 3: case 5: return R::system_error;
        default: return R::undefined;
        }
    case 4:
        switch (detail) {
        case 4: return R::host_unknown;    // unable to route
        case 5: return R::system_full;     // congestion
        case 7: return R::expired;
        case 0: case 1: case 2: case 3: case 6: return R::network_error;
        default: return R::undefined;
        }
    case 5:
        switch (detail) {
        case 3: return R::exceed_limit;    // too many recipients
        default: return R::syntax_error;
        }
    case 6: return R::content_error;
    case 7:
        switch (detail) {
        case 2: case 3: case 4: case 5: case 6: case 7: case 9: case 12: case 14: return R::security_error;
        case 8: case 20: case 21: case 22: case 23: case 24: case 26: case 29: return R::auth_failure;
        case 10: case 11: case 30: return R::failed_starttls;
        case 13: return R::suspended;      // user account disabled
        case 16: return R::message_too_big;
        case 17: case 18: return R::has_moved;  // mailbox or domain owner changed
        case 25: return R::require_ptr;
        case 27: return R::rejected;       // the sender's domain has a null MX
        case 28: return R::rate_limited;   // mail flood
        default: return R::undefined;      // 0, 1 and vendor codes: the text decides
        }
    default: return R::undefined;
    }
}

BounceReason reason_for_reply_code(int code) noexcept {
    switch (code) {
    case 421: return R::system_error;
    case 451: return R::system_error;
    case 452: return R::system_full;
    case 521: case 556: return R::not_accept;  // RFC 7504: the host or domain accepts no mail
    case 551: return R::has_moved;
    case 552: return R::mailbox_full;
    default: return R::undefined;
    }
}

}  // namespace mailwarden::bounce_detail
