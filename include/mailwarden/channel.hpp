// The one place a sender registry is put together: its store, its transport,
// its clock and the bounce tracker that gates its sends, from a configuration. The C ABI and mwctl both open their
// registries here, so the rules between options live in one place.
#pragma once

#include <mailwarden/bounce_tracker.hpp>
#include <mailwarden/clock.hpp>
#include <mailwarden/content_policy.hpp>
#include <mailwarden/dkim_sign.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/result.hpp>
#include <mailwarden/sender.hpp>
#include <mailwarden/store.hpp>
#include <mailwarden/stores.hpp>
#include <mailwarden/transport.hpp>

#include <memory>
#include <string>
#include <vector>

namespace mailwarden {

struct ChannelConfig {
    /// Where the senders, the bounce tracker and the mailing lists keep
    /// their state (open_stores in stores.hpp): the SQLite file, created
    /// (with its folder) and migrated as needed, ":memory:" for a private
    /// store, or a PostgreSQL URL ("postgresql://…") that several service
    /// instances share. Required.
    std::string store_path;
    /// Timeouts and, for PostgreSQL, the connection pool.
    StoreOptions store_options{};
    /// The local transport's outbox folder (Maildir), or ...
    std::string outbox;
    /// ... another transport (make_ses_transport in ses/transport.hpp).
    /// Exactly one of outbox and transport.
    std::shared_ptr<Transport> transport;
    /// The base of the local transport's verification links (a host serving
    /// the clicks, "http://127.0.0.1:8025/verify"); empty: the default of
    /// LocalTransportOptions. Not used with another transport.
    std::string link_base;
    /// Keys the local transport signs sent mail with (load_dkim_keys in
    /// dkim_sign.hpp); with another transport: invalid_argument, as SES signs
    /// with its own Easy DKIM keys.
    std::vector<DkimSigner> dkim_signers{};
    /// Per account, what sends do with messages the content checks judge
    /// (content_policy.hpp); empty: no checks.
    ContentPolicies content_policies{};
    RegistryOptions options;
    /// The bounce tracker's lines and counts. It keeps its state in the same
    /// file and is the registry's send gate: suppressed recipients are left
    /// out of sends, a suspended account's sends refused. Its default account
    /// is the registry's (options.default_account).
    TrackerPolicy tracker;
    /// Null: the system clock.
    std::shared_ptr<Clock> clock;
};

/// An open registry and the parts it runs on.
struct Channel {
    std::shared_ptr<Clock> clock;
    std::shared_ptr<SenderStore> store;
    std::shared_ptr<Transport> transport;   ///< with the content checks in front when policies are set
    std::shared_ptr<LocalTransport> local;  ///< set when the transport is the local one
    std::shared_ptr<SenderRegistry> registry;
    std::shared_ptr<BounceTracker> tracker;
    std::shared_ptr<SubscriberStore> subscribers;  ///< the mailing lists' store, at the same location
};

/// Opens store and transport and builds the registry over them.
/// Errors: invalid_argument (no store path; neither or both of outbox and
/// transport; DKIM signers with a transport other than the local one; link lifetime not positive; empty default account), io (store
/// or outbox unusable), parse (a store of a newer schema).
MAILWARDEN_EXPORT Result<Channel, Error> open_channel(ChannelConfig config);

}  // namespace mailwarden
