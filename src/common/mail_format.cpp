#include "common/mail_format.hpp"

#include "common/base64.hpp"

#include <algorithm>
#include <ctime>

namespace mailwarden::common {

bool has_line_break(std::string_view text) noexcept { return text.find_first_of("\r\n") != std::string_view::npos; }

namespace {

bool printable_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x20 && u < 0x7f;
    });
}

}  // namespace

std::string encode_header_text(std::string_view text) {
    if (printable_ascii(text)) return std::string(text);
    return "=?UTF-8?B?" + base64_encode(text) + "?=";
}

Result<std::string, Error> format_address(std::string_view display_name, std::string_view address) {
    if (has_line_break(display_name) || has_line_break(address))
        return unexpected(Error(errc::invalid_argument, "line break in an address or display name"));
    if (display_name.empty()) return std::string(address);
    std::string name;
    if (printable_ascii(display_name)) {
        name = "\"";
        for (const char c : display_name) {
            if (c == '"' || c == '\\') name.push_back('\\');
            name.push_back(c);
        }
        name += "\"";
    } else {
        name = encode_header_text(display_name);
    }
    return name + " <" + std::string(address) + ">";
}

std::string rfc5322_date(TimePoint t) {
    const std::time_t seconds = static_cast<std::time_t>(to_unix_seconds(t));
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[64];
    const int n = std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[utc.tm_wday],
                                utc.tm_mday, months[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                                utc.tm_sec);
    return std::string(buf, static_cast<std::size_t>(n));
}

}  // namespace mailwarden::common
