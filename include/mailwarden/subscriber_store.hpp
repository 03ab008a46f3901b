// Where mailing lists keep their state: lists, subscribers, the consent log,
// one-time tokens, tombstones of addresses that left, and the secret the
// unsubscribe links are signed with. SQLite is the embedded default; the
// interface lets a host bring another database. Every call is atomic.
#pragma once

#include <mailwarden/clock.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/result.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden {

/// Where a subscriber stands. Numbers are stable (they are stored).
enum class SubscriberState : int {
    pending = 0,       ///< asked to join, confirmation outstanding
    confirmed = 1,     ///< may be mailed
    unsubscribed = 2,  ///< left (a tombstone keeps it from silent re-import)
    bounced = 3,       ///< hard-bounced
    complained = 4,    ///< marked a list mail as spam
    purged = 5,        ///< removed by a purge; only its tombstone is left
};

/// "pending", "confirmed", "unsubscribed", "bounced", "complained", "purged".
MAILWARDEN_EXPORT std::string_view to_string(SubscriberState state) noexcept;
MAILWARDEN_EXPORT std::optional<SubscriberState> subscriber_state_from_string(std::string_view s) noexcept;

struct MailingList {
    std::int64_t id = 0;  ///< the store's key
    std::string account;
    std::string name;
    std::string from;  ///< the verified sender its mails come from
    TimePoint created_at{};
};

struct Subscriber {
    std::int64_t id = 0;  ///< the store's key; stable for the subscriber's life
    std::int64_t list_id = 0;
    std::string address;   ///< normalized (domain in A-labels), local part as given
    std::string fold_key;  ///< what duplicates share: local part folded, domain in A-labels
    std::string name;
    SubscriberState state = SubscriberState::pending;
    std::vector<std::string> flags;  ///< intake findings kept: "free_provider", "implicit_mx", "dns_unknown" ...
    TimePoint created_at{};
    TimePoint updated_at{};
    std::optional<TimePoint> confirmed_at;
    std::int64_t sends = 0;
    std::int64_t opens = 0;   ///< counting opens (not machine ones, when told apart)
    std::int64_t clicks = 0;  ///< counting clicks (not scanners', when told apart)
    std::optional<TimePoint> last_sent_at;
    std::optional<TimePoint> last_engaged_at;  ///< the last counting open or click
};

/// One entry of a subscriber's consent log: append-only, the proof of how
/// and when consent was given and withdrawn.
struct ConsentEntry {
    TimePoint at{};
    std::string action;  ///< "subscribe", "import", "confirm", "unsubscribe", "bounced", "complained", "resubscribe",
                         ///< "suppressed" (left out of a list mail by the bounce tracker)
    std::string source;  ///< where it came from: a form's name, a file, "mwctl" ...
    std::string ip;
    std::string user_agent;
    std::string notice_text;     ///< the consent notice shown
    std::string notice_version;  ///< its version
    std::string detail;          ///< e.g. how an unsubscribe arrived ("one-click", "mailto", "link", "api")
};

/// A single-use token as stored: only its SHA-256 is kept.
struct StoredToken {
    std::string hash;     ///< lower-case hex SHA-256 of the token
    std::string purpose;  ///< "confirm"
    std::int64_t subscriber_id = 0;
    TimePoint expires_at{};
    std::optional<TimePoint> used_at;
};

/// What a purge or an unsubscribe leaves of an address: a hash, so a
/// re-import can be refused without keeping the address.
struct Tombstone {
    std::string hash;    ///< lower-case hex SHA-256 of the list id and fold key
    std::string reason;  ///< "unsubscribed", "purged", "bounced", "complained"
    TimePoint at{};
};

/// Thread-safe.
class MAILWARDEN_EXPORT SubscriberStore {
public:
    virtual ~SubscriberStore();

    /// Errors: already_exists (same account and name), io.
    virtual Result<MailingList, Error> create_list(const MailingList& list) = 0;
    virtual Result<std::optional<MailingList>, Error> find_list(std::string_view account, std::string_view name) = 0;
    virtual Result<std::optional<MailingList>, Error> find_list_by_id(std::int64_t id) = 0;
    /// The account's lists, by name.
    virtual Result<std::vector<MailingList>, Error> lists(std::string_view account) = 0;

    /// Inserts (id 0) or updates the subscriber and appends `entry` to its
    /// consent log, in one transaction; returns it with its id. Errors:
    /// already_exists (a new subscriber whose fold key the list has), io.
    virtual Result<Subscriber, Error> save(const Subscriber& subscriber, const ConsentEntry& entry) = 0;
    virtual Result<std::optional<Subscriber>, Error> find(std::int64_t list_id, std::string_view fold_key) = 0;
    virtual Result<std::optional<Subscriber>, Error> find_by_id(std::int64_t id) = 0;
    /// A list's subscribers by id; only those in `state` when set. At most
    /// `limit`, after the subscriber id `after`.
    virtual Result<std::vector<Subscriber>, Error> subscribers(std::int64_t list_id,
                                                               std::optional<SubscriberState> state,
                                                               std::int64_t after = 0,
                                                               std::size_t limit = 1000) = 0;
    /// Counts per state, indexed by the state's number.
    virtual Result<std::vector<std::int64_t>, Error> counts(std::int64_t list_id) = 0;
    /// The subscriber's consent log, oldest first.
    virtual Result<std::vector<ConsentEntry>, Error> consent_log(std::int64_t subscriber_id) = 0;

    /// Stores a token, replacing every earlier one of the same purpose for
    /// the same subscriber (they stop working).
    virtual Result<Done, Error> put_token(const StoredToken& token) = 0;
    virtual Result<std::optional<StoredToken>, Error> find_token(std::string_view hash) = 0;
    /// Marks the token used; false when it already was (or is gone), so of
    /// two concurrent uses exactly one wins.
    virtual Result<bool, Error> use_token(std::string_view hash, TimePoint at) = 0;

    /// Deletes the subscriber (and its log and tokens) and leaves `tombstone`.
    virtual Result<Done, Error> purge(std::int64_t subscriber_id, std::int64_t list_id, const Tombstone& tombstone) = 0;
    /// Adds or refreshes a tombstone.
    virtual Result<Done, Error> put_tombstone(std::int64_t list_id, const Tombstone& tombstone) = 0;
    virtual Result<std::optional<Tombstone>, Error> find_tombstone(std::int64_t list_id, std::string_view hash) = 0;
    virtual Result<std::int64_t, Error> count_tombstones(std::int64_t list_id, std::string_view reason) = 0;

    enum class Engagement { sent, opened, clicked };
    /// Counts one engagement of the subscriber at `at`.
    virtual Result<Done, Error> record(std::int64_t subscriber_id, Engagement what, TimePoint at) = 0;

    /// The key unsubscribe links are signed with: made once, at random, and
    /// shared by every process using the store.
    virtual Result<std::string, Error> signing_key() = 0;
};

struct SqliteSubscriberStoreOptions {
    std::chrono::milliseconds busy_timeout{5000};
};

/// Opens (creating and migrating as needed) the SQLite file at `path`, the
/// same file the senders and the bounce tracker use. Errors: io.
MAILWARDEN_EXPORT Result<std::shared_ptr<SubscriberStore>, Error> open_sqlite_subscriber_store(
    const std::string& path, SqliteSubscriberStoreOptions options = {});

}  // namespace mailwarden
