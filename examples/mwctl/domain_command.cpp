// mwctl domain check / domain readiness / spf check: the records to publish,
// what is live, the bulk-sender rules, and check_host() for one client.
#include "channel_context.hpp"
#include "cli_args.hpp"
#include "commands.hpp"
#include "dns_option.hpp"

#include <mailwarden/dns.hpp>
#include <mailwarden/domain_auth.hpp>
#include <mailwarden/readiness.hpp>
#include <mailwarden/ses/domain_report.hpp>
#include <mailwarden/spf.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <stdexcept>

namespace mwctl {

namespace {

constexpr const char* domain_usage =
    "usage: mwctl domain check DOMAIN [--region R] [--dkim-token T]... [--dkim-keys DIR] [--mail-from DOMAIN]\n"
    "                          [--dns HOST:PORT] [--json]\n"
    "         (the TXT record of each own key DIR/DOMAIN/S.pem is listed and checked too;\n"
    "          DIR defaults to $MAILWARDEN_HOME/dkim, where `mwctl dkim keygen` writes)\n"
    "       mwctl domain check DOMAIN --from-ses [--endpoint URL] [--region R] [--allow-http] [--dns HOST:PORT] [--json]\n"
    "         (tokens and MAIL FROM from the SES domain identity, GetEmailIdentity)\n"
    "       mwctl domain readiness DOMAIN [--sample FILE] [--ip IP] [--mail-from ADDR] [--account NAME [--store PATH]]\n"
    "                                 [--dns HOST:PORT] [--json]\n"
    "         (Gmail's, Yahoo's and Outlook.com's bulk-sender rules, each pass / fail / unknown with evidence;\n"
    "          --account takes the complaint and bounce rates from the bounce tracker in the store)\n"
    "exit status: check: 0 pass, 1 warn or fail; readiness: 0 no required rule fails, 1 one does; 2 usage error\n";

constexpr const char* spf_usage =
    "usage: mwctl spf check --ip IP --sender ADDR [--helo NAME] [--dns HOST:PORT] [--json]\n"
    "exit status: 0 pass, 1 any other result, 2 usage error\n";

void print_report(const mailwarden::DomainAuthReport& r) {
    std::cout << "Domain " << r.domain << " (SES region " << r.region << "): " << mailwarden::to_string(r.verdict) << "\n\n";
    std::cout << "Records to publish:\n";
    for (const auto& rec : r.records) {
        std::cout << "  [" << std::left << std::setw(8) << mailwarden::to_string(rec.status) << "] " << std::setw(14)
                  << rec.purpose << rec.name << "  " << rec.type << "  " << rec.value << '\n';
        for (const auto& f : rec.found) std::cout << "             found: " << f << '\n';
    }
    std::cout << "\nFindings:\n";
    if (r.findings.empty()) std::cout << "  none\n";
    for (const auto& f : r.findings)
        std::cout << "  " << std::setw(8) << mailwarden::to_string(f.severity) << ' ' << f.id << ": " << f.message << '\n';
}

int run_domain_check(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--json", "--help", "--from-ses", "--allow-http"},
                           {"--region", "--dkim-token", "--dkim-keys", "--mail-from", "--dns", "--endpoint"},
                           {"--dkim-token"}});
    if (args.flag("--help")) {
        std::cout << domain_usage;
        return exit_ok;
    }
    if (args.positionals().size() != 1) throw UsageError("expected one DOMAIN");
    mailwarden::DomainAuthRequest request;
    request.domain = args.positionals()[0];
    request.region = args.value_or("--region", "us-east-1");
    request.dkim_tokens = args.values("--dkim-token");
    request.mail_from_domain = args.value_or("--mail-from", "");
    request.dkim_keys = mailwarden::dkim_selector_keys(load_dkim_keys(args, mailwarden::system_clock()), request.domain);
    const auto resolver = open_resolver(args);
    mailwarden::DomainAuthReport report;
    if (args.flag("--from-ses")) {
        mailwarden::ses::ClientOptions ses;
        ses.region = args.value_or("--region", "");
        ses.endpoint = args.value_or("--endpoint", "");
        ses.http.allow_plaintext = args.flag("--allow-http");
        auto client = mailwarden::ses::Client::create(ses);
        if (!client) throw std::runtime_error(client.error().describe());
        auto from_ses = mailwarden::check_domain_auth(*resolver, **client, request.domain);
        if (!from_ses) throw std::runtime_error(from_ses.error().describe());
        report = std::move(*from_ses);
    } else {
        report = mailwarden::check_domain_auth(*resolver, request);
    }
    if (args.flag("--json")) std::cout << mailwarden::to_json(report) << '\n';
    else print_report(report);
    return report.verdict == mailwarden::AuthVerdict::pass ? exit_ok : exit_findings;
}

void print_readiness(const mailwarden::ReadinessReport& r) {
    const auto unknown = std::count_if(r.rules.begin(), r.rules.end(),
                                       [](const auto& rule) { return rule.status == mailwarden::RuleStatus::unknown; });
    std::cout << "Bulk-sender readiness of " << r.domain << ": " << (r.ready() ? "ready" : "not ready") << " (" << unknown
              << " of " << r.rules.size() << " rules unknown)\n\n";
    for (const auto& rule : r.rules) {
        std::string providers;
        for (const auto& p : rule.providers) providers += (providers.empty() ? "" : ", ") + p;
        std::cout << "  [" << std::left << std::setw(7) << mailwarden::to_string(rule.status) << "] " << rule.id << ": "
                  << rule.title << " (" << (rule.required ? "required by " : "recommended by ") << providers << ")\n"
                  << "            " << rule.evidence << '\n';
    }
}

int run_domain_readiness(const std::vector<std::string>& argv) {
    const Args args(argv, with_channel_options({{}, {"--sample", "--ip", "--mail-from", "--dns"}, {}}));
    if (args.flag("--help")) {
        std::cout << domain_usage;
        return exit_ok;
    }
    if (args.positionals().size() != 1) throw UsageError("expected one DOMAIN");
    mailwarden::ReadinessInput input;
    if (args.has("--account")) {
        const auto ctx = open_channel_context(args);
        auto stats = ctx.channel.tracker->stats(ctx.account);
        if (!stats) fail(stats.error());
        input.stats = std::move(*stats);
    }
    input.domain = args.positionals()[0];
    if (const auto file = args.value_or("--sample", ""); !file.empty()) {
        input.sample = read_input(file);
        if (!input.sample) throw UsageError("cannot read " + file);
    }
    input.connection.client_ip = args.value_or("--ip", "");
    input.connection.mail_from = args.value_or("--mail-from", "");
    input.clock = clock_from_environment();
    auto report = mailwarden::check_readiness(input, open_resolver(args));
    if (!report) {
        if (report.error().kind() == mailwarden::errc::invalid_argument) throw UsageError(report.error().describe());
        fail(report.error());
    }
    if (args.flag("--json")) std::cout << mailwarden::to_json(*report) << '\n';
    else print_readiness(*report);
    return report->ready() ? exit_ok : exit_findings;
}

int run_spf_check(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--json", "--help"}, {"--ip", "--sender", "--helo", "--dns"}, {}});
    if (args.flag("--help")) {
        std::cout << spf_usage;
        return exit_ok;
    }
    const auto ip = mailwarden::dns::IpAddress::parse(args.value("--ip"));
    if (!ip) throw UsageError("--ip " + args.value("--ip") + " is not an IPv4 or IPv6 address");
    mailwarden::spf::SpfRequest request;
    request.ip = *ip;
    request.sender = args.value("--sender");
    request.helo = args.value_or("--helo", "");
    const auto resolver = open_resolver(args);
    const auto outcome = mailwarden::spf::check_host(*resolver, request);
    if (args.flag("--json")) {
        std::cout << boost::json::serialize(boost::json::object{
                         {"result", mailwarden::spf::to_string(outcome.result)},
                         {"explanation", outcome.explanation},
                         {"lookups", outcome.dns_lookups},
                         {"void_lookups", outcome.void_lookups},
                         {"matched", outcome.matched_term},
                         {"problem", outcome.problem}})
                  << '\n';
    } else {
        std::cout << "SPF " << mailwarden::spf::to_string(outcome.result) << " for " << args.value("--ip") << " sending as "
                  << request.sender << " (" << outcome.dns_lookups << " DNS lookups)\n";
        if (!outcome.explanation.empty()) std::cout << "explanation: " << outcome.explanation << '\n';
        if (!outcome.problem.empty()) std::cout << "problem: " << outcome.problem << '\n';
    }
    return outcome.result == mailwarden::spf::Result::pass ? exit_ok : exit_findings;
}

}  // namespace

int run_domain(const std::vector<std::string>& argv) {
    if (argv.empty() || argv[0] == "--help") {
        std::cout << domain_usage;
        return argv.empty() ? exit_usage : exit_ok;
    }
    const std::vector<std::string> rest(argv.begin() + 1, argv.end());
    if (argv[0] == "readiness") return run_domain_readiness(rest);
    if (argv[0] != "check") throw UsageError("domain: unknown subcommand '" + argv[0] + "'");
    return run_domain_check(rest);
}

int run_spf(const std::vector<std::string>& argv) {
    if (argv.empty() || argv[0] == "--help") {
        std::cout << spf_usage;
        return argv.empty() ? exit_usage : exit_ok;
    }
    if (argv[0] != "check") throw UsageError("spf: unknown subcommand '" + argv[0] + "'");
    return run_spf_check(std::vector<std::string>(argv.begin() + 1, argv.end()));
}

}  // namespace mwctl
