// mwctl account status|resume: an account's sending status and its log.
#include "channel_context.hpp"
#include "commands.hpp"

#include <mailwarden/bounce_tracker.hpp>

#include <cstdlib>
#include <iostream>

namespace mwctl {

namespace {

constexpr const char* account_usage =
    "usage: mwctl account status [--account A] [--json] [--log]\n"
    "       mwctl account resume [--account A] --reason TEXT [--actor WHO] [--json]\n"
    "\n"
    "status: the account's status (active, warning, suspended), its rates\n"
    "and, with --log, every status change with who made it and why.\n"
    "resume: lifts a suspension (sends are refused while it lasts); the rate\n"
    "window starts afresh. --actor defaults to $USER.\n";

std::string default_actor() {
    const char* user = std::getenv("USER");
    return user != nullptr && *user != '\0' ? user : "mwctl";
}

void print_log(const std::vector<mailwarden::StatusChange>& log, bool json) {
    for (const auto& c : log) {
        if (json) std::cout << mailwarden::to_json(c) << '\n';
        else
            std::cout << mailwarden::format_rfc3339(c.at) << "  " << mailwarden::to_string(c.from) << " -> "
                      << mailwarden::to_string(c.to) << "  by " << c.actor << ": " << c.reason << '\n';
    }
}

void print_status(const mailwarden::AccountStats& s, bool json) {
    if (json) {
        std::cout << mailwarden::to_json(s) << '\n';
        return;
    }
    std::cout << "account " << s.account << ": " << mailwarden::to_string(s.status);
    if (s.status_since) std::cout << " since " << mailwarden::format_rfc3339(*s.status_since);
    std::cout << '\n';
    if (!s.status_reason.empty()) std::cout << "  " << s.status_reason << '\n';
}

}  // namespace

int run_account(const std::vector<std::string>& argv) {
    const Args args(argv, with_channel_options({{"--log"}, {"--reason", "--actor"}, {}}));
    if (args.flag("--help")) {
        std::cout << account_usage << channel_options_help;
        return exit_ok;
    }
    if (args.positionals().size() != 1) throw UsageError("account: one subcommand (status or resume)");
    const std::string& verb = args.positionals()[0];
    if (verb != "status" && verb != "resume") throw UsageError("account: unknown subcommand '" + verb + "'");
    if (verb == "resume" && args.value_or("--reason", "").empty())
        throw UsageError("account resume: --reason TEXT is required");
    ChannelContext ctx = open_channel_context(args);
    auto& tracker = *ctx.channel.tracker;
    auto stats = verb == "resume" ? tracker.resume(ctx.account, args.value_or("--actor", default_actor()),
                                                   args.value("--reason"))
                                  : tracker.stats(ctx.account);
    if (!stats) fail(stats.error());
    print_status(*stats, ctx.json);
    if (args.flag("--log")) {
        auto log = tracker.audit_log(ctx.account);
        if (!log) fail(log.error());
        print_log(*log, ctx.json);
    }
    return exit_ok;
}

}  // namespace mwctl
