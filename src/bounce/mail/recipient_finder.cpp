#include "bounce/mail/recipient_finder.hpp"

#include "bounce/classify/status_codes.hpp"
#include "bounce/mime/ascii.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace mailwarden::bounce_detail {

namespace {

constexpr std::size_t max_window = 4096;

bool local_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
           std::string_view(".!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos ||
           static_cast<unsigned char>(c) >= 0x80;
}

bool domain_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '.' || c == '-' ||
           static_cast<unsigned char>(c) >= 0x80;
}

std::size_t line_start(std::string_view text, std::size_t at) noexcept {
    const std::size_t nl = at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
    return nl == std::string_view::npos ? 0 : nl + 1;
}

std::size_t line_end(std::string_view text, std::size_t at) noexcept {
    const std::size_t nl = text.find('\n', at);
    return nl == std::string_view::npos ? text.size() : nl;
}

// Lines that name addresses for another reason than a failure: headers of
// the original, the envelope sender, trace lines.
bool excluded_line(std::string_view line) noexcept {
    static constexpr std::array<std::string_view, 22> prefixes = {
        "from:", "to:", "cc:", "bcc:", "reply-to:", "return-path:", "sender:", "message-id:", "in-reply-to:",
        "references:", "received:", "x-", "envelope-from", "(envelope-from", "by ", "for ", "mail from", "date:",
        "subject:", "sent:", "delivered-to:", "list-",
    };
    const std::string_view t = trim(line);
    for (const std::string_view p : prefixes)
        if (istarts_with(t, p)) return true;
    return false;
}

// The address at `at` sits in a MAIL FROM, a URL or a Message-ID.
bool excluded_context(std::string_view line, std::size_t start_in_line) noexcept {
    const std::string_view before = line.substr(0, start_in_line);
    const std::size_t tail = before.size() > 24 ? before.size() - 24 : 0;
    const std::string_view near = before.substr(tail);
    if (ifind(near, "mail from") != std::string_view::npos || ifind(near, "envelope-from") != std::string_view::npos ||
        ifind(near, "sender") != std::string_view::npos || ifind(near, "from <") != std::string_view::npos ||
        ifind(near, "from:<") != std::string_view::npos ||
        ifind(near, "expanded from") != std::string_view::npos)  // Sendmail: the alias, not another recipient
        return true;
    if (start_in_line > 0) {
        const char prev = line[start_in_line - 1];
        if (prev == '=' || prev == '/' || prev == '?' || prev == '&') return true;  // URL parameters
    }
    return ifind(line, "message-id") != std::string_view::npos;
}

bool plausible(std::string_view local, std::string_view domain) noexcept {
    if (local.empty() || local.size() > 64 || domain.size() < 3 || domain.size() > 253) return false;
    if (domain.find('.') == std::string_view::npos && !iequals(domain, "localhost")) return false;
    if (domain.front() == '.' || domain.front() == '-' || domain.find("..") != std::string_view::npos) return false;
    return true;
}

}  // namespace

std::vector<FoundRecipient> find_recipients(std::string_view text, const std::vector<std::string>& exclude,
                                            std::size_t max) {
    std::vector<FoundRecipient> out;
    std::size_t at = text.find('@');
    while (at != std::string_view::npos && out.size() < max) {
        std::size_t s = at;
        while (s > 0 && local_char(text[s - 1]) && at - s < 64) --s;
        std::size_t e = at + 1;
        while (e < text.size() && domain_char(text[e]) && e - at < 254) ++e;
        std::string_view local = text.substr(s, at - s);
        std::string_view domain = text.substr(at + 1, e - at - 1);
        while (!domain.empty() && (domain.back() == '.' || domain.back() == '-')) domain.remove_suffix(1);
        while (!local.empty() && (local.front() == '.' || local.front() == '\'' || local.front() == '=')) {
            local.remove_prefix(1);
            ++s;
        }
        const std::size_t ls = line_start(text, s);
        const std::string_view line = text.substr(ls, line_end(text, at) - ls);
        if (plausible(local, domain) && !excluded_line(line) && !excluded_context(line, s - ls)) {
            std::string address(local);
            address.push_back('@');
            address += to_lower(domain);
            const bool known = std::any_of(out.begin(), out.end(),
                                           [&](const FoundRecipient& f) { return iequals(f.address, address); }) ||
                               std::any_of(exclude.begin(), exclude.end(),
                                           [&](const std::string& x) { return iequals(x, address); });
            if (!known) out.push_back({std::move(address), s});
        }
        at = text.find('@', e > at ? e : at + 1);
    }
    return out;
}

std::vector<FoundRecipient> find_bare_recipients(std::string_view report, std::string_view domain) {
    std::vector<FoundRecipient> out;
    if (!plausible("x", domain)) return out;
    bool listing = false;
    std::size_t heading = 0;  // the cause is on the heading line: each name's text starts there
    std::size_t pos = 0;
    while (pos < report.size()) {
        const std::size_t end = line_end(report, pos);
        const std::string_view raw = report.substr(pos, end - pos);
        const std::string_view line = trim(raw);
        const std::size_t start = pos;
        pos = end + 1;
        if (line.empty()) {
            if (!out.empty()) listing = false;
            continue;
        }
        const bool bare = line.size() <= 64 && (is_digit(line.front()) || std::isalpha(static_cast<unsigned char>(line.front()))) &&
                          std::all_of(line.begin(), line.end(), local_char) && line.find('@') == std::string_view::npos;
        if (listing && bare) {
            out.push_back({std::string(line) + "@" + to_lower(domain), heading});
            continue;
        }
        listing = line.back() == ':' && (ifind(line, "recipient") != std::string_view::npos ||
                                         ifind(line, "address") != std::string_view::npos);
        if (listing) heading = start;
    }
    return out;
}

std::string_view recipient_window(std::string_view report, std::size_t offset, std::size_t next_offset) {
    const std::size_t start = line_start(report, std::min(offset, report.size()));
    std::size_t end = next_offset == std::string_view::npos || next_offset <= offset
                          ? report.size()
                          : line_start(report, std::min(next_offset, report.size()));
    if (end <= start) end = line_end(report, start);
    return report.substr(start, std::min(end - start, max_window));
}

std::string diagnostic_lines(std::string_view window) {
    std::string coded;
    std::string first;
    std::size_t pos = 0;
    int taken = 0;
    bool first_line = true;
    while (pos < window.size()) {
        const std::size_t end = line_end(window, pos);
        const std::string_view line = trim(window.substr(pos, end - pos));
        pos = end + 1;
        if (line.empty()) {
            if (!first.empty() && !first_line) taken = 3;  // a paragraph has ended
            first_line = false;
            continue;
        }
        if (!find_status(line).empty() || find_reply_code(line) != 0) {
            if (!coded.empty()) coded.push_back(' ');
            coded.append(line);
        } else if (taken < 3 && !first_line) {
            if (!first.empty()) first.push_back(' ');
            first.append(line);
            ++taken;
        }
        if (first_line) {
            // The address line itself: keep what follows the address, if anything.
            const std::size_t colon = line.find(": ");
            if (colon != std::string_view::npos && colon + 2 < line.size() && find_reply_code(line) == 0 &&
                find_status(line).empty()) {
                first.append(trim(line.substr(colon + 2)));
                ++taken;
            }
        }
        first_line = false;
    }
    return coded.empty() ? first : coded;
}

}  // namespace mailwarden::bounce_detail
