// RFC 8058 section 3.1: the POST a mail client makes for one-click
// unsubscribe carries List-Unsubscribe=One-Click, sent as
// application/x-www-form-urlencoded or multipart/form-data.
#include <mailwarden/subscriber_lists.hpp>

#include "bounce/mime/content_type.hpp"
#include "bounce/mime/entity.hpp"

#include <boost/url/parse_query.hpp>

namespace mailwarden {

namespace {

constexpr std::string_view key = "List-Unsubscribe";
constexpr std::string_view one_click = "One-Click";
constexpr std::size_t largest_body = 64 * 1024;  // the real ones are a few dozen bytes

bool urlencoded_says_one_click(std::string_view body) {
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.remove_suffix(1);
    const std::string text(body);  // NUL-terminated for Boost.URL 1.81's parse_query
    auto params = boost::urls::parse_query(text);
    if (!params) return false;
    for (const auto& p : *params)
        if (p.key == key && p.value == one_click) return true;
    return false;
}

// The `name` parameter of a part's Content-Disposition ("form-data; name=...");
// its parameters have Content-Type's syntax, so that reader parses them.
std::string field_name(std::string_view disposition) {
    const auto semicolon = disposition.find(';');
    if (semicolon == std::string_view::npos) return {};
    const auto parsed = bounce_detail::parse_content_type("application/x" + std::string(disposition.substr(semicolon)));
    return std::string(parsed.param("name"));
}

bool multipart_says_one_click(std::string_view content_type, std::string_view body) {
    const auto mail = bounce_detail::parse_mail("Content-Type: " + std::string(content_type) + "\r\n\r\n" +
                                                std::string(body));
    for (const auto& part : mail.root.children) {
        if (field_name(part.headers.get("Content-Disposition")) != key) continue;
        std::string_view value = part.body;
        while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.remove_suffix(1);
        return value == one_click;
    }
    return false;
}

}  // namespace

bool is_one_click_post(std::string_view content_type, std::string_view body) {
    if (body.size() > largest_body) return false;
    const auto type = bounce_detail::parse_content_type(content_type, "application/octet-stream");
    if (type.is("application", "x-www-form-urlencoded")) return urlencoded_says_one_click(body);
    if (type.is("multipart", "form-data")) return multipart_says_one_click(content_type, body);
    return false;
}

}  // namespace mailwarden
