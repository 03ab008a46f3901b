// The routes open without a session: health, the login link, verification
// links, SNS feedback and the static files.
#include "assets.hpp"
#include "console_app.hpp"
#include "html_page.hpp"

namespace console {

namespace {

Response text(int status, std::string body) {
    Response r;
    r.status = status;
    r.content_type = "text/plain; charset=utf-8";
    r.body = std::move(body);
    return r;
}

Response redirect(const std::string& location) {
    Response r;
    r.status = 303;
    r.headers.emplace_back("Location", location);
    return r;
}

Response login(ConsoleApp& app, const Request& request) {
    if (request.query.count("token") == 0) {
        if (app.sessions.find(cookie_value(request.header("cookie"), "mw_session"))) return redirect("/channels");
        return html_page(401, "Sign-in needed", "Open the link mailwarden-console printed when it started.");
    }
    const auto session = app.sessions.redeem(request.param("token"));
    if (!session)
        return html_page(401, "This sign-in link is not valid",
                         "The link was used already or is wrong: use the link mailwarden-console printed at start "
                         "(restart it for a new one).");
    Response r = redirect("/channels");
    r.headers.emplace_back("Set-Cookie", "mw_session=" + session->id + "; HttpOnly; SameSite=Strict; Path=/");
    return r;
}

// A click on a verification link the local transport mailed: the link is
// this server's URL as written into the mail.
Response verify(ConsoleApp& app, const Request& request) {
    if (!app.channel.local)
        return html_page(400, "Verification failed", "this console does not use the local transport");
    auto confirmed = app.channel.local->confirm(app.origin + request.target);
    if (!confirmed) return html_page(400, "Verification failed", confirmed.error().message);
    // The sender shows as verified right away, as after a click at SES.
    (void)app.channel.registry->refresh_address(confirmed->address);
    return html_page(200, "Sender verified", confirmed->message);
}

Response sns(ConsoleApp& app, const Request& request) {
    const auto outcome = app.feedback->handle(request.body);
    if (outcome.report) (void)app.stats_sampled();
    return text(outcome.http_status, outcome.message + "\n");
}

Response asset(const Request& request) {
    std::string name;
    if (!percent_decode(request.path.substr(8), name) || name.find("..") != std::string::npos)
        return text(404, "not found\n");
    const std::string type = asset_content_type(name);
    const auto data = find_asset(name);
    if (type.empty() || !data) return text(404, "not found\n");
    Response r;
    r.content_type = type;
    r.body = std::string(*data);
    r.no_store = false;
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
}

}  // namespace

Response public_route(ConsoleApp& app, const Request& request, bool& handled) {
    handled = true;
    const std::string& p = request.path;
    const bool get = request.method == "GET";
    if (p == "/healthz" && get) return text(200, "ok");
    if (p == "/" && get) return login(app, request);
    if (p == "/verify" && get) return verify(app, request);
    if (p == "/sns" && request.method == "POST") return sns(app, request);
    if (p.rfind("/assets/", 0) == 0 && get) return asset(request);
    handled = false;
    return {};
}

}  // namespace console
