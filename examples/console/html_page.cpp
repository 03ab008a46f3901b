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

Response html_page(int status, std::string_view title, std::string_view message) {
    Response r;
    r.status = status;
    r.content_type = "text/html; charset=utf-8";
    const std::string t = html_escape(title);
    r.body = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + t +
             " - mailwarden</title><link rel=\"stylesheet\" href=\"/assets/console.css\"></head>\n<body><main><h1>" + t +
             "</h1><p>" + html_escape(message) + "</p></main></body></html>\n";
    return r;
}

}  // namespace console
