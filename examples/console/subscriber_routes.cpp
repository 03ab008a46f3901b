// The public pages a subscriber reaches from a list mail, without a session:
// the double opt-in confirmation (GET shows a button, POST confirms) and the
// unsubscribe link, which also takes RFC 8058's one-click POST.
#include "console_app.hpp"
#include "html_page.hpp"

#include <mailwarden/subscriber_lists.hpp>

namespace console {

namespace {

// The token of a POST: in the query (RFC 8058 posts to the link itself) or
// in the form the page sent.
std::string posted_token(const Request& request) {
    if (!request.param("token").empty()) return request.param("token");
    std::map<std::string, std::string> fields;
    if (!parse_form(request.body, fields)) return {};
    const auto it = fields.find("token");
    return it == fields.end() ? std::string() : it->second;
}

Response link_problem(const mailwarden::Error& error, std::string_view what) {
    switch (error.kind()) {
        case mailwarden::errc::expired:
            return html_page(410, "This link has expired", "Ask for a new " + std::string(what) + " link.");
        case mailwarden::errc::already_exists:
            return html_page(200, "Already confirmed", "This subscription was confirmed already.");
        case mailwarden::errc::not_found:
            return html_page(404, "Not subscribed", "This address is no longer on the list.");
        case mailwarden::errc::invalid_argument:
            return html_page(400, "This link is not valid", "Check that the whole link from the mail was opened.");
        default:
            return html_page(503, "Try again later", "The list cannot be reached right now.");
    }
}

Response show_confirm(ConsoleApp& app, const Request& request) {
    const std::string token = request.param("token");
    auto preview = app.lists->inspect(token);
    if (!preview) return link_problem(preview.error(), "confirmation");
    return html_action_page("Confirm your subscription",
                            "Subscribe " + preview->subscriber.address + " to the list " + preview->list.name + "?",
                            "/lists/confirm", token, "Confirm subscription");
}

Response confirm(ConsoleApp& app, const Request& request) {
    auto done = app.lists->confirm(posted_token(request), request.client_ip, request.header("user-agent"));
    if (!done) return link_problem(done.error(), "confirmation");
    return html_page(200, "You are subscribed", done->address + " will receive this list's mail.");
}

Response show_unsubscribe(ConsoleApp& app, const Request& request) {
    const std::string token = request.param("token");
    auto who = app.lists->inspect_unsubscribe(token);
    if (!who) return link_problem(who.error(), "unsubscribe");
    return html_action_page("Unsubscribe", "Stop sending this list's mail to " + who->address + "?",
                            "/lists/unsubscribe", token, "Unsubscribe");
}

Response unsubscribe(ConsoleApp& app, const Request& request) {
    const bool one_click = mailwarden::is_one_click_post(request.header("content-type"), request.body);
    auto done = app.lists->unsubscribe(posted_token(request), one_click ? "one-click" : "link", request.client_ip,
                                       request.header("user-agent"));
    if (!done) return link_problem(done.error(), "unsubscribe");
    return html_page(200, "You are unsubscribed", done->address + " will receive no more mail from this list.");
}

}  // namespace

Response subscriber_route(ConsoleApp& app, const Request& request, bool& handled) {
    handled = true;
    const std::string& p = request.path;
    const std::string& m = request.method;
    if (p == "/lists/confirm" && m == "GET") return show_confirm(app, request);
    if (p == "/lists/confirm" && m == "POST") return confirm(app, request);
    if (p == "/lists/unsubscribe" && m == "GET") return show_unsubscribe(app, request);
    if (p == "/lists/unsubscribe" && m == "POST") return unsubscribe(app, request);
    handled = false;
    return {};
}

}  // namespace console
