// What the sender and send commands share: the global options (--store,
// --transport, --outbox, --account, ...) and the registry built from them.
#pragma once

#include "cli_args.hpp"

#include <mailwarden/channel.hpp>

#include <memory>
#include <string>
#include <vector>

namespace mwctl {

/// The options every channel command accepts, added to a command's own.
ArgSpec with_channel_options(ArgSpec spec);

/// Help text for those options.
extern const char* const channel_options_help;

struct ChannelContext {
    mailwarden::Channel channel;  ///< registry, store, transport (local set for --transport local), clock
    std::string account;
    std::string store_path;  ///< the SQLite file (the lists live there too)
    std::string outbox;  ///< the local transport's folder; empty for SES
    bool json = false;
};

/// Opens the store and transport the options name. Throws UsageError for bad
/// options, std::runtime_error for failures (printed by main, exit 1).
ChannelContext open_channel_context(const Args& args);

/// The system clock, or the one MAILWARDEN_NOW (RFC 3339 UTC,
/// "2026-11-26T12:00:00Z") pins, so tests and demos can show what a later
/// process sees. Throws UsageError for another form.
std::shared_ptr<mailwarden::Clock> clock_from_environment();

/// $MAILWARDEN_HOME, else $XDG_DATA_HOME/mailwarden, else ~/.local/share/mailwarden.
std::string home_dir();

/// The DKIM key folder: --dkim-keys, else $MAILWARDEN_HOME/dkim.
std::string dkim_keys_dir(const Args& args);

/// The keys in that folder (none when it does not exist), signing at `clock`'s time.
std::vector<mailwarden::DkimSigner> load_dkim_keys(const Args& args, std::shared_ptr<mailwarden::Clock> clock);

/// Throws std::runtime_error carrying the error's message.
[[noreturn]] void fail(const mailwarden::Error& error);

}  // namespace mwctl
