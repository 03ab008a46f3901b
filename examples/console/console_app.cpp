#include "console_app.hpp"

#include "environment.hpp"
#include "sns_certificates.hpp"


#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <stdexcept>

namespace console {

namespace fs = std::filesystem;

namespace {

// As mwctl: MAILWARDEN_NOW ("2026-11-26T12:00:00Z", RFC 3339 UTC) pins the clock.
std::shared_ptr<mailwarden::Clock> clock_from_environment() {
    auto clock = mailwarden::examples::clock_from_environment();
    if (!clock) throw UsageError(mailwarden::examples::bad_now_message);
    return clock;
}

[[noreturn]] void fail(const mailwarden::Error& error) { throw std::runtime_error(error.describe()); }

}  // namespace

ConsoleApp::ConsoleApp(ConsoleOptions o, std::string origin_url)
    : options(std::move(o)), origin(std::move(origin_url)), limiter(options.rate_limit, 4 * options.rate_limit) {}

mailwarden::Result<std::shared_ptr<mailwarden::dns::Resolver>, mailwarden::Error> ConsoleApp::resolver() {
    if (options.no_dns)
        return mailwarden::unexpected(
            mailwarden::Error(mailwarden::errc::io, "DNS lookups are off (mailwarden-console --no-dns)"));
    std::lock_guard lock(resolver_mutex_);
    if (!resolver_) {
        mailwarden::dns::ResolverOptions resolver_options;
        if (!options.dns.empty()) resolver_options.servers.push_back(options.dns);
        std::error_code ec;
        auto made = mailwarden::dns::make_resolver(resolver_options, ec);
        if (ec || !made)
            return mailwarden::unexpected(mailwarden::Error(mailwarden::errc::io, "cannot use DNS server " +
                                                                                      (options.dns.empty() ? std::string("(system)") : options.dns) +
                                                                                      ": " + ec.message()));
        resolver_ = std::move(made);
    }
    return resolver_;
}

mailwarden::Result<mailwarden::AccountStats, mailwarden::Error> ConsoleApp::stats_sampled() {
    auto stats = channel.tracker->stats(account);
    if (stats) samples.record(*stats, channel.clock->now());
    return stats;
}

std::unique_ptr<ConsoleApp> open_console_app(ConsoleOptions options, const std::string& origin) {
    auto app = std::make_unique<ConsoleApp>(std::move(options), origin);
    mailwarden::ChannelConfig config;
    config.clock = clock_from_environment();
    config.store_path = app->options.store;
    config.outbox = app->options.outbox;
    config.link_base = origin + "/verify";
    // Offline, the mailbox simulator's notifications are all the feedback there is.
    config.tracker.count_simulator = true;
    const std::string dkim_dir = (fs::path(app->options.home) / "dkim").string();
    mailwarden::DkimSignOptions dkim_options;
    dkim_options.clock = config.clock;
    auto signers = mailwarden::load_dkim_keys(dkim_dir, dkim_options);
    if (!signers) fail(signers.error());
    app->dkim_signers = *signers;
    config.dkim_signers = std::move(*signers);
    config.options.allow_special_use_domains = app->options.allow_special_use;
    auto channel = mailwarden::open_channel(std::move(config));
    if (!channel) fail(channel.error());
    app->channel = std::move(*channel);
    app->account = app->channel.registry->options().default_account;
    mailwarden::ListsConfig lists;
    lists.store = app->channel.subscribers;
    lists.registry = app->channel.registry;
    lists.tracker = app->channel.tracker;
    lists.clock = app->channel.clock;
    lists.confirm_link_base = origin + "/lists/confirm";
    lists.unsubscribe_link_base = origin + "/lists/unsubscribe";
    lists.intake.address.allow_special_use = app->options.allow_special_use;
    if (!app->options.no_dns) {
        auto resolver = app->resolver();  // intake's MX checks
        if (!resolver) fail(resolver.error());
        lists.resolver = *resolver;
    }
    auto opened = mailwarden::SubscriberLists::open(std::move(lists));
    if (!opened) fail(opened.error());
    app->lists = std::move(*opened);
    std::string error;
    auto certificates =
        mailwarden::examples::sns_certificate_source(app->options.sns_cert, app->options.sns_ca_file, error);
    if (!certificates) throw UsageError(error);
    app->feedback = std::make_unique<mailwarden::FeedbackEndpoint>(app->channel.tracker, std::move(certificates));
    return app;
}

}  // namespace console
