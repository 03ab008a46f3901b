// The console's pages: each page's <main> (an embedded HTML file) in the one
// layout (layout.html) with its title, scripts and the navigation, and the
// session's CSRF token put in for {{csrf}}.
#include "assets.hpp"
#include "console_app.hpp"
#include "html_page.hpp"

#include <array>

namespace console {

namespace {

struct PageSpec {
    std::string_view file;       ///< its <main>, under assets/
    std::string_view title;
    std::array<std::string_view, 2> scripts;  ///< its own, after console.js (an empty one: none)
};

constexpr std::array<std::pair<std::string_view, std::string_view>, 3> sections{{
    {"/channels", "Channels"}, {"/deliverability", "Deliverability"}, {"/lists", "Lists"}}};

void replace_all(std::string& text, std::string_view placeholder, std::string_view value) {
    for (auto pos = text.find(placeholder); pos != std::string::npos; pos = text.find(placeholder, pos + value.size()))
        text.replace(pos, placeholder.size(), value);
}

// The sections, the one at `path` marked current (Sender Details is none).
std::string navigation(std::string_view path) {
    std::string nav;
    for (const auto& [href, name] : sections) {
        const bool current = href == path;
        nav += "    <a href=\"" + std::string(href) + "\"" + (current ? " aria-current=\"page\"" : "") + ">" +
               std::string(name) + "</a>\n";
    }
    return nav;
}

Response page(const PageSpec& spec, std::string_view path, const Session& session) {
    const auto layout = find_asset("layout.html");
    const auto main = find_asset(spec.file);
    if (!layout || !main) return html_page(404, "Not found", "this page is not built into the console");
    std::string scripts;
    for (const std::string_view name : spec.scripts)
        if (!name.empty()) scripts += "<script src=\"/assets/" + std::string(name) + "\" defer></script>\n";
    std::string body(*layout);
    replace_all(body, "{{title}}", spec.title);
    replace_all(body, "{{scripts}}", scripts);
    replace_all(body, "{{nav}}", navigation(path));
    replace_all(body, "{{main}}", *main);
    replace_all(body, "{{csrf}}", session.csrf);
    Response r;
    r.content_type = "text/html; charset=utf-8";
    r.body = std::move(body);
    return r;
}

constexpr PageSpec channels{"channels.html", "Channels", {"channels.js"}};
constexpr PageSpec deliverability{"deliverability.html", "Deliverability", {"chart.js", "deliverability.js"}};
constexpr PageSpec lists{"lists.html", "Lists", {"lists.js"}};
constexpr PageSpec sender{"sender.html", "Sender Details", {"sender.js"}};

}  // namespace

Response page_route(ConsoleApp&, const Request& request, const Session& session) {
    const std::string& p = request.path;
    if (request.method != "GET") return html_page(405, "Method not allowed", request.method);
    if (p == "/channels") return page(channels, p, session);
    if (p == "/deliverability") return page(deliverability, p, session);
    if (p == "/lists") return page(lists, p, session);
    if (p.rfind("/senders/", 0) == 0 && p.size() > 9 && p.find('/', 9) == std::string::npos)
        return page(sender, p, session);
    return html_page(404, "Not found", "There is no page at " + p + ".");
}

}  // namespace console
