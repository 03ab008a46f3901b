// /api/deliverability, /api/account/resume, /api/suppressions...: the
// account's rates over time, its audit log, resuming it, and suppressions.
#include "console_app.hpp"
#include "json_reply.hpp"

#include <mailwarden/clock.hpp>

namespace console {

namespace {

boost::json::object stats_object(const mailwarden::AccountStats& stats) {
    auto v = parse_library_json(mailwarden::to_json(stats));
    return v.is_object() ? std::move(v.as_object()) : boost::json::object{};
}

Response deliverability(ConsoleApp& app) {
    auto stats = app.stats_sampled();
    if (!stats) return json_error(stats.error());
    auto audit = app.channel.tracker->audit_log(app.account);
    if (!audit) return json_error(audit.error());
    const auto& policy = app.channel.tracker->policy();
    boost::json::object lines;
    lines["bounce_suspend"] = policy.bounce_suspend;
    lines["complaint_warning"] = policy.complaint_warning;
    lines["complaint_suspend"] = policy.complaint_suspend;
    boost::json::array samples;
    for (const auto& s : app.samples.snapshot()) {
        boost::json::object point;
        point["at"] = mailwarden::format_rfc3339(s.at);
        point["bounce_rate"] = s.bounce_rate;
        point["complaint_rate"] = s.complaint_rate;
        point["sends"] = s.sends;
        samples.push_back(std::move(point));
    }
    boost::json::array changes;
    for (const auto& change : *audit) changes.push_back(parse_library_json(mailwarden::to_json(change)));
    boost::json::object body;
    body["account"] = app.account;
    body["stats"] = stats_object(*stats);
    body["lines"] = std::move(lines);
    body["samples"] = std::move(samples);
    body["audit"] = std::move(changes);
    return json_reply(200, body);
}

Response resume(ConsoleApp& app, const Request& request) {
    Response bad;
    const auto object = parse_json_object(request.body, bad);
    if (!object) return bad;
    auto stats = app.channel.tracker->resume(app.account, "console", string_member(*object, "reason"));
    if (!stats) return json_error(stats.error());
    app.samples.record(*stats, app.channel.clock->now());
    boost::json::object body;
    body["stats"] = stats_object(*stats);
    return json_reply(200, body);
}

boost::json::object suppression_object(const mailwarden::Suppression& s) {
    boost::json::object o;
    o["address"] = s.address;
    o["reason"] = mailwarden::to_string(s.reason);
    o["at"] = mailwarden::format_rfc3339(s.at);
    o["note"] = s.note;
    return o;
}

Response list_suppressions(ConsoleApp& app, const Request& request) {
    const std::string q = request.param("q");
    constexpr std::size_t max_items = 500;
    boost::json::array items;
    std::string after;
    while (items.size() < max_items) {
        auto page = app.channel.tracker->suppressions(app.account, 1000, after);
        if (!page) return json_error(page.error());
        for (const auto& s : *page) {
            if (q.empty() || s.address.find(q) != std::string::npos) items.push_back(suppression_object(s));
            if (items.size() >= max_items) break;
        }
        if (page->size() < 1000) break;
        after = page->back().address;
    }
    boost::json::object body;
    body["suppressions"] = std::move(items);
    return json_reply(200, body);
}

Response add_suppression(ConsoleApp& app, const Request& request) {
    Response bad;
    const auto object = parse_json_object(request.body, bad);
    if (!object) return bad;
    auto added = app.channel.tracker->suppress(string_member(*object, "address"), app.account,
                                               string_member(*object, "note"));
    if (!added) return json_error(added.error());
    boost::json::object body;
    body["suppression"] = suppression_object(*added);
    return json_reply(201, body);
}

Response remove_suppression(ConsoleApp& app, const std::string& address) {
    auto removed = app.channel.tracker->unsuppress(address, app.account);
    if (!removed) return json_error(removed.error());
    if (!*removed) return json_error(404, "MW_ENOTFOUND", "no suppression of " + address);
    return no_content();
}

}  // namespace

Response api_deliverability(ConsoleApp& app, const Request& request, const std::vector<std::string>& segments) {
    const std::string& m = request.method;
    const std::string& area = segments[0];
    if (area == "deliverability" && segments.size() == 1) return m == "GET" ? deliverability(app) : method_not_allowed();
    if (area == "account" && segments.size() == 2 && segments[1] == "resume")
        return m == "POST" ? resume(app, request) : method_not_allowed();
    if (area == "suppressions") {
        if (segments.size() == 1 || (segments.size() == 2 && segments[1].empty())) {
            if (m == "GET") return list_suppressions(app, request);
            if (m == "POST") return add_suppression(app, request);
            return method_not_allowed();
        }
        if (segments.size() == 2) return m == "DELETE" ? remove_suppression(app, segments[1]) : method_not_allowed();
    }
    return no_such_route();
}

}  // namespace console
