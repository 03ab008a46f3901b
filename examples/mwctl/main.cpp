// mwctl: drive mailwarden from the command line.
#include "cli_args.hpp"
#include "commands.hpp"

#include <mailwarden/version.hpp>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char* usage_text =
    "usage: mwctl <command> [arguments]\n"
    "\n"
    "commands:\n"
    "  address check ADDR... | --file FILE   check addresses (syntax, IDNA, role, no-reply)\n"
    "  sender add|list|show|refresh|resend|remove|confirm   sender channels and their verification\n"
    "  send --from EMAIL --to ADDR ...       send from a verified sender\n"
    "  sign --method M --url URL --service S sign a request with AWS Signature Version 4\n"
    "  domain check DOMAIN [--dkim-token T]... records to publish for SES, and what is live\n"
    "  spf check --ip IP --sender ADDR       SPF check_host() for one client\n"
    "  message check FILE|- [--ip IP]       a received message's SPF, DKIM and DMARC (\"Show original\")\n"
    "  message sign FILE|- --domain D --selector S --key PEM   DKIM-sign a message (RSA, and optionally Ed25519)\n"
    "  message content FILE|- [--dnsbl ZONE]...   links, HTML, spam score and structure of a message to send\n"
    "  dkim keygen --domain D --selector S --out DIR   a DKIM key and the TXT record to publish\n"
    "  ses account|identity|send|suppression|template   Amazon SES v2: quota, identities, sending, suppression, templates\n"
    "  bounces classify [--json] FILE...     classify bounces, complaints, auto-replies, SES events\n"
    "  bounces ingest|stats                  apply feedback (suppressions, rates); an account's figures\n"
    "  suppression list|add|remove|check     the addresses sends leave out\n"
    "  list clean FILE|-                     a verdict per row of an address list (syntax, domains' MX, duplicates)\n"
    "  list create|subscribe|confirm|unsubscribe|show|import|purge|send   mailing lists: double opt-in, one-click unsubscribe\n"
    "  account status|resume                 an account's sending status; lift a suspension\n"
    "  sns verify [--json] --cert PEM FILE...  check SNS deliveries: envelope, certificate URL, topic, signature\n"
    "  version                               print the library version\n"
    "\n"
    "Run 'mwctl <command> --help' for the options of a command.\n";

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        (args.empty() ? std::cerr : std::cout) << usage_text;
        return args.empty() ? mwctl::exit_usage : mwctl::exit_ok;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    try {
        if (command == "address") return mwctl::run_address(args);
        if (command == "sender") return mwctl::run_sender(args);
        if (command == "send") return mwctl::run_send(args);
        if (command == "sign") return mwctl::run_sign(args);
        if (command == "domain") return mwctl::run_domain(args);
        if (command == "spf") return mwctl::run_spf(args);
        if (command == "ses") return mwctl::run_ses(args);
        if (command == "bounces") return mwctl::run_bounces(args);
        if (command == "sns") return mwctl::run_sns(args);
        if (command == "suppression") return mwctl::run_suppression(args);
        if (command == "list") return mwctl::run_list(args);
        if (command == "account") return mwctl::run_account(args);
        if (command == "message") return mwctl::run_message(args);
        if (command == "dkim") return mwctl::run_dkim(args);
        if (command == "version") {
            std::cout << "mwctl " << mailwarden::version() << "\n";
            return mwctl::exit_ok;
        }
        throw mwctl::UsageError("unknown command '" + command + "'");
    } catch (const mwctl::UsageError& e) {
        std::cerr << "mwctl: " << e.what() << "\n" << usage_text;
        return mwctl::exit_usage;
    } catch (const std::exception& e) {
        std::cerr << "mwctl: " << e.what() << "\n";
        return mwctl::exit_findings;
    }
}
