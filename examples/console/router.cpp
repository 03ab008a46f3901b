// The order every request goes through: rate limit, public routes, then
// the session, CSRF and origin checks in front of pages and the API.
#include "console_app.hpp"
#include "html_page.hpp"
#include "json_reply.hpp"

namespace console {

namespace {

bool state_changing(const std::string& method) { return method == "POST" || method == "PUT" || method == "DELETE"; }

Response api_route(ConsoleApp& app, const Request& request) {
    std::vector<std::string> segments;
    if (!split_path(request.path, 5, segments)) return json_error(400, "MW_EINVAL", "malformed path");
    if (!segments.empty()) {
        const std::string& area = segments[0];
        if (area == "senders" || area == "address-check") return api_senders(app, request, segments);
        if (area == "deliverability" || area == "account" || area == "suppressions")
            return api_deliverability(app, request, segments);
        if (area == "message-check") return api_message(app, request, segments);
        if (area == "lists") return api_lists(app, request, segments);
    }
    return no_such_route();
}

}  // namespace

bool split_path(const std::string& path, std::size_t prefix, std::vector<std::string>& segments) {
    segments.clear();
    if (path.size() <= prefix) return true;
    std::size_t pos = prefix;
    while (pos <= path.size()) {
        auto end = path.find('/', pos);
        if (end == std::string::npos) end = path.size();
        std::string decoded;
        if (!percent_decode(path.substr(pos, end - pos), decoded)) return false;
        segments.push_back(std::move(decoded));
        pos = end + 1;
    }
    return true;
}

bool may_upload(ConsoleApp& app, const Request& head) {
    std::vector<std::string> segments;
    return head.method == "POST" && head.path.rfind("/api/", 0) == 0 && split_path(head.path, 5, segments) &&
           segments.size() == 3 && segments[0] == "lists" && segments[2] == "imports" &&
           app.sessions.find(cookie_value(head.header("cookie"), "mw_session")).has_value();
}

Response route(ConsoleApp& app, const Request& request) {
    const bool api = request.path.rfind("/api/", 0) == 0;
    if (!app.limiter.allow(request.client_ip)) {
        Response r = api ? json_error(429, "MW_ERANGE", "too many requests") : html_page(429, "Too many requests", "Slow down and try again in a moment.");
        r.headers.emplace_back("Retry-After", "1");
        return r;
    }
    bool handled = false;
    Response r = public_route(app, request, handled);
    if (handled) return r;
    r = subscriber_route(app, request, handled);
    if (handled) return r;

    const auto session = app.sessions.find(cookie_value(request.header("cookie"), "mw_session"));
    if (!session) {
        if (api) return json_error(401, "MW_EAUTH", "sign in first: open the link mailwarden-console printed at start");
        std::string shown;
        if (!percent_decode(request.path, shown)) shown = request.path;
        return html_page(401, "Sign-in needed",
                         "To see " + shown + ", open the link mailwarden-console printed when it started.");
    }
    if (!api) return page_route(app, request, *session);
    if (state_changing(request.method)) {
        if (request.has_header("origin") && request.header("origin") != app.origin)
            return json_error(403, "MW_EAUTH", "the request comes from another origin");
        if (!equal_secret(request.header("x-csrf-token"), session->csrf))
            return json_error(403, "MW_EAUTH", "missing or wrong CSRF token (X-CSRF-Token)");
    }
    return api_route(app, request);
}

}  // namespace console
