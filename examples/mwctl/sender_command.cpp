// mwctl sender add|list|show|refresh|resend|remove|confirm: the Enabled
// channels table and Sender Details.
#include "channel_context.hpp"
#include "commands.hpp"

#include <iomanip>
#include <iostream>

namespace mwctl {

namespace {

constexpr const char* sender_usage =
    "usage: mwctl sender add EMAIL [--alias NAME]       add a sender (Pending) and send the verification mail\n"
    "       mwctl sender list [--status pending|success|failed]\n"
    "       mwctl sender show EMAIL                     Sender Details, with history\n"
    "       mwctl sender refresh                        ask the transport, apply expiry\n"
    "       mwctl sender resend EMAIL                   a new verification mail (new window)\n"
    "       mwctl sender remove EMAIL [--delete-identity]\n"
    "       mwctl sender confirm LINK                   click a verification link (local transport)\n";

std::string time_or_dash(const std::optional<mailwarden::TimePoint>& t) {
    return t ? mailwarden::format_rfc3339(*t) : "-";
}

void print_table(const std::vector<mailwarden::Sender>& senders) {
    std::cout << std::left << std::setw(7) << "TYPE" << std::setw(34) << "ADDRESS" << std::setw(22) << "ALIAS"
              << "STATUS\n";
    for (const auto& s : senders)
        std::cout << std::setw(7) << s.type << std::setw(34) << s.address << std::setw(22) << s.alias
                  << mailwarden::to_string(s.state) << '\n';
}

void print_details(const mailwarden::Sender& s) {
    std::cout << "Sender Details\n"
              << "  Type:            " << s.type << '\n'
              << "  Address:         " << s.address << '\n'
              << "  Alias:           " << s.alias << '\n'
              << "  Status:          " << mailwarden::to_string(s.state) << '\n'
              << "  Account:         " << s.account << '\n'
              << "  Added:           " << mailwarden::format_rfc3339(s.created_at) << '\n'
              << "  Link sent:       " << mailwarden::format_rfc3339(s.requested_at) << '\n'
              << "  Link expires:    " << mailwarden::format_rfc3339(s.expires_at) << '\n'
              << "  Verified:        " << time_or_dash(s.verified_at) << '\n'
              << "  Failed:          " << time_or_dash(s.failed_at) << '\n'
              << "  Last checked:    " << time_or_dash(s.last_checked_at) << '\n';
    if (!s.failure_reason.empty()) std::cout << "  Failure reason:  " << s.failure_reason << '\n';
    for (const auto& w : s.warnings) std::cout << "  Warning:         " << w << '\n';
    std::cout << "  History:\n";
    for (const auto& h : s.history)
        std::cout << "    " << mailwarden::format_rfc3339(h.at) << "  "
                  << (h.from ? std::string(mailwarden::to_string(*h.from)) : std::string("-")) << " -> "
                  << mailwarden::to_string(h.to) << "  (" << h.event << (h.reason.empty() ? "" : ": " + h.reason)
                  << ")\n";
}

void print_sender(const ChannelContext& ctx, const mailwarden::Sender& s, bool details) {
    if (ctx.json) std::cout << mailwarden::to_json(s, details) << '\n';
    else if (details) print_details(s);
    else print_table({s});
}

std::string one_positional(const Args& args, const char* what) {
    if (args.positionals().size() != 1) throw UsageError(std::string("expected exactly one ") + what);
    return args.positionals()[0];
}

template <class T>
T value_or_fail(mailwarden::Result<T, mailwarden::Error> r) {
    if (!r) fail(r.error());
    return std::move(*r);
}

}  // namespace

int run_sender(const std::vector<std::string>& argv) {
    if (argv.empty() || argv[0] == "--help") {
        std::cout << sender_usage << channel_options_help;
        return argv.empty() ? exit_usage : exit_ok;
    }
    const std::string sub = argv[0];
    const Args args(std::vector<std::string>(argv.begin() + 1, argv.end()),
                    with_channel_options({{"--delete-identity"}, {"--alias", "--status"}, {}}));
    if (args.flag("--help")) {
        std::cout << sender_usage << channel_options_help;
        return exit_ok;
    }
    ChannelContext ctx = open_channel_context(args);
    auto& registry = *ctx.channel.registry;

    if (sub == "add") {
        const auto s = value_or_fail(registry.add(one_positional(args, "EMAIL"), args.value_or("--alias", ""), ctx.account));
        print_sender(ctx, s, false);
        if (!ctx.json) {
            for (const auto& w : s.warnings) std::cerr << "warning: " << w << '\n';
            std::cerr << "A verification mail was sent to " << s.address << "; the link is valid until "
                      << mailwarden::format_rfc3339(s.expires_at) << ".\n";
        }
        return exit_ok;
    }
    if (sub == "list") {
        std::optional<mailwarden::VerificationState> filter;
        if (args.has("--status")) {
            filter = mailwarden::parse_verification_state(args.value("--status"));
            if (!filter) throw UsageError("--status must be pending, success or failed");
        }
        const auto senders = value_or_fail(registry.list(filter, ctx.account));
        if (ctx.json) {
            std::cout << '[';
            for (std::size_t i = 0; i < senders.size(); ++i) std::cout << (i ? "," : "") << mailwarden::to_json(senders[i]);
            std::cout << "]\n";
        } else {
            print_table(senders);
        }
        return exit_ok;
    }
    if (sub == "show") {
        print_sender(ctx, value_or_fail(registry.get(one_positional(args, "EMAIL"), ctx.account)), true);
        return exit_ok;
    }
    if (sub == "refresh") {
        const auto r = value_or_fail(registry.refresh());
        if (ctx.json)
            std::cout << "{\"checked\":" << r.checked << ",\"changed\":" << r.changed << ",\"errors\":" << r.errors
                      << "}\n";
        else
            std::cout << "checked " << r.checked << ", changed " << r.changed << ", errors " << r.errors
                      << (r.first_error.empty() ? "" : " (" + r.first_error + ")") << '\n';
        return r.errors == 0 ? exit_ok : exit_findings;
    }
    if (sub == "resend") {
        print_sender(ctx, value_or_fail(registry.resend(one_positional(args, "EMAIL"), ctx.account)), false);
        return exit_ok;
    }
    if (sub == "remove") {
        value_or_fail(registry.remove(one_positional(args, "EMAIL"), args.flag("--delete-identity"), ctx.account));
        if (!ctx.json) std::cout << "removed\n";
        return exit_ok;
    }
    if (sub == "confirm") {
        if (!ctx.channel.local) throw UsageError("confirm works with the local transport only (SES hosts its own links)");
        const auto confirmed = value_or_fail(ctx.channel.local->confirm(one_positional(args, "LINK")));
        // Show the new state right away, as the platform would after the click.
        (void)registry.refresh_address(confirmed.address);
        std::cout << confirmed.message << '\n';
        return exit_ok;
    }
    throw UsageError("sender: unknown subcommand '" + sub + "'");
}

}  // namespace mwctl
