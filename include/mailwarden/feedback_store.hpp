// Where the bounce tracker keeps its state: what it has seen, the sends it
// counts, each account's standing, suppressions and the audit log. SQLite
// is the embedded default; the interface lets a host bring another
// database. All reads and writes go through a FeedbackTransaction, so a
// batch of feedback is applied whole or not at all.
#pragma once

#include <mailwarden/bounce_tracker.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/result.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden {

/// A send the tracker counts: one message to one recipient.
struct SendRecord {
    std::string message_id;
    std::string recipient;
    std::string account;
    std::int64_t seq = 0;  ///< the account's send number, from 0 without gaps
    TimePoint at{};
    bool hard_bounced = false;
    bool soft_bounced = false;
    bool complained = false;
};

/// An account's standing and counters, as stored.
struct AccountRecord {
    std::string account;
    AccountStatus status = AccountStatus::active;
    std::optional<TimePoint> status_since;
    std::string status_reason;
    std::int64_t next_seq = 0;      ///< sends recorded so far
    std::int64_t window_start = 0;  ///< the first send a rate may count (moved by resume)
    std::int64_t window_size = 0;   ///< the window the counters below were kept for
    std::int64_t window_hard = 0;
    std::int64_t window_soft = 0;
    std::int64_t window_complaints = 0;
    std::int64_t total_hard = 0;
    std::int64_t total_soft = 0;
    std::int64_t total_complaints = 0;
    std::int64_t total_deliveries = 0;
    std::int64_t audit_entries = 0;
};

/// The recent soft bounces of one address in one account.
struct SoftBounceRecord {
    std::string account;
    std::string address;
    std::vector<TimePoint> times;  ///< oldest first
};

/// One unit of work. Uncommitted work is rolled back when it is destroyed.
/// Used by one thread at a time.
class MAILWARDEN_EXPORT FeedbackTransaction {
public:
    virtual ~FeedbackTransaction();

    /// Records an idempotency key; false when it was already recorded.
    virtual Result<bool, Error> claim(std::string_view key, TimePoint at) = 0;

    virtual Result<std::optional<SendRecord>, Error> find_send(std::string_view message_id,
                                                               std::string_view recipient) = 0;
    virtual Result<std::optional<SendRecord>, Error> find_send_by_seq(std::string_view account, std::int64_t seq) = 0;
    /// Any recorded send of the message (for its account).
    virtual Result<std::optional<SendRecord>, Error> find_message(std::string_view message_id) = 0;
    virtual Result<Done, Error> insert_send(const SendRecord& send) = 0;
    /// Saves the three flags of the send (message id, recipient).
    virtual Result<Done, Error> update_send_flags(const SendRecord& send) = 0;
    /// How many of the account's sends with seq in [from, to) have each flag.
    struct FlagCounts {
        std::int64_t hard = 0, soft = 0, complaints = 0;
    };
    virtual Result<FlagCounts, Error> count_flags(std::string_view account, std::int64_t from, std::int64_t to) = 0;

    virtual Result<std::optional<AccountRecord>, Error> find_account(std::string_view account) = 0;
    virtual Result<Done, Error> save_account(const AccountRecord& account) = 0;
    virtual Result<Done, Error> append_audit(const StatusChange& change, std::int64_t seq) = 0;
    virtual Result<std::vector<StatusChange>, Error> audit_log(std::string_view account) = 0;

    /// The suppression of the address in the account (empty account: global).
    virtual Result<std::optional<Suppression>, Error> find_suppression(std::string_view account,
                                                                       std::string_view address) = 0;
    virtual Result<Done, Error> put_suppression(const Suppression& s) = 0;
    /// False when there was none.
    virtual Result<bool, Error> remove_suppression(std::string_view account, std::string_view address) = 0;
    virtual Result<std::vector<Suppression>, Error> list_suppressions(std::string_view account,
                                                                      std::string_view after, std::size_t limit) = 0;

    virtual Result<std::optional<SoftBounceRecord>, Error> find_soft_bounces(std::string_view account,
                                                                             std::string_view address) = 0;
    virtual Result<Done, Error> put_soft_bounces(const SoftBounceRecord& record) = 0;
    virtual Result<Done, Error> remove_soft_bounces(std::string_view account, std::string_view address) = 0;

    virtual Result<Done, Error> commit() = 0;
};

/// Storage for the tracker. Thread-safe: begin() may be called from any
/// thread; a transaction belongs to the thread that began it.
class MAILWARDEN_EXPORT FeedbackStore {
public:
    virtual ~FeedbackStore();
    /// A write transaction (SQLite: BEGIN IMMEDIATE) or a read-only one.
    /// Errors: io.
    virtual Result<std::unique_ptr<FeedbackTransaction>, Error> begin(bool write) = 0;
};

/// Opens (creating and migrating as needed) the feedback tables in the
/// SQLite file at `path` — the senders' file may hold them too; ":memory:"
/// for a private in-memory database. Errors: io.
MAILWARDEN_EXPORT Result<std::shared_ptr<FeedbackStore>, Error> open_sqlite_feedback_store(
    const std::string& path, std::chrono::milliseconds busy_timeout = std::chrono::milliseconds(5000));

}  // namespace mailwarden
