// mwctl ses: Amazon SES v2 from the command line (account, identities and
// their MAIL FROM, sending, the suppression list, custom verification
// templates), through the library's SES client.
#include "cli_args.hpp"
#include "commands.hpp"

#include <mailwarden/clock.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/ses/client.hpp>

#include <boost/json.hpp>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace mwctl {

namespace {

namespace ses = mailwarden::ses;
namespace json = boost::json;

constexpr const char* ses_usage =
    "usage: mwctl ses account\n"
    "       mwctl ses identity create|get|delete EMAIL_OR_DOMAIN\n"
    "       mwctl ses identity list\n"
    "       mwctl ses identity mail-from IDENTITY [--domain MAIL_FROM_DOMAIN] [--reject-on-mx-failure]\n"
    "                      (no --domain: back to SES's own MAIL FROM)\n"
    "       mwctl ses send --from EMAIL --to ADDR [--to ADDR]... --subject S\n"
    "                      (--text T | --html-file F | --raw-file F) [--display-name NAME]\n"
    "       mwctl ses suppression put ADDR [--reason bounce|complaint]\n"
    "       mwctl ses suppression get|delete ADDR\n"
    "       mwctl ses suppression list\n"
    "       mwctl ses template create NAME --from EMAIL --subject S --html-file F\n"
    "                      --success-url URL --failure-url URL\n"
    "       mwctl ses template send NAME ADDR [--configuration-set NAME]\n"
    "options of every ses command:\n"
    "  --region R        AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's)\n"
    "  --endpoint URL    service URL (default https://email.<region>.amazonaws.com)\n"
    "  --allow-http      allow an http:// endpoint (local test servers only)\n"
    "  --json            print JSON (errors too, as {\"error\":{...}})\n"
    "credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY [/ AWS_SESSION_TOKEN], else the\n"
    "shared files (~/.aws/credentials, ~/.aws/config; AWS_PROFILE)\n"
    "exit status: 0 done, 1 SES or the connection refused (not found included), 2 usage error\n";

// Stable ids of ses::errc for --json output.
std::string_view code_id(const std::error_code& code) {
    if (code == mailwarden::errc::invalid_argument) return "invalid_argument";  // the signer refused the request
    if (code.category() != ses::error_category()) return "unknown_error";
    switch (static_cast<ses::errc>(code.value())) {
    case ses::errc::not_found: return "not_found";
    case ses::errc::already_exists: return "already_exists";
    case ses::errc::bad_request: return "bad_request";
    case ses::errc::message_rejected: return "message_rejected";
    case ses::errc::mail_from_domain_not_verified: return "mail_from_domain_not_verified";
    case ses::errc::account_suspended: return "account_suspended";
    case ses::errc::sending_paused: return "sending_paused";
    case ses::errc::limit_exceeded: return "limit_exceeded";
    case ses::errc::too_many_requests: return "too_many_requests";
    case ses::errc::concurrent_modification: return "concurrent_modification";
    case ses::errc::access_denied: return "access_denied";
    case ses::errc::internal_failure: return "internal_failure";
    case ses::errc::transport_failure: return "transport_failure";
    case ses::errc::timeout: return "timeout";
    case ses::errc::malformed_response: return "malformed_response";
    case ses::errc::no_credentials: return "no_credentials";
    case ses::errc::tls_failure: return "tls_failure";
    case ses::errc::invalid_configuration: return "invalid_configuration";
    case ses::errc::unknown_error: return "unknown_error";
    case ses::errc::cancelled: return "cancelled";
    }
    return "unknown_error";
}

// What a command needs: the client and the output mode.
struct Context {
    std::shared_ptr<ses::Client> client;
    bool json = false;
};

// Prints the error (stderr; also stdout as JSON with --json) and gives exit 1.
int report(const Context& ctx, const ses::Error& e) {
    std::cerr << "mwctl: " << e.describe() << '\n';
    if (ctx.json) {
        json::object err{{"code", code_id(e.code)},
                         {"status", mailwarden::status_name(static_cast<int>(e.kind()))},
                         {"type", e.service_code},
                         {"message", e.message},
                         {"http_status", e.http_status},
                         {"request_id", e.request_id},
                         {"attempts", e.attempts},
                         {"retryable", e.retryable},
                         {"outcome_unknown", e.outcome_unknown}};
        std::cout << json::serialize(json::object{{"error", std::move(err)}}) << '\n';
    }
    return exit_findings;
}


void print_identity(const Context& ctx, const ses::EmailIdentity& id) {
    if (ctx.json) {
        std::cout << ses::to_json(id) << '\n';
        return;
    }
    std::cout << "Identity " << id.name << '\n'
              << "  Type:                 " << id.identity_type << '\n'
              << "  Verification status:  " << ses::to_string(id.verification_status) << '\n'
              << "  Verified for sending: " << (id.verified_for_sending ? "yes" : "no") << '\n';
    if (!id.dkim.tokens.empty()) {
        std::cout << "  DKIM (" << ses::to_string(id.dkim.status) << "), publish:\n";
        for (const auto& t : id.dkim.tokens)
            std::cout << "    " << t << "._domainkey." << id.name << "  CNAME  " << t << ".dkim.amazonses.com\n";
    }
    if (!id.mail_from.mail_from_domain.empty())
        std::cout << "  MAIL FROM:            " << id.mail_from.mail_from_domain << " ("
                  << ses::to_string(id.mail_from.status) << ")\n";
}

json::object suppressed_json(const ses::SuppressedDestination& d) {
    return {{"address", d.email_address},
            {"reason", ses::to_string(d.reason)},
            {"last_update_time", mailwarden::format_rfc3339(mailwarden::from_unix_seconds(d.last_update_time))},
            {"message_id", d.message_id},
            {"feedback_id", d.feedback_id}};
}


// The one positional after the subcommand ("identity get X").
std::string single_target(const Args& args, const char* what) {
    if (args.positionals().size() != 3) throw UsageError(std::string("give exactly one ") + what);
    return args.positionals()[2];
}

int run_account(const Context& ctx) {
    auto a = ctx.client->get_account();
    if (!a) return report(ctx, a.error());
    if (ctx.json) {
        std::cout << json::serialize(json::object{{"max_send_rate", a->max_send_rate},
                                                  {"max_24_hour_send", a->max_24_hour_send},
                                                  {"sent_last_24_hours", a->sent_last_24_hours},
                                                  {"sending_enabled", a->sending_enabled},
                                                  {"production_access_enabled", a->production_access_enabled},
                                                  {"enforcement_status", a->enforcement_status}})
                  << '\n';
    } else {
        std::cout << "Max send rate:        " << a->max_send_rate << " per second\n"
                  << "Max 24 hour send:     " << a->max_24_hour_send << '\n'
                  << "Sent last 24 hours:   " << a->sent_last_24_hours << '\n'
                  << "Sending enabled:      " << (a->sending_enabled ? "yes" : "no") << '\n'
                  << "Production access:    " << (a->production_access_enabled ? "yes" : "no (sandbox)") << '\n'
                  << "Enforcement status:   " << (a->enforcement_status.empty() ? "-" : a->enforcement_status) << '\n';
    }
    return exit_ok;
}

int run_identity(const Context& ctx, const Args& args) {
    const auto& pos = args.positionals();
    if (pos.size() < 2) throw UsageError("ses identity needs create, get, delete or list");
    const std::string& verb = pos[1];
    if (verb == "list") {
        if (pos.size() != 2) throw UsageError("ses identity list takes no argument");
        auto all = ctx.client->list_all_email_identities();
        if (!all) return report(ctx, all.error());
        if (ctx.json) {
            json::array out;
            for (const auto& s : *all)
                out.push_back(json::object{{"name", s.name},
                                           {"type", s.identity_type},
                                           {"sending_enabled", s.sending_enabled},
                                           {"verification_status", ses::to_string(s.verification_status)}});
            std::cout << json::serialize(out) << '\n';
        } else {
            std::cout << std::left << std::setw(15) << "TYPE" << std::setw(40) << "IDENTITY" << std::setw(19)
                      << "STATUS" << "SENDING\n";
            for (const auto& s : *all)
                std::cout << std::setw(15) << s.identity_type << std::setw(40) << s.name << std::setw(19)
                          << ses::to_string(s.verification_status) << (s.sending_enabled ? "yes" : "no") << '\n';
        }
        return exit_ok;
    }
    const std::string target = single_target(args, "EMAIL_OR_DOMAIN");
    if (verb == "mail-from") {
        const std::string domain = args.value_or("--domain", "");
        const bool reject = args.flag("--reject-on-mx-failure");
        if (domain.empty() && reject) throw UsageError("--reject-on-mx-failure needs --domain");
        auto done = ctx.client->put_email_identity_mail_from_attributes(target, domain, reject);
        if (!done) return report(ctx, done.error());
        if (ctx.json)
            std::cout << json::serialize(json::object{{"identity", target},
                                                      {"mail_from_domain", domain},
                                                      {"behavior_on_mx_failure",
                                                       reject ? "REJECT_MESSAGE" : "USE_DEFAULT_VALUE"}})
                      << '\n';
        else if (domain.empty()) std::cout << target << ": MAIL FROM is SES's own again\n";
        else std::cout << target << ": MAIL FROM " << domain << " (publish its MX and SPF records)\n";
        return exit_ok;
    }
    if (verb == "create" || verb == "get") {
        auto id = verb == "create" ? ctx.client->create_email_identity(target) : ctx.client->get_email_identity(target);
        if (!id) return report(ctx, id.error());
        print_identity(ctx, *id);
        return exit_ok;
    }
    if (verb == "delete") {
        auto done = ctx.client->delete_email_identity(target);
        if (!done) return report(ctx, done.error());
        if (ctx.json) std::cout << json::serialize(json::object{{"deleted", target}}) << '\n';
        else std::cout << "deleted " << target << '\n';
        return exit_ok;
    }
    throw UsageError("ses identity needs create, get, delete, list or mail-from, not '" + verb + "'");
}

int run_send_ses(const Context& ctx, const Args& args) {
    if (args.positionals().size() != 1) throw UsageError("ses send takes options only");
    ses::SendRequest m;
    m.from = args.value("--from");
    m.from_display_name = args.value_or("--display-name", "");
    m.to = args.values("--to");
    if (m.to.empty()) throw UsageError("--to is required");
    const MessageBody body = read_message_body(args);
    m.subject = body.subject;
    m.text = body.text;
    m.html = body.html;
    m.raw = body.raw;
    auto id = ctx.client->send_email(m);
    if (!id) return report(ctx, id.error());
    if (ctx.json) std::cout << json::serialize(json::object{{"message_id", *id}}) << '\n';
    else std::cout << "sent, message id " << *id << '\n';
    return exit_ok;
}

int run_suppression(const Context& ctx, const Args& args) {
    const auto& pos = args.positionals();
    if (pos.size() < 2) throw UsageError("ses suppression needs put, get, delete or list");
    const std::string& verb = pos[1];
    if (args.has("--reason") && verb != "put") throw UsageError("--reason goes with ses suppression put");
    if (verb == "list") {
        if (pos.size() != 2) throw UsageError("ses suppression list takes no argument");
        std::vector<ses::SuppressedDestination> all;
        std::string token;
        do {
            auto page = ctx.client->list_suppressed_destinations(0, token);
            if (!page) return report(ctx, page.error());
            all.insert(all.end(), page->destinations.begin(), page->destinations.end());
            token = page->next_token;
        } while (!token.empty());
        if (ctx.json) {
            json::array out;
            for (const auto& d : all) out.push_back(suppressed_json(d));
            std::cout << json::serialize(out) << '\n';
        } else {
            std::cout << std::left << std::setw(40) << "ADDRESS" << std::setw(11) << "REASON" << "UPDATED\n";
            for (const auto& d : all)
                std::cout << std::setw(40) << d.email_address << std::setw(11) << ses::to_string(d.reason)
                          << mailwarden::format_rfc3339(mailwarden::from_unix_seconds(d.last_update_time)) << '\n';
        }
        return exit_ok;
    }
    const std::string address = single_target(args, "ADDR");
    if (verb == "put") {
        const std::string reason = args.value_or("--reason", "bounce");
        if (reason != "bounce" && reason != "complaint") throw UsageError("--reason must be bounce or complaint");
        const auto why = reason == "bounce" ? ses::SuppressionReason::bounce : ses::SuppressionReason::complaint;
        auto done = ctx.client->put_suppressed_destination(address, why);
        if (!done) return report(ctx, done.error());
        if (ctx.json)
            std::cout << json::serialize(json::object{{"address", address}, {"reason", ses::to_string(why)}}) << '\n';
        else std::cout << "suppressed " << address << " (" << ses::to_string(why) << ")\n";
        return exit_ok;
    }
    if (verb == "get") {
        auto d = ctx.client->get_suppressed_destination(address);
        if (!d) return report(ctx, d.error());
        if (ctx.json) std::cout << json::serialize(suppressed_json(*d)) << '\n';
        else
            std::cout << d->email_address << "  " << ses::to_string(d->reason) << "  since "
                      << mailwarden::format_rfc3339(mailwarden::from_unix_seconds(d->last_update_time)) << '\n';
        return exit_ok;
    }
    if (verb == "delete") {
        auto done = ctx.client->delete_suppressed_destination(address);
        if (!done) return report(ctx, done.error());
        if (ctx.json) std::cout << json::serialize(json::object{{"deleted", address}}) << '\n';
        else std::cout << "removed " << address << " from the suppression list\n";
        return exit_ok;
    }
    throw UsageError("ses suppression needs put, get, delete or list, not '" + verb + "'");
}

int run_template(const Context& ctx, const Args& args) {
    const auto& pos = args.positionals();
    if (pos.size() < 3) throw UsageError("ses template needs create NAME or send NAME ADDR");
    const std::string& verb = pos[1];
    const std::string& name = pos[2];
    if (verb == "create") {
        if (pos.size() != 3) throw UsageError("ses template create takes one NAME");
        ses::CustomVerificationTemplate t;
        t.name = name;
        t.from = args.value("--from");
        t.subject = args.value("--subject");
        const std::string html_file = args.value("--html-file");
        std::ifstream in(html_file, std::ios::binary);
        if (!in) throw UsageError("cannot read " + html_file);
        t.content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        t.success_redirection_url = args.value("--success-url");
        t.failure_redirection_url = args.value("--failure-url");
        auto done = ctx.client->create_custom_verification_email_template(t);
        if (!done) return report(ctx, done.error());
        if (ctx.json) std::cout << json::serialize(json::object{{"created", name}}) << '\n';
        else std::cout << "created template " << name << '\n';
        return exit_ok;
    }
    if (verb == "send") {
        if (pos.size() != 4) throw UsageError("ses template send takes NAME and ADDR");
        auto id = ctx.client->send_custom_verification_email(pos[3], name, args.value_or("--configuration-set", ""));
        if (!id) return report(ctx, id.error());
        if (ctx.json) std::cout << json::serialize(json::object{{"message_id", *id}}) << '\n';
        else std::cout << "verification mail sent to " << pos[3] << ", message id " << *id << '\n';
        return exit_ok;
    }
    throw UsageError("ses template needs create or send, not '" + verb + "'");
}

}  // namespace

int run_ses(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--json", "--allow-http", "--help", "--reject-on-mx-failure"},
                           {"--region", "--endpoint", "--from", "--to", "--subject", "--text", "--html-file",
                            "--raw-file", "--display-name", "--reason", "--domain", "--success-url", "--failure-url",
                            "--configuration-set"},
                           {"--to"}});
    if (args.flag("--help") || args.positionals().empty()) {
        (args.flag("--help") ? std::cout : std::cerr) << ses_usage;
        return args.flag("--help") ? exit_ok : exit_usage;
    }
    const std::string& group = args.positionals()[0];
    if (group != "account" && group != "identity" && group != "send" && group != "suppression" && group != "template")
        throw UsageError("unknown ses command '" + group + "'");
    if (group == "account" && args.positionals().size() != 1) throw UsageError("ses account takes no argument");
    // Options that belong to one command only: a stray one is a usage error.
    const std::pair<const char*, const char*> owners[] = {
        {"--to", "send"},           {"--text", "send"},
        {"--raw-file", "send"},     {"--display-name", "send"},
        {"--domain", "identity"},   {"--reject-on-mx-failure", "identity"},
        {"--success-url", "template"}, {"--failure-url", "template"},
        {"--configuration-set", "template"},
    };
    for (const auto& [option, owner] : owners)
        if (group != owner && (args.has(option) || args.flag(option))) throw UsageError(std::string(option) + " goes with ses " + owner);
    for (const char* shared : {"--from", "--subject", "--html-file"})
        if (group != "send" && group != "template" && args.has(shared))
            throw UsageError(std::string(shared) + " goes with ses send or ses template create");

    Context ctx;
    ctx.json = args.flag("--json");
    ses::ClientOptions options;
    options.region = args.value_or("--region", "");
    options.endpoint = args.value_or("--endpoint", "");
    options.http.allow_plaintext = args.flag("--allow-http");
    options.http.user_agent = "mwctl";
    auto client = ses::Client::create(options);
    if (!client) {
        // A bad endpoint or no region is a usage problem; say so the same way.
        if (client.error().code == ses::errc::invalid_configuration) throw UsageError(client.error().message);
        return report(ctx, client.error());
    }
    ctx.client = *client;

    if (group == "account") return run_account(ctx);
    if (group == "identity") return run_identity(ctx, args);
    if (group == "send") return run_send_ses(ctx, args);
    if (group == "template") return run_template(ctx, args);
    return run_suppression(ctx, args);
}

}  // namespace mwctl
