// open_channel(): the composition root of the sender registry.
#include <mailwarden/channel.hpp>

#include <filesystem>
#include <system_error>

namespace mailwarden {

namespace {

Result<Done, Error> check(const ChannelConfig& config) {
    const auto invalid = [](std::string message) { return unexpected(Error(errc::invalid_argument, std::move(message))); };
    if (config.store_path.empty()) return invalid("the store path is not set");
    if (config.outbox.empty() && !config.transport)
        return invalid("no transport: set the outbox folder (local transport) or an SES client");
    if (!config.outbox.empty() && config.transport)
        return invalid("both an outbox folder and another transport (SES) are set: choose one");
    if (!config.dkim_signers.empty() && config.transport)
        return invalid("DKIM keys are for the local transport: SES signs with the identity's Easy DKIM keys");
    if (config.options.link_lifetime.count() <= 0) return invalid("the link lifetime must be positive");
    if (config.options.default_account.empty()) return invalid("the default account must not be empty");
    return Done{};
}

// The store's folder is made as a convenience; the store reports what fails.
void create_parent_folder(const std::string& store_path) {
    if (store_path == ":memory:" || is_postgres_location(store_path)) return;
    const auto parent = std::filesystem::path(store_path).parent_path();
    std::error_code ignored;
    if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
}

}  // namespace

Result<Channel, Error> open_channel(ChannelConfig config) {
    if (auto ok = check(config); !ok) return unexpected(ok.error());
    Channel channel;
    channel.clock = config.clock ? config.clock : system_clock();
    create_parent_folder(config.store_path);
    auto stores = open_stores(config.store_path, config.store_options);
    if (!stores) return unexpected(std::move(stores).error());
    channel.store = stores->senders;
    channel.subscribers = stores->subscribers;
    if (config.transport) {
        channel.transport = config.transport;
    } else {
        LocalTransportOptions local_options{.outbox = config.outbox, .dkim_signers = std::move(config.dkim_signers)};
        if (!config.link_base.empty()) local_options.link_base = config.link_base;
        auto local = LocalTransport::open(std::move(local_options), channel.clock);
        if (!local) return unexpected(local.error());
        channel.local = *local;
        channel.transport = channel.local;
    }
    channel.transport = with_content_checks(std::move(channel.transport), std::move(config.content_policies),
                                            config.options.default_account);
    channel.registry =
        std::make_shared<SenderRegistry>(channel.store, channel.transport, std::move(config.options), channel.clock);
    config.tracker.default_account = channel.registry->options().default_account;
    channel.tracker = std::make_shared<BounceTracker>(stores->feedback, std::move(config.tracker), channel.clock);
    channel.registry->set_send_gate(make_send_gate(channel.tracker));
    return channel;
}

}  // namespace mailwarden
