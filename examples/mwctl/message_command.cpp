// mwctl message check: a received message's SPF, DKIM and DMARC, as a
// mailbox provider's "Show original" shows them.
#include "channel_context.hpp"
#include "cli_args.hpp"
#include "commands.hpp"
#include "dns_option.hpp"

#include <mailwarden/message_auth.hpp>

#include <iostream>

namespace mwctl {

namespace {

constexpr const char* message_usage =
    "usage: mwctl message check FILE|- [--ip IP] [--helo NAME] [--mail-from ADDR] [--dns HOST:PORT]\n"
    "                         [--dmarc-psl] [--json]\n"
    "       mwctl message sign FILE|- --domain D --selector S --key PEMFILE ...   (mwctl message sign --help)\n"
    "       mwctl message content FILE|- [--dnsbl ZONE]... [--spamd HOST:PORT] ...   (mwctl message content --help)\n"
    "\n"
    "Verifies every DKIM signature of a received message (RFC 5322, CRLF or LF), SPF for the\n"
    "connection given (--ip, with --mail-from or, for the null sender, --helo), DMARC for\n"
    "its From domain (the RFC 9989 DNS tree walk; --dmarc-psl: the RFC 7489 public-suffix way),\n"
    "and the ARC chain (RFC 8617).\n"
    "MAILWARDEN_NOW pins the clock for old messages. exit status: 0 the message passes DMARC,\n"
    "1 it does not, 2 usage error\n";

void print_report(const mailwarden::MessageAuthReport& r) {
    std::cout << r.summary << '\n';
    for (const auto& d : r.dkim) {
        std::cout << "  dkim " << d.result << " d=" << d.domain << " s=" << d.selector << " a=" << d.algorithm;
        if (d.key_bits != 0) std::cout << " (" << d.key_bits << "-bit key)";
        if (d.reason != "none") std::cout << ": " << d.reason;
        if (!d.detail.empty()) std::cout << " - " << d.detail;
        std::cout << '\n';
    }
    std::cout << "  dmarc " << r.dmarc_result << " (" << r.dmarc_reason << ")";
    if (!r.dmarc_policy.empty()) std::cout << " policy " << r.dmarc_policy << " from _dmarc." << r.dmarc_record_domain;
    std::cout << '\n';
    if (r.arc_reason != "no_arc")
        std::cout << "  arc " << r.arc_result << " (" << r.arc_reason << ") hops " << r.arc_hops << " oldest-pass "
                  << r.arc_oldest_pass << '\n';
    std::cout << "Authentication-Results: " << r.our_authentication_results << '\n';
}

int run_message_check(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--json", "--help", "--dmarc-psl"}, {"--ip", "--helo", "--mail-from", "--dns"}, {}});
    if (args.flag("--help")) {
        std::cout << message_usage;
        return exit_ok;
    }
    if (args.positionals().size() != 1) throw UsageError("expected one FILE (or - for standard input)");
    const auto raw = read_input(args.positionals()[0]);
    if (!raw) {
        std::cerr << "mwctl: cannot read " << args.positionals()[0] << '\n';
        return exit_findings;
    }
    mailwarden::ConnectionFacts facts;
    facts.client_ip = args.value_or("--ip", "");
    facts.helo = args.value_or("--helo", "");
    facts.mail_from = args.value_or("--mail-from", "");
    mailwarden::MessageCheckOptions options;
    options.resolver = open_resolver(args);
    options.clock = clock_from_environment();
    if (args.flag("--dmarc-psl")) options.dmarc_mode = mailwarden::DmarcMode::rfc7489;
    auto report = mailwarden::check_message(*raw, facts, options);
    if (!report) {
        if (report.error().kind() == mailwarden::errc::invalid_argument) throw UsageError(report.error().describe());
        fail(report.error());
    }
    if (args.flag("--json")) std::cout << mailwarden::to_json(*report) << '\n';
    else print_report(*report);
    return report->dmarc_result == "pass" ? exit_ok : exit_findings;
}

}  // namespace

int run_message(const std::vector<std::string>& argv) {
    if (argv.empty() || argv[0] == "--help") {
        std::cout << message_usage;
        return argv.empty() ? exit_usage : exit_ok;
    }
    const std::vector<std::string> rest(argv.begin() + 1, argv.end());
    if (argv[0] == "sign") return run_message_sign(rest);
    if (argv[0] == "content") return run_message_content(rest);
    if (argv[0] != "check") throw UsageError("message: unknown subcommand '" + argv[0] + "'");
    return run_message_check(rest);
}

}  // namespace mwctl
