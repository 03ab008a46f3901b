#include "content_policy_file.hpp"

#include "cli_args.hpp"
#include "dns_option.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <map>
#include <sstream>

namespace mwctl {

namespace {

namespace json = boost::json;

class PolicyReader {
public:
    explicit PolicyReader(std::string path) : path_(std::move(path)) {}

    [[noreturn]] void refuse(const std::string& where, const std::string& why) const {
        throw UsageError(path_ + ": " + where + ": " + why);
    }

    const json::object& object(const json::value& v, const std::string& where) const {
        if (!v.is_object()) refuse(where, "expected an object");
        return v.as_object();
    }

    std::string string(const json::value& v, const std::string& where) const {
        if (!v.is_string()) refuse(where, "expected a string");
        return std::string(v.as_string());
    }

    double number(const json::value& v, const std::string& where) const {
        if (!v.is_number()) refuse(where, "expected a number");
        return v.to_number<double>();
    }

    mailwarden::ContentAction action(const json::value& v, const std::string& where) const {
        const std::string text = string(v, where);
        if (text == "send") return mailwarden::ContentAction::send;
        if (text == "refuse") return mailwarden::ContentAction::refuse;
        refuse(where, "is send or refuse, not '" + text + "'");
    }

    mailwarden::ContentSeverity severity(const json::value& v, const std::string& where) const {
        const std::string text = string(v, where);
        if (text == "info") return mailwarden::ContentSeverity::info;
        if (text == "review") return mailwarden::ContentSeverity::review;
        if (text == "block") return mailwarden::ContentSeverity::block;
        refuse(where, "is info, review or block, not '" + text + "'");
    }

    mailwarden::Blocklist blocklist(const json::value& v, const std::string& where) const {
        const auto& o = object(v, where);
        mailwarden::Blocklist list;
        for (const auto& [key, value] : o) {
            const std::string at = where + "." + std::string(key);
            if (key == "zone") list.zone = string(value, at);
            else if (key == "name") list.name = string(value, at);
            else if (key == "kind") {
                const std::string kind = string(value, at);
                if (kind != "domain" && kind != "ip") refuse(at, "is domain or ip");
                list.kind = kind == "ip" ? mailwarden::BlocklistKind::ip : mailwarden::BlocklistKind::domain;
            } else if (key == "severity") list.severity = severity(value, at);
            else if (key == "codes") {
                for (const auto& [code, reason] : object(value, at)) list.codes[std::string(code)] = string(reason, at);
            } else if (key == "refusals") {
                if (!value.is_array()) refuse(at, "expected an array");
                for (const auto& r : value.as_array()) list.refusal_codes.push_back(string(r, at));
            } else refuse(at, "unknown key");
        }
        if (list.zone.empty()) refuse(where, "a blocklist needs a zone");
        if (list.name.empty()) list.name = list.zone;
        return list;
    }

    mailwarden::SpamdServer spamd(const json::value& v, const std::string& where) const {
        mailwarden::SpamdServer server;
        for (const auto& [key, value] : object(v, where)) {
            const std::string at = where + "." + std::string(key);
            if (key == "host") server.host = string(value, at);
            else if (key == "port") {
                const double port = number(value, at);
                if (port < 1 || port > 65535) refuse(at, "is not a port");
                server.port = static_cast<std::uint16_t>(port);
            } else if (key == "review_at") server.review_at = number(value, at);
            else if (key == "block_at") server.block_at = number(value, at);
            else refuse(at, "unknown key");
        }
        return server;
    }

    mailwarden::ContentPolicy policy(const json::value& v, const std::string& where) const {
        mailwarden::ContentPolicy p;
        std::string dns;
        for (const auto& [key, value] : object(v, where)) {
            const std::string at = where + "." + std::string(key);
            if (key == "on_review") p.on_review = action(value, at);
            else if (key == "on_block") p.on_block = action(value, at);
            else if (key == "dns") dns = string(value, at);
            else if (key == "spamd") p.options.spamd = spamd(value, at);
            else if (key == "dnsbl") {
                if (!value.is_array()) refuse(at, "expected an array");
                for (const auto& list : value.as_array()) p.options.blocklists.push_back(blocklist(list, at));
            } else refuse(at, "unknown key");
        }
        if (!p.options.blocklists.empty()) p.options.resolver = resolver(dns, where + ".dns");
        return p;
    }

    // One resolver per server, however many accounts' policies name it.
    std::shared_ptr<mailwarden::dns::Resolver> resolver(const std::string& server, const std::string& where) const {
        auto& r = resolvers_[server];
        if (!r) {
            try {
                r = open_resolver(server);
            } catch (const UsageError& e) {
                refuse(where, e.what());
            }
        }
        return r;
    }

private:
    std::string path_;
    mutable std::map<std::string, std::shared_ptr<mailwarden::dns::Resolver>> resolvers_;
};

}  // namespace

mailwarden::ContentPolicies read_content_policies(const std::string& path) {
    const PolicyReader reader(path);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("cannot read " + path);
    std::stringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    const json::value root = json::parse(text.str(), ec);
    if (ec) throw UsageError(path + ": not JSON: " + ec.message());
    mailwarden::ContentPolicies policies;
    for (const auto& [account, policy] : reader.object(root, "the file"))
        policies[std::string(account)] = reader.policy(policy, std::string(account));
    return policies;
}

}  // namespace mwctl
