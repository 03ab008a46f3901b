// mwctl suppression list|add|remove|check: the addresses no send reaches.
#include "channel_context.hpp"
#include "commands.hpp"

#include <mailwarden/bounce_tracker.hpp>

#include <boost/json.hpp>

#include <iostream>

namespace mwctl {

namespace {

constexpr const char* suppression_usage =
    "usage: mwctl suppression list [--global] [--json]\n"
    "       mwctl suppression add ADDR [--note TEXT] [--global]\n"
    "       mwctl suppression remove ADDR [--global]\n"
    "       mwctl suppression check ADDR [--json]   {address, suppressed, suppression}\n"
    "\n"
    "The account's suppression list (--global: the one of every account).\n"
    "Sends leave suppressed recipients out. Hard bounces and complaints add\n"
    "addresses by themselves (see 'mwctl bounces ingest').\n"
    "\n"
    "exit status: check 0 when the address may be mailed, 1 when it is\n"
    "suppressed; remove 1 when it was not there; 2 usage error\n";

std::string scope_of(const Args& args, const ChannelContext& ctx) {
    return args.flag("--global") ? std::string(mailwarden::global_scope) : ctx.account;
}

void print(const mailwarden::Suppression& s, bool json) {
    if (json) {
        std::cout << mailwarden::to_json(s) << '\n';
        return;
    }
    std::cout << s.address << "  " << mailwarden::to_string(s.reason) << "  " << mailwarden::format_rfc3339(s.at);
    if (s.account == mailwarden::global_scope) std::cout << "  (global)";
    if (!s.status.empty()) std::cout << "  " << s.status;
    if (!s.note.empty()) std::cout << "  " << s.note;
    if (!s.diagnostic.empty()) std::cout << "  " << s.diagnostic;
    std::cout << '\n';
}

int list(const Args& args, ChannelContext& ctx) {
    auto& tracker = *ctx.channel.tracker;
    std::string after;
    for (;;) {
        auto page = tracker.suppressions(scope_of(args, ctx), 1000, after);
        if (!page) fail(page.error());
        for (const auto& s : *page) print(s, ctx.json);
        if (page->size() < 1000) return exit_ok;
        after = page->back().address;
    }
}

const std::string& one_address(const Args& args, const char* verb) {
    if (args.positionals().size() != 2) throw UsageError(std::string("suppression ") + verb + " takes one ADDR");
    return args.positionals()[1];
}

}  // namespace

int run_suppression(const std::vector<std::string>& argv) {
    const Args args(argv, with_channel_options({{"--global"}, {"--note"}, {}}));
    if (args.flag("--help") || args.positionals().empty()) {
        if (!args.flag("--help")) throw UsageError("suppression: missing subcommand (list, add, remove, check)");
        std::cout << suppression_usage << channel_options_help;
        return exit_ok;
    }
    const std::string& verb = args.positionals()[0];
    if (verb != "list" && verb != "add" && verb != "remove" && verb != "check")
        throw UsageError("suppression: unknown subcommand '" + verb + "'");
    if (verb == "list" && args.positionals().size() != 1) throw UsageError("suppression list takes no ADDR");
    ChannelContext ctx = open_channel_context(args);
    auto& tracker = *ctx.channel.tracker;
    if (verb == "list") return list(args, ctx);
    if (verb == "add") {
        auto added = tracker.suppress(one_address(args, "add"), scope_of(args, ctx), args.value_or("--note", ""));
        if (!added) fail(added.error());
        print(*added, ctx.json);
        return exit_ok;
    }
    if (verb == "remove") {
        const auto& address = one_address(args, "remove");
        auto removed = tracker.unsuppress(address, scope_of(args, ctx));
        if (!removed) fail(removed.error());
        if (ctx.json)
            std::cout << boost::json::serialize(boost::json::object{{"address", address}, {"removed", *removed}}) << '\n';
        else std::cout << address << (*removed ? " removed\n" : " was not suppressed\n");
        return *removed ? exit_ok : exit_findings;
    }
    const auto& address = one_address(args, "check");
    auto found = tracker.find_suppression(address, ctx.account);
    if (!found) fail(found.error());
    if (ctx.json) {
        boost::json::object out{{"address", address}, {"suppressed", found->has_value()}};
        if (*found) out["suppression"] = boost::json::parse(mailwarden::to_json(**found));
        std::cout << boost::json::serialize(out) << '\n';
    } else if (*found) {
        print(**found, false);
    } else {
        std::cout << address << " is not suppressed\n";
    }
    return *found ? exit_findings : exit_ok;
}

}  // namespace mwctl
