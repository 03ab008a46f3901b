// /api/lists...: the account's mailing lists with their counts by state,
// subscribers by state, subscribing (double opt-in), removing, CSV imports
// with progress, and purges with a dry run.
#include "console_app.hpp"
#include "json_reply.hpp"

#include <mailwarden/subscriber_lists.hpp>

#include <charconv>

namespace console {

namespace {

boost::json::object counts_object(const std::vector<std::int64_t>& counts) {
    boost::json::object o;
    for (std::size_t i = 0; i < counts.size(); ++i)
        o[mailwarden::to_string(static_cast<mailwarden::SubscriberState>(i))] = counts[i];
    return o;
}

Response all_lists(ConsoleApp& app) {
    auto lists = app.lists->lists(app.account);
    if (!lists) return json_error(lists.error());
    boost::json::array items;
    for (const auto& list : *lists) {
        auto counts = app.channel.subscribers->counts(list.id);
        if (!counts) return json_error(counts.error());
        auto item = parse_library_json(mailwarden::to_json(list));
        if (item.is_object()) item.as_object()["counts"] = counts_object(*counts);
        items.push_back(std::move(item));
    }
    boost::json::object body;
    body["lists"] = std::move(items);
    return json_reply(200, body);
}

Response create_list(ConsoleApp& app, const Request& request) {
    Response bad;
    const auto object = parse_json_object(request.body, bad);
    if (!object) return bad;
    auto made = app.lists->create_list(app.account, string_member(*object, "name"), string_member(*object, "from"));
    if (!made) return json_error(made.error());
    boost::json::object body;
    body["list"] = parse_library_json(mailwarden::to_json(*made));
    return json_reply(201, body);
}

// One page of subscribers: ?state= filters, ?after= (a subscriber id) pages on.
Response subscribers(ConsoleApp& app, const std::string& name, const Request& request) {
    auto list = app.lists->list(app.account, name);
    if (!list) return json_error(list.error());
    std::optional<mailwarden::SubscriberState> state;
    if (const std::string s = request.param("state"); !s.empty()) {
        state = mailwarden::subscriber_state_from_string(s);
        if (!state) return json_error(400, "MW_EINVAL", "no such state: " + s);
    }
    std::int64_t after = 0;
    if (const std::string a = request.param("after"); !a.empty()) {
        const auto [end, ec] = std::from_chars(a.data(), a.data() + a.size(), after);
        if (ec != std::errc() || end != a.data() + a.size() || after < 0)
            return json_error(400, "MW_EINVAL", "after: not a subscriber id");
    }
    constexpr std::size_t page_size = 200;
    auto page = app.channel.subscribers->subscribers(list->id, state, after, page_size);
    if (!page) return json_error(page.error());
    boost::json::array items;
    for (const auto& s : *page) {
        auto item = parse_library_json(mailwarden::to_json(s));
        if (item.is_object()) item.as_object()["id"] = s.id;
        items.push_back(std::move(item));
    }
    boost::json::object body;
    body["subscribers"] = std::move(items);
    body["next_after"] = page->size() == page_size ? boost::json::value(page->back().id) : nullptr;
    return json_reply(200, body);
}

Response subscribe(ConsoleApp& app, const std::string& name, const Request& request) {
    Response bad;
    const auto object = parse_json_object(request.body, bad);
    if (!object) return bad;
    mailwarden::SubscribeRequest s;
    s.address = string_member(*object, "address");
    s.name = string_member(*object, "name");
    s.source = "console";
    s.ip = request.client_ip;
    s.user_agent = request.header("user-agent");
    auto outcome = app.lists->subscribe(app.account, name, s);
    if (!outcome) return json_error(outcome.error());
    boost::json::object body;
    body["outcome"] = parse_library_json(mailwarden::to_json(*outcome));
    return json_reply(outcome->accepted ? 201 : 200, body);  // a refusal is an outcome, not an error
}

Response unsubscribe(ConsoleApp& app, const std::string& name, const std::string& address) {
    auto done = app.lists->unsubscribe_address(app.account, name, address, "api");
    if (!done) return json_error(done.error());
    boost::json::object body;
    body["subscriber"] = parse_library_json(mailwarden::to_json(*done));
    return json_reply(200, body);
}

Response resend(ConsoleApp& app, const std::string& name, const std::string& address) {
    auto link = app.lists->resend_confirmation(app.account, name, address);
    if (!link) return json_error(link.error());
    boost::json::object body;
    body["resent"] = true;
    return json_reply(200, body);
}

boost::json::object progress_object(const ImportProgress& p) {
    boost::json::object o;
    o["id"] = p.id;
    o["list"] = p.list;
    o["lines"] = p.lines;
    o["lines_done"] = p.lines_done;
    o["rows_done"] = p.rows_done;
    o["added"] = p.added;
    o["finished"] = p.finished;
    o["summary"] = p.summary ? parse_library_json(mailwarden::to_json(*p.summary)) : nullptr;
    if (p.error)
        o["error"] = boost::json::object{{"code", mailwarden::status_name(static_cast<int>(p.error->kind()))},
                                         {"message", p.error->message}};
    else
        o["error"] = nullptr;
    return o;
}

// The body is the file itself; ?source= names it in the consent log.
Response start_import(ConsoleApp& app, const std::string& name, const Request& request) {
    auto list = app.lists->list(app.account, name);
    if (!list) return json_error(list.error());
    if (request.body.empty()) return json_error(400, "MW_EINVAL", "the file is empty");
    mailwarden::ImportOptions options;
    options.source = request.param("source").empty() ? "console import" : request.param("source");
    options.notice_text = request.param("notice");
    auto lists = app.lists;
    const std::string account = app.account;
    auto started = app.imports.start(name, count_lines(request.body),
                                     [lists, account, name, options, input = request.body](const auto& on_row) {
                                         return lists->import(account, name, input, options, on_row);
                                     });
    if (!started) return json_error(429, "MW_ERANGE", "two imports are running already: wait for one to finish");
    boost::json::object body;
    body["import"] = progress_object(*started);
    Response r = json_reply(202, body);
    r.headers.emplace_back("Location", "/api/lists/" + name + "/imports/" + started->id);
    return r;
}

Response import_progress(ConsoleApp& app, const std::string& name, const std::string& id) {
    const auto progress = app.imports.find(id);
    if (!progress || progress->list != name) return json_error(404, "MW_ENOTFOUND", "no such import");
    boost::json::object body;
    body["import"] = progress_object(*progress);
    return json_reply(200, body);
}

// Sets `out` from a count of days or sends in the body (absent or null:
// unset); the 400 answer naming the key when it is not a whole number from
// 1 to 36500.
std::optional<Response> read_count(const boost::json::object& o, std::string_view key, std::optional<int>& out) {
    out.reset();
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_int64() || v->as_int64() < 1 || v->as_int64() > 36500)
        return json_error(400, "MW_EINVAL", std::string(key) + ": a whole number from 1 to 36500, or null");
    out = static_cast<int>(v->as_int64());
    return std::nullopt;
}

// {dry_run, unconfirmed_days, inactive_days, min_sends, keep_bounced}
Response purge(ConsoleApp& app, const std::string& name, const Request& request) {
    Response bad;
    const auto object = parse_json_object(request.body, bad);
    if (!object) return bad;
    mailwarden::PurgePolicy policy;
    std::optional<int> min_sends;
    if (auto e = read_count(*object, "unconfirmed_days", policy.unconfirmed_days)) return *e;
    if (auto e = read_count(*object, "inactive_days", policy.inactive_days)) return *e;
    if (auto e = read_count(*object, "min_sends", min_sends)) return *e;
    if (min_sends) policy.min_sends = *min_sends;
    const auto* keep = object->if_contains("keep_bounced");
    policy.bounced_and_complained = !(keep && keep->is_bool() && keep->as_bool());
    const auto* dry = object->if_contains("dry_run");
    policy.dry_run = !(dry && dry->is_bool() && !dry->as_bool());  // a preview unless told otherwise
    auto report = app.lists->purge(app.account, name, policy);
    if (!report) return json_error(report.error());
    boost::json::object body;
    body["purge"] = parse_library_json(mailwarden::to_json(*report));
    return json_reply(200, body);
}

}  // namespace

Response api_lists(ConsoleApp& app, const Request& request, const std::vector<std::string>& segments) {
    const std::string& m = request.method;
    const std::size_t n = segments.size();
    if (n == 1 || (n == 2 && segments[1].empty())) {
        if (m == "GET") return all_lists(app);
        if (m == "POST") return create_list(app, request);
        return method_not_allowed();
    }
    const std::string& name = segments[1];
    const std::string what = n >= 3 ? segments[2] : "";
    if (what == "subscribers" && n == 3) {
        if (m == "GET") return subscribers(app, name, request);
        if (m == "POST") return subscribe(app, name, request);
        return method_not_allowed();
    }
    if (what == "subscribers" && n == 4) return m == "DELETE" ? unsubscribe(app, name, segments[3]) : method_not_allowed();
    if (what == "subscribers" && n == 5 && segments[4] == "resend")
        return m == "POST" ? resend(app, name, segments[3]) : method_not_allowed();
    if (what == "imports" && n == 3) return m == "POST" ? start_import(app, name, request) : method_not_allowed();
    if (what == "imports" && n == 4) return m == "GET" ? import_progress(app, name, segments[3]) : method_not_allowed();
    if (what == "purge" && n == 3) return m == "POST" ? purge(app, name, request) : method_not_allowed();
    return no_such_route();
}

}  // namespace console
