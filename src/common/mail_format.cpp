#include "common/mail_format.hpp"

#include "common/base64.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

namespace mailwarden::common {

bool has_line_break(std::string_view text) noexcept { return text.find_first_of("\r\n") != std::string_view::npos; }

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool written_by_transport(std::string_view name) {
    for (const std::string_view own : {"from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version"})
        if (iequals(name, own)) return true;
    return name.size() >= 8 && iequals(name.substr(0, 8), "content-");
}

}  // namespace

Result<Done, Error> check_extra_headers(const std::vector<std::pair<std::string, std::string>>& headers) {
    for (const auto& [name, value] : headers) {
        const bool name_ok = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            const auto u = static_cast<unsigned char>(c);
            return u >= 33 && u <= 126 && c != ':';
        });
        if (!name_ok) return unexpected(Error(errc::invalid_argument, "not a header field name: \"" + name + "\""));
        if (written_by_transport(name))
            return unexpected(Error(errc::invalid_argument, "the " + name + " field is the transport's to write"));
        if (has_line_break(value) || value.size() > 998)
            return unexpected(Error(errc::invalid_argument, "the " + name + " field's value has a line break or is too long"));
    }
    return Done{};
}

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

std::string_view domain_of(std::string_view address) noexcept {
    const auto at = address.rfind('@');
    return at == std::string_view::npos ? std::string_view() : address.substr(at + 1);
}

}  // namespace mailwarden::common
