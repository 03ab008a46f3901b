#include "bounce/tracker/event_time.hpp"

#include <chrono>

namespace mailwarden::bounce_detail {

namespace {

// Reads exactly `n` digits at `pos`; -1 when they are not there.
int digits(std::string_view s, std::size_t pos, std::size_t n) noexcept {
    if (pos + n > s.size()) return -1;
    int value = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

}  // namespace

std::optional<TimePoint> parse_rfc3339(std::string_view s) noexcept {
    using namespace std::chrono;
    const int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
    const int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return std::nullopt;
    if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' ||
        s[16] != ':')
        return std::nullopt;
    const year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                              std::chrono::day(static_cast<unsigned>(day))};
    // system_clock's nanoseconds end in 2262.
    if (!date.ok() || year < 1970 || year > 2200 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    std::size_t pos = 19;
    milliseconds fraction{0};
    if (pos < s.size() && s[pos] == '.') {
        int scale = 100;
        for (++pos; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos) {
            fraction += milliseconds((s[pos] - '0') * scale);
            scale /= 10;
        }
    }
    minutes offset{0};
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        const int oh = digits(s, pos + 1, 2), om = digits(s, pos + 4, 2);
        if (oh < 0 || om < 0 || s[pos + 3] != ':') return std::nullopt;
        offset = minutes((s[pos] == '-' ? -1 : 1) * (oh * 60 + om));
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    return TimePoint(sys_days(date)) + hours(hour) + minutes(minute) + seconds(second) + fraction - offset;
}

TimePoint event_time(const FeedbackEvent& event, TimePoint now) noexcept {
    const auto parsed = parse_rfc3339(event.timestamp);
    if (!parsed || *parsed > now) return now;
    return *parsed;
}

}  // namespace mailwarden::bounce_detail
