// mwctl bounces classify: what each input reports, per recipient, from its
// content alone (nothing is stored).
#include "cli_args.hpp"
#include "commands.hpp"

#include <mailwarden/bounce.hpp>

#include <iostream>

namespace mwctl {

namespace {

constexpr const char* bounces_usage =
    "usage: mwctl bounces classify [--json] FILE... | -\n"
    "       mwctl bounces ingest [--account A] [--json] FILE... | -   (see ingest --help)\n"
    "       mwctl bounces stats [--account A] [--json]\n"
    "       mwctl bounces consume-sqs --queue-url URL ...   (see consume-sqs --help)\n"
    "\n"
    "Reads bounce mails (RFC 3464 DSNs, plain-text bounces), ARF complaints,\n"
    "auto-replies, Amazon SES notifications and events, and SNS envelopes\n"
    "around them (signatures are not checked here: see 'mwctl sns verify').\n"
    "The kind of each input follows from its content; a file of JSON Lines\n"
    "counts as one input per line.\n"
    "\n"
    "options:\n"
    "  --json   one JSON object per input a line: source, format, kind,\n"
    "           recipients [{address, class, status, smtp_code, reason, diagnostic}]\n"
    "\n"
    "exit status: 0 every input read, 1 one could not be read, 2 usage error\n";

const ArgSpec classify_spec{{"--json", "--help"}, {}, {}};

void print_human(const mailwarden::FeedbackEvent& e, const std::string& source) {
    std::cout << source << ": " << mailwarden::to_string(e.format) << ' ' << mailwarden::to_string(e.kind) << '\n';
    for (const auto& r : e.recipients) {
        std::cout << "  " << r.address << "  " << mailwarden::to_string(r.bounce_class) << "  "
                  << mailwarden::to_string(r.reason);
        if (!r.status.empty()) std::cout << "  " << r.status;
        if (r.smtp_code != 0) std::cout << "  " << r.smtp_code;
        if (!r.diagnostic.empty()) std::cout << "  " << r.diagnostic;
        std::cout << '\n';
    }
}

int run_classify(const std::vector<std::string>& argv) {
    const Args args(argv, classify_spec);
    if (args.flag("--help")) {
        std::cout << bounces_usage;
        return exit_ok;
    }
    if (args.positionals().empty()) throw UsageError("bounces classify: no input given (FILE... or -)");
    const bool json = args.flag("--json");
    bool all_read = true;
    for (const std::string& path : args.positionals()) {
        const auto bytes = read_input(path);
        if (!bytes) {
            std::cerr << "mwctl: " << path << ": cannot read\n";
            all_read = false;
            continue;
        }
        const auto documents = mailwarden::split_feedback_documents(*bytes);
        for (std::size_t i = 0; i < documents.size(); ++i) {
            const std::string source = documents.size() > 1 ? path + ":" + std::to_string(i + 1) : path;
            const auto event = mailwarden::parse_feedback(documents[i]);
            if (!event) {
                std::cerr << "mwctl: " << source << ": " << event.error().describe() << '\n';
                all_read = false;
                continue;
            }
            if (json) {
                std::cout << mailwarden::to_json(*event, source) << '\n';
            } else {
                print_human(*event, source);
            }
        }
    }
    return all_read ? exit_ok : exit_findings;
}

}  // namespace

int run_bounces(const std::vector<std::string>& argv) {
    if (argv.empty()) throw UsageError("bounces: missing subcommand (classify, ingest, stats)");
    if (argv[0] == "--help") {
        std::cout << bounces_usage;
        return exit_ok;
    }
    const std::vector<std::string> rest(argv.begin() + 1, argv.end());
    if (argv[0] == "classify") return run_classify(rest);
    if (argv[0] == "ingest") return run_bounces_ingest(rest);
    if (argv[0] == "stats") return run_bounces_stats(rest);
    if (argv[0] == "consume-sqs") return run_bounces_consume(rest);
    throw UsageError("bounces: unknown subcommand '" + argv[0] + "'");
}

}  // namespace mwctl
