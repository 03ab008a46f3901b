// ISO 8601 basic format, the only time format SigV4 uses.
#include "amz_date.hpp"

#include <mailwarden/net/sigv4.hpp>

#include <chrono>

namespace mailwarden::sigv4 {

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t count, int& value) {
    value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
        value = value * 10 + (s[i] - '0');
    }
    return true;
}

}  // namespace

namespace detail {

bool write_amz_date(std::chrono::system_clock::time_point time, char* out) noexcept {
    using namespace std::chrono;
    const auto secs = floor<seconds>(time);
    const auto day = floor<days>(secs);
    const year_month_day ymd{day};
    const int y = static_cast<int>(ymd.year());
    if (y < 1970 || y > 9999) return false;
    const hh_mm_ss hms{secs - day};
    auto put = [out](std::size_t pos, unsigned v, int width) {
        for (int i = width - 1; i >= 0; --i) {
            out[pos + static_cast<std::size_t>(i)] = static_cast<char>('0' + v % 10);
            v /= 10;
        }
    };
    put(0, static_cast<unsigned>(y), 4);
    put(4, static_cast<unsigned>(ymd.month()), 2);
    put(6, static_cast<unsigned>(ymd.day()), 2);
    out[8] = 'T';
    put(9, static_cast<unsigned>(hms.hours().count()), 2);
    put(11, static_cast<unsigned>(hms.minutes().count()), 2);
    put(13, static_cast<unsigned>(hms.seconds().count()), 2);
    out[15] = 'Z';
    return true;
}

}  // namespace detail

std::string format_amz_date(std::chrono::system_clock::time_point time) {
    std::string out(16, '0');
    if (!detail::write_amz_date(time, out.data())) return {};
    return out;
}

std::optional<std::chrono::system_clock::time_point> parse_amz_date(std::string_view text) {
    using namespace std::chrono;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    bool ok = false;
    if (text.size() == 16 && text[8] == 'T' && text[15] == 'Z') {
        ok = digits(text, 0, 4, y) && digits(text, 4, 2, mo) && digits(text, 6, 2, d) && digits(text, 9, 2, h) &&
             digits(text, 11, 2, mi) && digits(text, 13, 2, s);
    } else if (text.size() == 20 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' &&
               text[16] == ':' && text[19] == 'Z') {
        ok = digits(text, 0, 4, y) && digits(text, 5, 2, mo) && digits(text, 8, 2, d) && digits(text, 11, 2, h) &&
             digits(text, 14, 2, mi) && digits(text, 17, 2, s);
    }
    // system_clock counts nanoseconds in 64 bits: it ends in April 2262.
    // Before 1970 nothing is signed either (format_amz_date refuses it).
    if (!ok || y < 1970 || y > 2261 || h > 23 || mi > 59 || s > 59) return std::nullopt;
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return sys_days{ymd} + hours{h} + minutes{mi} + seconds{s};
}

}  // namespace mailwarden::sigv4
