// mwctl bounces ingest | stats: feedback applied to the account's state
// (suppressions, rates, status) under $MAILWARDEN_HOME.
#include "channel_context.hpp"
#include "commands.hpp"

#include <mailwarden/bounce.hpp>
#include <mailwarden/bounce_tracker.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace mwctl {

namespace {

constexpr const char* ingest_usage =
    "usage: mwctl bounces ingest [--account A] [--json] [--batch N] [--from-outbox] FILE... | -\n"
    "\n"
    "Applies bounce mails, complaints, SES notifications and events (bare or in\n"
    "an SNS envelope, whose signature is not checked here) to the state under\n"
    "$MAILWARDEN_HOME: hard bounces and complaints suppress the address, sends,\n"
    "bounces and complaints count toward the account's rates. Each input is\n"
    "applied once, however often it is given. Inputs are committed in batches\n"
    "of N (default 500); an interrupted run loses at most the batch in progress,\n"
    "and running it again completes it.\n"
    "\n"
    "options:\n"
    "  --account A     the account the feedback belongs to (default: the account\n"
    "                  of the recorded send, else the default account)\n"
    "  --from-outbox   also the SES notifications the local transport recorded\n"
    "                  for sends to the mailbox simulator (OUTBOX/events)\n"
    "  --json          the report as one JSON object\n"
    "\n"
    "exit status: 0 every input applied, 1 one could not be read, 2 usage error\n";

constexpr const char* stats_usage =
    "usage: mwctl bounces stats [--account A] [--json]\n"
    "\n"
    "The account's sends, bounces and complaints over its rate window, the\n"
    "rates (fractions: 0.05 = 5 %) and its status (active, warning, suspended).\n";

// Files of the local transport's simulator notifications, in name order.
std::vector<std::string> outbox_event_files(const ChannelContext& ctx) {
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    if (!ctx.channel.local) throw UsageError("--from-outbox needs the local transport");
    const fs::path events = fs::path(ctx.outbox) / "events";
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(events, ec))
        if (entry.path().extension() == ".json") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

void print_human(const mailwarden::IngestReport& r, int unreadable) {
    std::cout << r.events << " inputs: " << r.sends << " sends, " << r.deliveries << " deliveries, " << r.hard_bounces
              << " hard bounces, " << r.soft_bounces << " soft bounces, " << r.complaints << " complaints, "
              << r.duplicates << " already applied, " << r.ignored << " counted for nothing";
    if (unreadable > 0) std::cout << ", " << unreadable << " unreadable";
    std::cout << '\n';
    for (const auto& s : r.suppressed)
        std::cout << "suppressed " << s.address << " (" << mailwarden::to_string(s.reason) << ", account " << s.account
                  << ")\n";
    for (const auto& c : r.status_changes)
        std::cout << "account " << c.account << ": " << mailwarden::to_string(c.from) << " -> "
                  << mailwarden::to_string(c.to) << " (" << c.reason << ")\n";
}

}  // namespace

int run_bounces_ingest(const std::vector<std::string>& argv) {
    const Args args(argv, with_channel_options({{"--from-outbox"}, {"--batch"}, {}}));
    if (args.flag("--help")) {
        std::cout << ingest_usage << channel_options_help;
        return exit_ok;
    }
    const long batch_size = parse_positive(args.value_or("--batch", "500"), "--batch");
    ChannelContext ctx = open_channel_context(args);
    std::vector<std::string> inputs = args.positionals();
    if (args.flag("--from-outbox")) {
        auto files = outbox_event_files(ctx);
        inputs.insert(inputs.end(), files.begin(), files.end());
    } else if (inputs.empty()) {
        throw UsageError("bounces ingest: no input given (FILE... or -)");
    }
    const std::string account = args.has("--account") ? ctx.account : std::string();
    auto& tracker = *ctx.channel.tracker;

    mailwarden::IngestReport total;
    std::vector<mailwarden::FeedbackEvent> batch;
    const auto flush = [&] {
        if (batch.empty()) return;
        auto applied = tracker.ingest(batch, account);
        if (!applied) fail(applied.error());
        mailwarden::accumulate(total, std::move(*applied));
        batch.clear();
    };
    int unreadable = 0;
    for (const std::string& path : inputs) {
        const auto bytes = read_input(path);
        if (!bytes) {
            std::cerr << "mwctl: " << path << ": cannot read\n";
            ++unreadable;
            continue;
        }
        const auto documents = mailwarden::split_feedback_documents(*bytes);
        for (std::size_t i = 0; i < documents.size(); ++i) {
            auto event = mailwarden::parse_feedback(documents[i]);
            if (!event) {
                std::cerr << "mwctl: " << path << (documents.size() > 1 ? ":" + std::to_string(i + 1) : "") << ": "
                          << event.error().describe() << '\n';
                ++unreadable;
                continue;
            }
            batch.push_back(std::move(*event));
            if (static_cast<long>(batch.size()) >= batch_size) flush();
        }
    }
    flush();
    if (ctx.json) std::cout << mailwarden::to_json(total) << '\n';
    else print_human(total, unreadable);
    return unreadable == 0 ? exit_ok : exit_findings;
}

int run_bounces_stats(const std::vector<std::string>& argv) {
    const Args args(argv, with_channel_options({}));
    if (args.flag("--help")) {
        std::cout << stats_usage << channel_options_help;
        return exit_ok;
    }
    if (!args.positionals().empty()) throw UsageError("bounces stats takes no arguments");
    ChannelContext ctx = open_channel_context(args);
    auto stats = ctx.channel.tracker->stats(ctx.account);
    if (!stats) fail(stats.error());
    if (ctx.json) {
        std::cout << mailwarden::to_json(*stats) << '\n';
        return exit_ok;
    }
    std::cout << "account " << stats->account << ": " << mailwarden::to_string(stats->status) << '\n'
              << "  sends " << stats->sends << ", hard bounces " << stats->hard_bounces << " ("
              << stats->bounce_rate * 100 << " %), complaints " << stats->complaints << " ("
              << stats->complaint_rate * 100 << " %), soft bounces " << stats->soft_bounces << '\n';
    if (!stats->status_reason.empty()) std::cout << "  " << stats->status_reason << '\n';
    return exit_ok;
}


}  // namespace mwctl
