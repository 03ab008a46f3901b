#include "channel_context.hpp"

#include "content_policy_file.hpp"
#include "environment.hpp"

#include <cstdlib>
#include <mailwarden/ses/transport.hpp>

#include <ctime>
#include <filesystem>
#include <stdexcept>

namespace mwctl {

namespace fs = std::filesystem;

std::string home_dir() { return mailwarden::examples::home_dir(); }

std::string dkim_keys_dir(const Args& args) {
    return args.value_or("--dkim-keys", (fs::path(home_dir()) / "dkim").string());
}

std::vector<mailwarden::DkimSigner> load_dkim_keys(const Args& args, std::shared_ptr<mailwarden::Clock> clock) {
    mailwarden::DkimSignOptions options;
    options.clock = std::move(clock);
    auto signers = mailwarden::load_dkim_keys(dkim_keys_dir(args), options);
    if (!signers) fail(signers.error());
    return std::move(*signers);
}

std::shared_ptr<mailwarden::Clock> clock_from_environment() {
    auto clock = mailwarden::examples::clock_from_environment();
    if (!clock) throw UsageError(mailwarden::examples::bad_now_message);
    return clock;
}

const char* const channel_options_help =
    "global options:\n"
    "  --store PATH|URL      the SQLite file, or a PostgreSQL URL (postgresql://...) shared by\n"
    "                        several instances (default $MAILWARDEN_STORE, else\n"
    "                        $MAILWARDEN_HOME/senders.db)\n"
    "  --transport local     local | ses (default local: the outbox folder; sends to and\n"
    "                        feedback from the SES mailbox simulator count toward rates)\n"
    "  --endpoint URL, --region R, --allow-http, --verification-template NAME   for --transport ses\n"
    "                        (credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or ~/.aws)\n"
    "  --outbox DIR          local transport outbox (default $MAILWARDEN_HOME/outbox)\n"
    "  --content-policy FILE what sends do with messages the content checks judge, per account\n"
    "                        (default $MAILWARDEN_HOME/content-policy.json when it exists)\n"
    "  --dkim-keys DIR       the local transport signs sent mail with DIR/DOMAIN/SELECTOR.pem\n"
    "                        (default $MAILWARDEN_HOME/dkim, where `mwctl dkim keygen` writes)\n"
    "  --account NAME        customer account (default \"default\")\n"
    "  --link-lifetime SECS  how long verification links stay valid (default 86400)\n"
    "  --allow-special-use   accept .test, example.com ... senders (demos)\n"
    "  --json                JSON output\n"
    "  MAILWARDEN_HOME defaults to ~/.local/share/mailwarden; MAILWARDEN_NOW pins the clock.\n";

ArgSpec with_channel_options(ArgSpec spec) {
    for (const char* f : {"--json", "--allow-special-use", "--allow-http", "--help"}) spec.flags.insert(f);
    for (const char* v : {"--store", "--transport", "--outbox", "--dkim-keys", "--content-policy", "--account",
                          "--link-lifetime", "--endpoint", "--region", "--verification-template"})
        spec.valued.insert(v);
    return spec;
}


[[noreturn]] void fail(const mailwarden::Error& error) { throw std::runtime_error(error.describe()); }

ChannelContext open_channel_context(const Args& args) {
    ChannelContext ctx;
    ctx.json = args.flag("--json");
    const std::string home = home_dir();
    mailwarden::ChannelConfig config;
    config.clock = clock_from_environment();
    config.store_path = args.value_or("--store", mailwarden::examples::store_location(home));
    ctx.store_path = config.store_path;

    const std::string transport = args.value_or("--transport", "local");
    if (transport != "local" && args.has("--dkim-keys"))
        throw UsageError("--dkim-keys is for the local transport: SES signs with Easy DKIM");
    if (transport == "local") {
        config.outbox = args.value_or("--outbox", (fs::path(home) / "outbox").string());
        ctx.outbox = config.outbox;
        // Offline, the mailbox simulator's notifications are all the feedback
        // there is: they count, unlike SES's own (which ignores them).
        config.tracker.count_simulator = true;
        config.dkim_signers = load_dkim_keys(args, config.clock);
    } else if (transport == "ses") {
        mailwarden::ses::ClientOptions ses;
        ses.region = args.value_or("--region", "");
        ses.endpoint = args.value_or("--endpoint", "");
        ses.http.allow_plaintext = args.flag("--allow-http");
        auto client = mailwarden::ses::Client::create(ses);
        if (!client) fail(client.error());
        mailwarden::SesTransportOptions transport_options;
        transport_options.verification_template = args.value_or("--verification-template", "");
        config.transport = mailwarden::make_ses_transport(*client, transport_options);
    } else {
        throw UsageError("--transport must be local or ses");
    }

    const std::string policy_file = args.value_or("--content-policy", (fs::path(home) / "content-policy.json").string());
    std::error_code ec;
    if (args.has("--content-policy") || fs::exists(policy_file, ec))
        config.content_policies = read_content_policies(policy_file);
    config.options.allow_special_use_domains = args.flag("--allow-special-use");
    if (args.has("--link-lifetime")) {
        config.options.link_lifetime = std::chrono::seconds(parse_positive(args.value("--link-lifetime"), "--link-lifetime"));
    }
    ctx.account = args.value_or("--account", config.options.default_account);
    auto channel = mailwarden::open_channel(std::move(config));
    if (!channel) fail(channel.error());
    ctx.channel = std::move(*channel);
    return ctx;
}

}  // namespace mwctl
