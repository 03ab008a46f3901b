#include "html_page.hpp"

namespace console {

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

namespace {

Response small_page(int status, std::string_view title, std::string_view message, std::string_view extra_html) {
    Response r;
    r.status = status;
    r.content_type = "text/html; charset=utf-8";
    const std::string t = html_escape(title);
    r.body = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" +
             t + " - mailwarden</title><link rel=\"stylesheet\" href=\"/assets/console.css\"></head>\n<body><main><h1>" +
             t + "</h1><p>" + html_escape(message) + "</p>" + std::string(extra_html) + "</main></body></html>\n";
    return r;
}

}  // namespace

Response html_page(int status, std::string_view title, std::string_view message) {
    return small_page(status, title, message, "");
}

Response html_action_page(std::string_view title, std::string_view message, std::string_view action,
                          std::string_view token, std::string_view button) {
    const std::string form = "<form method=\"post\" action=\"" + html_escape(action) +
                             "\"><input type=\"hidden\" name=\"token\" value=\"" + html_escape(token) +
                             "\"><button type=\"submit\">" + html_escape(button) + "</button></form>";
    return small_page(200, title, message, form);
}

}  // namespace console
