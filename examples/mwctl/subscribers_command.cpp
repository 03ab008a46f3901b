// mwctl list create|subscribe|confirm|unsubscribe|show|consent|export|import|
// purge|send|engage: mailing lists on the store under $MAILWARDEN_HOME.
#include "channel_context.hpp"
#include "cli_args.hpp"
#include "commands.hpp"
#include "dns_option.hpp"
#include "list_io.hpp"

#include <mailwarden/subscriber_lists.hpp>

#include <boost/json.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <string_view>

namespace mwctl {

namespace {

constexpr const char* lists_usage =
    "usage: mwctl list create NAME --from SENDER\n"
    "       mwctl list subscribe LIST ADDR [--name N] [--source S] [--ip IP] [--user-agent UA]\n"
    "                            [--notice TEXT] [--notice-version V] [--no-double-opt-in]\n"
    "       mwctl list confirm LINK|TOKEN [--inspect] [--ip IP] [--user-agent UA]\n"
    "       mwctl list resend LIST ADDR\n"
    "       mwctl list unsubscribe LINK|TOKEN [--inspect | --post-body FILE --content-type CT]\n"
    "       mwctl list unsubscribe LIST ADDR | ADDR   (ADDR alone: every list of the account)\n"
    "       mwctl list show LIST [--state S]\n"
    "       mwctl list consent LIST ADDR\n"
    "       mwctl list export LIST --csv\n"
    "       mwctl list import LIST FILE [--column N|NAME] [--source S] [--notice TEXT] [--notice-version V]\n"
    "       mwctl list purge LIST [--unconfirmed-days N] [--inactive-days N --min-sends M] [--keep-bounced]\n"
    "                        [--dry-run]\n"
    "       mwctl list send LIST --subject S (--text T | --html-file F) [--from SENDER]\n"
    "       mwctl list engage LIST ADDR (--open | --click) [--machine]\n"
    "  (each takes --json, the channel options, and --dns HOST:PORT | --no-dns for intake's MX checks)\n"
    "\n"
    "Lists belong to the --account. subscribe checks the address (syntax, role, disposable,\n"
    "suppressed, the domain's MX) and mails a confirmation link from the list's verified\n"
    "sender; confirm --inspect shows what a link is without using it (a GET); confirm uses\n"
    "it (a POST). unsubscribe --post-body acts as an RFC 8058 endpoint would: only for a\n"
    "body that says List-Unsubscribe=One-Click (urlencoded or multipart/form-data). Every list mail carries List-Unsubscribe, List-Unsubscribe-Post and\n"
    "List-Id. exit status: 0 done, 1 refused or failed, 2 usage error\n";

struct ListsContext {
    ChannelContext channel;
    std::shared_ptr<mailwarden::SubscriberLists> lists;
};

ListsContext open_lists(const Args& args) {
    ListsContext ctx{open_channel_context(args), nullptr};
    mailwarden::ListsConfig config;
    config.store = ctx.channel.channel.subscribers;
    config.registry = ctx.channel.channel.registry;
    config.tracker = ctx.channel.channel.tracker;
    config.clock = ctx.channel.channel.clock;
    if (args.has("--dns") && args.flag("--no-dns")) throw UsageError("--dns and --no-dns exclude each other");
    if (!args.flag("--no-dns")) config.resolver = open_resolver(args, 8);
    auto lists = mailwarden::SubscriberLists::open(std::move(config));
    if (!lists) fail(lists.error());
    ctx.lists = *lists;
    return ctx;
}

const std::string& positional(const Args& args, std::size_t i, const char* what) {
    if (args.positionals().size() <= i) throw UsageError(std::string("missing ") + what);
    return args.positionals()[i];
}

void print_subscriber(const ListsContext& ctx, const mailwarden::Subscriber& s) {
    if (ctx.channel.json) {
        std::cout << mailwarden::to_json(s) << '\n';
        return;
    }
    std::string flags;
    for (const auto& f : s.flags) flags += (flags.empty() ? "" : ",") + f;
    std::cout << s.address << '\t' << mailwarden::to_string(s.state) << '\t' << (flags.empty() ? "-" : flags) << '\n';
}

int run_create(const Args& args, ListsContext& ctx) {
    auto list = ctx.lists->create_list(ctx.channel.account, positional(args, 0, "NAME"), args.value("--from"));
    if (!list) fail(list.error());
    std::cout << "created list " << list->name << " (account " << list->account << ", from " << list->from << ")\n";
    return exit_ok;
}

int run_subscribe(const Args& args, ListsContext& ctx) {
    mailwarden::SubscribeRequest r;
    r.address = positional(args, 1, "ADDR");
    r.name = args.value_or("--name", "");
    r.source = args.value_or("--source", "mwctl");
    r.ip = args.value_or("--ip", "");
    r.user_agent = args.value_or("--user-agent", "");
    r.notice_text = args.value_or("--notice", "");
    r.notice_version = args.value_or("--notice-version", "");
    r.double_opt_in = !args.flag("--no-double-opt-in");
    auto out = ctx.lists->subscribe(ctx.channel.account, positional(args, 0, "LIST"), r);
    if (!out) fail(out.error());
    if (ctx.channel.json) {
        std::cout << mailwarden::to_json(*out) << '\n';
    } else if (!out->accepted) {
        std::cout << "refused: " << out->refused_because << '\n';
    } else {
        std::cout << out->subscriber->address << " is " << mailwarden::to_string(out->subscriber->state);
        std::cout << (out->confirm_link.empty() ? "\n" : "; confirmation link mailed: " + out->confirm_link + "\n");
    }
    return out->accepted ? exit_ok : exit_findings;
}

int run_confirm(const Args& args, ListsContext& ctx) {
    const std::string& link = positional(args, 0, "LINK or TOKEN");
    if (args.flag("--inspect")) {
        auto preview = ctx.lists->inspect(link);
        if (!preview) fail(preview.error());
        std::cout << "confirms " << preview->subscriber.address << " on " << preview->list.name << " (expires "
                  << mailwarden::format_rfc3339(preview->expires_at) << ")\n";
        return exit_ok;
    }
    auto s = ctx.lists->confirm(link, args.value_or("--ip", ""), args.value_or("--user-agent", ""));
    if (!s) fail(s.error());
    print_subscriber(ctx, *s);
    return exit_ok;
}

// A bare address (not a link, a token or a mailto unsubscribe address):
// the person leaves every list of the account it is on.
bool is_bare_address(std::string_view text) {
    return text.find('@') != std::string_view::npos && text.find("://") == std::string_view::npos &&
           text.find("unsubscribe+") == std::string_view::npos;
}

int unsubscribe_everywhere(ListsContext& ctx, const std::string& address) {
    auto lists = ctx.lists->lists(ctx.channel.account);
    if (!lists) fail(lists.error());
    int left = 0;
    for (const auto& list : *lists) {
        auto s = ctx.lists->unsubscribe_address(ctx.channel.account, list.name, address);
        if (!s && s.error().kind() == mailwarden::errc::not_found) continue;
        if (!s) fail(s.error());
        print_subscriber(ctx, *s);
        ++left;
    }
    if (left > 0) return exit_ok;
    std::cerr << "mwctl: " << address << " is on no list of account " << ctx.channel.account << '\n';
    return exit_findings;
}

int run_unsubscribe(const Args& args, ListsContext& ctx) {
    if (args.positionals().size() == 1 && is_bare_address(args.positionals()[0]) && !args.has("--post-body") &&
        !args.flag("--inspect"))
        return unsubscribe_everywhere(ctx, args.positionals()[0]);
    if (args.positionals().size() == 2) {
        auto s = ctx.lists->unsubscribe_address(ctx.channel.account, args.positionals()[0], args.positionals()[1]);
        if (!s) fail(s.error());
        print_subscriber(ctx, *s);
        return exit_ok;
    }
    const std::string& link = positional(args, 0, "LINK, TOKEN or LIST ADDR");
    std::string how = "link";
    if (args.has("--post-body")) {  // what a host's RFC 8058 endpoint does with a POST
        auto body = read_input(args.value("--post-body"));
        if (!body) throw UsageError("cannot read " + args.value("--post-body"));
        if (!mailwarden::is_one_click_post(args.value_or("--content-type", ""), *body)) {
            std::cerr << "mwctl: not a one-click unsubscribe request (RFC 8058): nothing changed\n";
            return exit_findings;
        }
        how = "one-click";
    }
    auto s = args.flag("--inspect") ? ctx.lists->inspect_unsubscribe(link) : ctx.lists->unsubscribe(link, how);
    if (!s) fail(s.error());
    print_subscriber(ctx, *s);
    return exit_ok;
}

int run_show(const Args& args, ListsContext& ctx) {
    std::optional<mailwarden::SubscriberState> state;
    if (args.has("--state")) {
        state = mailwarden::subscriber_state_from_string(args.value("--state"));
        if (!state) throw UsageError("--state must be pending, confirmed, unsubscribed, bounced or complained");
    }
    auto all = ctx.lists->subscribers(ctx.channel.account, positional(args, 0, "LIST"), state);
    if (!all) fail(all.error());
    for (const auto& s : *all) print_subscriber(ctx, s);
    return exit_ok;
}

int run_consent(const Args& args, ListsContext& ctx) {
    auto log = ctx.lists->consent_log(ctx.channel.account, positional(args, 0, "LIST"), positional(args, 1, "ADDR"));
    if (!log) fail(log.error());
    for (const auto& e : *log) {
        if (ctx.channel.json) {
            std::cout << mailwarden::to_json(e) << '\n';
            continue;
        }
        std::cout << mailwarden::format_rfc3339(e.at) << '\t' << e.action << '\t' << e.source << '\t' << e.ip << '\t'
                  << e.notice_version << '\t' << e.detail << '\n';
    }
    return exit_ok;
}

int run_export(const Args& args, ListsContext& ctx) {
    auto all = ctx.lists->subscribers(ctx.channel.account, positional(args, 0, "LIST"));
    if (!all) fail(all.error());
    std::cout << "email,name,state,flags,created_at,confirmed_at,sends,opens,clicks\n";
    for (const auto& s : *all) {
        std::string flags;
        for (const auto& f : s.flags) flags += (flags.empty() ? "" : ";") + f;
        std::cout << csv_field(s.address) << ',' << csv_field(s.name) << ',' << mailwarden::to_string(s.state) << ','
                  << flags << ',' << mailwarden::format_rfc3339(s.created_at) << ','
                  << (s.confirmed_at ? mailwarden::format_rfc3339(*s.confirmed_at) : "") << ',' << s.sends << ','
                  << s.opens << ',' << s.clicks << '\n';
    }
    return exit_ok;
}

int run_import(const Args& args, ListsContext& ctx) {
    const std::string& path = positional(args, 1, "FILE");
    auto input = read_input(path);
    if (!input) {
        std::cerr << "mwctl: cannot read " << path << '\n';
        return exit_findings;
    }
    mailwarden::ImportOptions options;
    options.source = args.value_or("--source", path);
    options.notice_text = args.value_or("--notice", "");
    options.notice_version = args.value_or("--notice-version", "");
    read_column_option(args, options.column_name, options.column_index);
    auto summary = ctx.lists->import(ctx.channel.account, positional(args, 0, "LIST"), *input, options,
                                     [&](const mailwarden::ImportRow& row) {
                                         if (!ctx.channel.json || row.added) return;
                                         std::cout << boost::json::serialize(boost::json::object{
                                                          {"row", row.check.row},
                                                          {"input", row.check.input},
                                                          {"refused_because", row.refused_because}})
                                                   << '\n';
                                     });
    if (!summary) {
        if (summary.error().kind() == mailwarden::errc::invalid_argument) throw UsageError(summary.error().message);
        fail(summary.error());
    }
    if (ctx.channel.json) {
        std::cout << mailwarden::to_json(*summary) << '\n';
    } else {
        std::cout << summary->rows << " rows: " << summary->added << " added, " << summary->refused << " refused\n";
        for (const auto& [reason, n] : summary->refused_by_reason) std::cout << "  " << reason << '\t' << n << '\n';
    }
    return exit_ok;
}

int run_purge(const Args& args, ListsContext& ctx) {
    mailwarden::PurgePolicy p;
    if (args.has("--unconfirmed-days"))
        p.unconfirmed_days = static_cast<int>(parse_positive(args.value("--unconfirmed-days"), "--unconfirmed-days"));
    if (args.has("--inactive-days"))
        p.inactive_days = static_cast<int>(parse_positive(args.value("--inactive-days"), "--inactive-days"));
    if (args.has("--min-sends")) p.min_sends = static_cast<int>(parse_positive(args.value("--min-sends"), "--min-sends"));
    p.bounced_and_complained = !args.flag("--keep-bounced");
    p.dry_run = args.flag("--dry-run");
    auto report = ctx.lists->purge(ctx.channel.account, positional(args, 0, "LIST"), p);
    if (!report) fail(report.error());
    for (const auto& c : report->purged) {
        if (ctx.channel.json)
            std::cout << boost::json::serialize(boost::json::object{{"address", c.subscriber.address},
                                                                    {"reason", c.reason},
                                                                    {"dry_run", report->dry_run}})
                      << '\n';
        else
            std::cout << (report->dry_run ? "would purge " : "purged ") << c.subscriber.address << '\t' << c.reason
                      << '\n';
    }
    if (!ctx.channel.json)
        std::cout << report->purged.size() << (report->dry_run ? " would be purged\n" : " purged\n");
    return exit_ok;
}

int run_list_send(const Args& args, ListsContext& ctx) {
    mailwarden::OutgoingMessage m;
    m.from = args.value_or("--from", "");
    const MessageBody body = read_message_body(args);
    if (!body.raw.empty()) throw UsageError("a list mail is composed here: --raw-file is not taken");
    m.subject = body.subject;
    m.text = body.text;
    m.html = body.html;
    auto report = ctx.lists->send(ctx.channel.account, positional(args, 0, "LIST"), m);
    if (!report) fail(report.error());
    if (ctx.channel.json)
        std::cout << boost::json::serialize(boost::json::object{{"sent", report->sent},
                                                                {"suppressed", report->suppressed},
                                                                {"failed", report->failed},
                                                                {"first_error", report->first_error}})
                  << '\n';
    else
        std::cout << "sent " << report->sent << ", left out (suppressed) " << report->suppressed << ", failed "
                  << report->failed << (report->first_error.empty() ? "" : " (" + report->first_error + ")") << '\n';
    return report->failed == 0 ? exit_ok : exit_findings;
}

int run_engage(const Args& args, ListsContext& ctx) {
    if (args.flag("--open") == args.flag("--click")) throw UsageError("give one of --open and --click");
    auto done = ctx.lists->record_engagement(
        ctx.channel.account, positional(args, 0, "LIST"), positional(args, 1, "ADDR"),
        args.flag("--open") ? mailwarden::SubscriberStore::Engagement::opened
                            : mailwarden::SubscriberStore::Engagement::clicked,
        args.flag("--machine"));
    if (!done) fail(done.error());
    return exit_ok;
}

}  // namespace

int run_list_subscribers(const std::string& command, const std::vector<std::string>& argv) {
    const Args args(argv, with_channel_options({{"--inspect", "--no-double-opt-in", "--csv", "--dry-run",
                                                 "--keep-bounced", "--open", "--click", "--machine", "--no-dns"},
                                                {"--from", "--name", "--source", "--ip", "--user-agent", "--notice",
                                                 "--notice-version", "--state", "--column", "--unconfirmed-days",
                                                 "--inactive-days", "--min-sends", "--subject", "--text",
                                                 "--html-file", "--raw-file", "--dns", "--post-body", "--content-type"},
                                                {}}));
    if (args.flag("--help")) {
        std::cout << lists_usage << channel_options_help;
        return exit_ok;
    }
    ListsContext ctx = open_lists(args);
    if (command == "create") return run_create(args, ctx);
    if (command == "subscribe") return run_subscribe(args, ctx);
    if (command == "confirm") return run_confirm(args, ctx);
    if (command == "resend") {
        auto link = ctx.lists->resend_confirmation(ctx.channel.account, positional(args, 0, "LIST"),
                                                   positional(args, 1, "ADDR"));
        if (!link) fail(link.error());
        std::cout << "confirmation link mailed: " << *link << '\n';
        return exit_ok;
    }
    if (command == "unsubscribe") return run_unsubscribe(args, ctx);
    if (command == "show") return run_show(args, ctx);
    if (command == "consent") return run_consent(args, ctx);
    if (command == "export") return run_export(args, ctx);
    if (command == "import") return run_import(args, ctx);
    if (command == "purge") return run_purge(args, ctx);
    if (command == "send") return run_list_send(args, ctx);
    if (command == "engage") return run_engage(args, ctx);
    throw UsageError("unknown list command " + command);
}

}  // namespace mwctl
