// The console's pages: the embedded HTML files with the session's CSRF
// token put in for {{csrf}}.
#include "assets.hpp"
#include "console_app.hpp"
#include "html_page.hpp"

namespace console {

namespace {

Response page(const std::string& file, const Session& session) {
    const auto data = find_asset(file);
    if (!data) return html_page(404, "Not found", "this page is not built into the console: " + file);
    std::string body(*data);
    const std::string placeholder = "{{csrf}}";
    for (auto pos = body.find(placeholder); pos != std::string::npos; pos = body.find(placeholder, pos + session.csrf.size())) {
        body.replace(pos, placeholder.size(), session.csrf);
    }
    Response r;
    r.content_type = "text/html; charset=utf-8";
    r.body = std::move(body);
    return r;
}

}  // namespace

Response page_route(ConsoleApp&, const Request& request, const Session& session) {
    const std::string& p = request.path;
    if (request.method != "GET") return html_page(405, "Method not allowed", request.method);
    if (p == "/channels") return page("channels.html", session);
    if (p == "/deliverability") return page("deliverability.html", session);
    if (p.rfind("/senders/", 0) == 0 && p.size() > 9 && p.find('/', 9) == std::string::npos)
        return page("sender.html", session);
    return html_page(404, "Not found", "There is no page at " + p + ".");
}

}  // namespace console
