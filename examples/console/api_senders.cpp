// /api/senders..., /api/address-check: the Enabled channels table, a
// sender's details, its domain's authentication, inline address advice.
#include "console_app.hpp"
#include "json_reply.hpp"

#include <mailwarden/address.hpp>
#include <mailwarden/domain_auth.hpp>

namespace console {

namespace {

mailwarden::AddressPolicy address_policy(const ConsoleApp& app) {
    const auto& o = app.channel.registry->options();
    mailwarden::AddressPolicy policy;
    policy.allow_special_use = o.allow_special_use_domains;
    policy.reject_role = o.reject_role;
    policy.reject_noreply = o.reject_noreply;
    return policy;
}

boost::json::value sender_json(const mailwarden::Sender& sender, bool with_history) {
    return parse_library_json(mailwarden::to_json(sender, with_history));
}

Response one_sender(int status, const mailwarden::Sender& sender, bool with_history) {
    boost::json::object body;
    body["sender"] = sender_json(sender, with_history);
    return json_reply(status, body);
}

Response list(ConsoleApp& app) {
    auto senders = app.channel.registry->list(std::nullopt, app.account);
    if (!senders) return json_error(senders.error());
    boost::json::array items;
    for (const auto& s : *senders) items.push_back(sender_json(s, false));
    boost::json::object body;
    body["senders"] = std::move(items);
    return json_reply(200, body);
}

Response add(ConsoleApp& app, const Request& request) {
    Response bad;
    const auto object = parse_json_object(request.body, bad);
    if (!object) return bad;
    const std::string address = string_member(*object, "address");
    const std::string alias = string_member(*object, "alias");
    const auto check = mailwarden::check_address(address, address_policy(app));
    if (!check.valid()) return json_error(400, "MW_EINVAL", check.message());
    auto added = app.channel.registry->add(address, alias, app.account);
    if (!added) return json_error(added.error());
    return one_sender(201, *added, false);
}

Response domain_report(ConsoleApp& app, const std::string& address) {
    auto sender = app.channel.registry->get(address, app.account);
    if (!sender) return json_error(sender.error());
    auto resolver = app.resolver();
    if (!resolver) return json_error(503, "MW_EIO", resolver.error().message);
    mailwarden::DomainAuthRequest req;
    req.domain = sender->address.substr(sender->address.rfind('@') + 1);
    req.dkim_keys = mailwarden::dkim_selector_keys(app.dkim_signers, req.domain);
    const auto report = mailwarden::check_domain_auth(**resolver, req);
    return json_reply(200, parse_library_json(mailwarden::to_json(report)));
}

}  // namespace

Response api_senders(ConsoleApp& app, const Request& request, const std::vector<std::string>& segments) {
    const std::string& m = request.method;
    if (segments[0] == "address-check") {
        if (segments.size() != 1) return no_such_route();
        if (m != "GET") return method_not_allowed();
        const std::string address = request.param("address");
        return json_reply(200, parse_library_json(mailwarden::to_json(address, mailwarden::check_address(address, address_policy(app)))));
    }
    if (segments.size() == 1 || (segments.size() == 2 && segments[1].empty())) {
        if (m == "GET") return list(app);
        if (m == "POST") return add(app, request);
        return method_not_allowed();
    }
    const std::string& address = segments[1];
    if (segments.size() == 2) {
        if (m == "GET") {
            auto sender = app.channel.registry->get(address, app.account);
            if (!sender) return json_error(sender.error());
            return one_sender(200, *sender, true);
        }
        if (m == "DELETE") {
            auto removed = app.channel.registry->remove(address, false, app.account);
            if (!removed) return json_error(removed.error());
            return no_content();
        }
        return method_not_allowed();
    }
    if (segments.size() == 3 && segments[2] == "resend") {
        if (m != "POST") return method_not_allowed();
        auto sender = app.channel.registry->resend(address, app.account);
        if (!sender) return json_error(sender.error());
        return one_sender(200, *sender, false);
    }
    if (segments.size() == 3 && segments[2] == "domain") {
        if (m != "GET") return method_not_allowed();
        return domain_report(app, address);
    }
    return no_such_route();
}

}  // namespace console
