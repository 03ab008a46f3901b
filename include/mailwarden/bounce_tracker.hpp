// What the platform does with the feedback it receives: suppress addresses
// that cannot receive mail (or whose owners complained), count bounces and
// complaints against each account's recent sends, and suspend an account's
// sending when its bounce rate reaches 5 % or its complaint rate 0.5 %.
// Every input has an idempotency key, so feeding the same input twice
// changes nothing; a batch is committed atomically.
#pragma once

#include <mailwarden/bounce.hpp>
#include <mailwarden/clock.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/result.hpp>
#include <mailwarden/sender.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden {

class FeedbackStore;

/// An account's sending standing. Numbers are stable.
enum class AccountStatus : int {
    active = 0,
    warning = 1,    ///< a rate crossed its warning line; sending goes on
    suspended = 2,  ///< every send is refused until an explicit resume
};

/// Why an address is suppressed. Numbers are stable.
enum class SuppressionReason : int {
    bounce = 0,     ///< a hard bounce, or too many soft bounces without a delivery
    complaint = 1,  ///< the recipient reported the mail as spam (not "not-spam")
    manual = 2,     ///< added by the platform or an operator
};

/// "active", "warning", "suspended"; "bounce", "complaint", "manual".
MAILWARDEN_EXPORT std::string_view to_string(AccountStatus s) noexcept;
MAILWARDEN_EXPORT std::string_view to_string(SuppressionReason r) noexcept;
/// The inverse of to_string; nullopt for anything else.
MAILWARDEN_EXPORT std::optional<AccountStatus> account_status_from_string(std::string_view s) noexcept;
MAILWARDEN_EXPORT std::optional<SuppressionReason> suppression_reason_from_string(std::string_view s) noexcept;

/// The lines and counts. Rates are fractions (0.05 = 5 %); a rate at or
/// above a line crosses it.
struct TrackerPolicy {
    double bounce_suspend = 0.05;         ///< SES puts an account under review here
    std::optional<double> bounce_warning; ///< none by default
    double complaint_warning = 0.001;     ///< SES's review line for complaints
    double complaint_suspend = 0.005;     ///< SES pauses sending here
    /// Rates are taken over this many of the account's most recent sends.
    std::int64_t window_sends = 10'000;
    /// No status changes while the window holds fewer sends than this.
    std::int64_t minimum_sends = 500;
    /// This many soft bounces of one address within soft_bounce_period, with
    /// no delivery to it in between, suppress it (reason bounce). 0: never.
    int soft_bounce_limit = 3;
    std::chrono::seconds soft_bounce_period{7 * 24 * 3600};
    /// Automatic suppressions (bounces, complaints) apply to every account,
    /// not only to the one whose mail bounced.
    bool suppress_globally = false;
    /// Count sends to (and feedback from) the SES mailbox simulator
    /// (@simulator.amazonses.com). SES itself does not count them; demos do.
    bool count_simulator = false;
    /// The account of feedback that names none and matches no recorded send.
    std::string default_account = "default";
};

/// The account name of suppressions that apply to every account.
inline constexpr std::string_view global_scope = "*";

/// A suppressed address, in one account or (account "*") in all.
struct Suppression {
    std::string account;
    std::string address;  ///< normalised (lower-case domain)
    SuppressionReason reason = SuppressionReason::manual;
    TimePoint at{};
    /// The evidence: the idempotency key of the feedback that caused it
    /// (empty for manual ones), its status, the remote server's text, and
    /// for manual ones the note given.
    std::string evidence_key;
    std::string status;
    std::string diagnostic;
    std::string note;
};

/// One account's figures. sends / hard_bounces / soft_bounces / complaints
/// count within the window the rates use; the totals count everything.
struct AccountStats {
    std::string account;
    AccountStatus status = AccountStatus::active;
    std::int64_t sends = 0;
    std::int64_t hard_bounces = 0;  ///< counting hard bounces (not to the simulator or suppressed)
    std::int64_t soft_bounces = 0;
    std::int64_t complaints = 0;    ///< not-spam feedback excluded
    double bounce_rate = 0;         ///< hard_bounces / sends, 0 without sends
    double complaint_rate = 0;
    std::int64_t total_sends = 0;
    std::int64_t total_hard_bounces = 0;
    std::int64_t total_soft_bounces = 0;
    std::int64_t total_complaints = 0;
    std::int64_t total_deliveries = 0;
    std::optional<TimePoint> status_since;  ///< the last status change
    std::string status_reason;              ///< why it has its status ("bounce rate 5.20 % ...")
};

/// One status change, kept forever as the account's audit log.
struct StatusChange {
    std::string account;
    TimePoint at{};
    AccountStatus from = AccountStatus::active;
    AccountStatus to = AccountStatus::active;
    std::string actor;   ///< "mailwarden" for automatic changes; who resumed otherwise
    std::string reason;
};

/// What one ingest did. Recipients that were already seen (same
/// idempotency key) are counted as duplicates and change nothing.
struct IngestReport {
    std::int64_t events = 0;      ///< inputs read
    std::int64_t duplicates = 0;  ///< recipient outcomes (or whole events) seen before
    std::int64_t sends = 0;       ///< new sends counted
    std::int64_t deliveries = 0;
    std::int64_t hard_bounces = 0;
    std::int64_t soft_bounces = 0;
    std::int64_t complaints = 0;
    std::int64_t ignored = 0;     ///< outcomes that count for nothing (delays, opens, auto-replies ...)
    std::vector<Suppression> suppressed;      ///< addresses newly suppressed
    std::vector<StatusChange> status_changes;
};

/// Adds `part`'s counts, suppressions and changes to `total` (reports of
/// several batches as one).
MAILWARDEN_EXPORT void accumulate(IngestReport& total, IngestReport part);

/// Who may be mailed: `allowed` in the order given, `suppressed` the others
/// (duplicates and case variants of an address count once).
struct Admission {
    std::vector<std::string> allowed;
    std::vector<Suppression> suppressed;
};

/// Told of every suppression added or removed, after the change is
/// committed: for instance the SES account-level suppression list
/// (make_ses_suppression_mirror in ses/suppression_mirror.hpp). Failures
/// are counted (BounceTracker::mirror_failures) and never undo the change.
class MAILWARDEN_EXPORT SuppressionMirror {
public:
    virtual ~SuppressionMirror();
    virtual Result<Done, Error> suppressed(const Suppression& s) = 0;
    virtual Result<Done, Error> unsuppressed(std::string_view address) = 0;
};

/// Called after a status change is committed, on the thread that made it.
using StatusCallback = std::function<void(const StatusChange& change)>;

/// The bounce and complaint tracker of every account in one store. An
/// empty account name means the policy's default account.
/// Thread-safe; several processes may share one SQLite store.
class MAILWARDEN_EXPORT BounceTracker {
public:
    BounceTracker(std::shared_ptr<FeedbackStore> store, TrackerPolicy policy = {},
                  std::shared_ptr<Clock> clock = system_clock());
    ~BounceTracker();
    BounceTracker(const BounceTracker&) = delete;
    BounceTracker& operator=(const BounceTracker&) = delete;

    /// Applies the events in one transaction: all of them or, on error,
    /// none. `account` names the account they belong to; empty: the account
    /// of the recorded send each recipient matches (by message id), else
    /// the policy's default account. Errors: io (nothing was applied).
    Result<IngestReport, Error> ingest(std::span<const FeedbackEvent> events, std::string_view account = {});
    Result<IngestReport, Error> ingest(const FeedbackEvent& event, std::string_view account = {});

    /// Records a send made outside the tracker's sight (SES Send events do
    /// the same): one send per recipient, keyed on (message id, recipient).
    Result<IngestReport, Error> record_send(std::string_view account, std::string_view message_id,
                                            std::span<const std::string> recipients);

    /// Before a send: errc::suspended (with the reason) when the account is
    /// suspended, otherwise which recipients may be mailed.
    /// Errors: suspended, io.
    Result<Admission, Error> admit(std::string_view account, std::span<const std::string> recipients);

    /// The suppression that applies to `address` in `account` (its own or a
    /// global one), or nullopt.
    Result<std::optional<Suppression>, Error> find_suppression(std::string_view address, std::string_view account);
    /// The account's suppressions ("*": the global ones) after
    /// address `after`, in address order, at most `limit`.
    Result<std::vector<Suppression>, Error> suppressions(std::string_view account, std::size_t limit = 1000,
                                                         std::string_view after = {});
    /// Suppresses an address by hand (account "*": globally); replaces
    /// what was there. Errors: invalid_argument (not an address), io.
    Result<Suppression, Error> suppress(std::string_view address, std::string_view account, std::string_view note);
    /// Lifts the account's ("*": the global) suppression of the
    /// address, also its soft-bounce count. False when there was none.
    Result<bool, Error> unsuppress(std::string_view address, std::string_view account);

    /// The account's figures (zeros for an account never seen).
    Result<AccountStats, Error> stats(std::string_view account);
    /// Lifts a suspension (or clears a warning): the account becomes
    /// active, the change is logged with `actor` and `reason`, and the rate
    /// window starts afresh, so the minimum volume applies again before the
    /// next change. Errors: invalid_argument (empty reason or actor), io.
    Result<AccountStats, Error> resume(std::string_view account, std::string_view actor, std::string_view reason);
    /// The account's status changes, oldest first.
    Result<std::vector<StatusChange>, Error> audit_log(std::string_view account);

    /// Registers a status callback; returns an id for unsubscribe().
    int subscribe(StatusCallback callback);
    /// As SenderRegistry::unsubscribe: false when id is not subscribed.
    bool unsubscribe(int id);

    /// Mirrors suppressions from now on (null: stop).
    void set_mirror(std::shared_ptr<SuppressionMirror> mirror);
    std::int64_t mirror_failures() const noexcept;

    const TrackerPolicy& policy() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// One JSON object on one line each, as mwctl prints them (times in RFC
/// 3339 UTC, rates as fractions). Stats: account, sends, hard_bounces,
/// soft_bounces, complaints, bounce_rate, complaint_rate, status,
/// status_since, status_reason, totals {sends, hard_bounces, soft_bounces,
/// complaints, deliveries}.
MAILWARDEN_EXPORT std::string to_json(const AccountStats& stats);
/// account ("*" for global), address, reason, at, evidence_key, status,
/// diagnostic, note (null where empty).
MAILWARDEN_EXPORT std::string to_json(const Suppression& suppression);
/// account, at, from, to, actor, reason.
MAILWARDEN_EXPORT std::string to_json(const StatusChange& change);
/// The counts, and the new suppressions and status changes as above.
MAILWARDEN_EXPORT std::string to_json(const IngestReport& report);

/// The tracker as the sender registry's send gate: a suspended account's
/// sends are refused, suppressed recipients left out, sends recorded.
MAILWARDEN_EXPORT std::shared_ptr<SendGate> make_send_gate(std::shared_ptr<BounceTracker> tracker);

}  // namespace mailwarden
