// Sender channels: the "Enabled channels" table and "Sender Details" of the
// platform. A sender is an email address (with a display alias) owned by one
// customer account, verified through the transport before it may send.
#pragma once

#include <mailwarden/clock.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/result.hpp>
#include <mailwarden/verification.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace mailwarden {

class SenderStore;
class Transport;

/// One state change of a sender, kept forever as its history.
struct SenderHistoryEntry {
    TimePoint at;
    std::optional<VerificationState> from;  ///< nullopt for the creation
    VerificationState to = VerificationState::pending;
    std::string event;   ///< to_string(VerificationEvent)
    std::string reason;  ///< why, for failures ("the verification link expired")
};

struct Sender {
    std::string id;                   ///< stable, opaque
    std::string account;              ///< owning customer account
    std::string type = "Email";       ///< the channel type
    std::string address;              ///< normalised address
    std::string alias;                ///< display name
    VerificationState state = VerificationState::pending;
    TimePoint created_at{};
    TimePoint requested_at{};         ///< last verification mail
    TimePoint expires_at{};           ///< requested_at + link lifetime
    std::optional<TimePoint> verified_at;
    std::optional<TimePoint> failed_at;
    std::optional<TimePoint> last_checked_at;
    std::string failure_reason;
    std::vector<std::string> warnings;  ///< From-address advice (role, no-reply)
    std::vector<SenderHistoryEntry> history;
    std::int64_t version = 0;         ///< for optimistic concurrency in the store
};

/// One JSON object with address, alias, status ("Pending" ...), times in
/// RFC 3339 UTC (null when unset), warnings and, when asked, the history.
MAILWARDEN_EXPORT std::string to_json(const Sender& sender, bool with_history = false);

struct RegistryOptions {
    std::string default_account = "default";
    std::chrono::seconds link_lifetime{24 * 3600};  ///< how long the verification link is valid
    /// Turn the From-address warnings (role account, no-reply) into errors.
    bool reject_role = false;
    bool reject_noreply = false;
    bool allow_special_use_domains = false;  ///< e.g. for demos on .test
    /// refresh(): verified senders are re-checked at the transport this often.
    std::chrono::seconds recheck_verified_after{6 * 3600};
    int refresh_concurrency = 8;      ///< transport checks in flight at once
    int refresh_batch = 100;          ///< senders loaded per store query
};

/// What a refresh() did.
struct RefreshReport {
    int checked = 0;         ///< transport checks made
    int changed = 0;         ///< senders whose state changed
    int expired = 0;         ///< of which by the clock
    int errors = 0;          ///< transport errors (the sender is left as it was)
    std::string first_error; ///< the first of those, for logs
};

/// An outgoing message from a verified sender.
struct OutgoingMessage {
    std::string from;  ///< a sender's address (its alias becomes the display name)
    std::vector<std::string> to;
    std::string subject;
    std::string text;
    std::string html;
    std::string raw;  ///< a whole RFC 5322 message instead of subject/text/html
    std::string account;  ///< empty: the default account
    /// Extra header fields (List-Unsubscribe, List-Id ...), not with `raw`.
    /// Refused (invalid_argument): a name the transport writes itself
    /// (From, To, Subject, Date, Message-ID, MIME-Version, Content-*), a
    /// malformed name, a value with a line break.
    std::vector<std::pair<std::string, std::string>> headers;
};

/// Who a SendGate lets a send reach.
struct GateDecision {
    std::vector<std::string> allowed;     ///< in the order given
    std::vector<std::string> suppressed;  ///< the others, as given
};

/// Consulted by SenderRegistry::send: before a send, whether the account
/// may send at all and which recipients may be mailed; after it, what was
/// sent. The bounce tracker is one (make_send_gate in bounce_tracker.hpp).
/// Called from any thread that sends.
class MAILWARDEN_EXPORT SendGate {
public:
    virtual ~SendGate();
    /// Errors: suspended (the account may not send), io.
    virtual Result<GateDecision, Error> admit(std::string_view account, std::span<const std::string> recipients) = 0;
    virtual Result<Done, Error> sent(std::string_view account, std::string_view message_id,
                                     std::span<const std::string> recipients) = 0;
};

/// What a send through the registry did.
struct SendReceipt {
    std::string message_id;               ///< the transport's id of the message sent
    std::vector<std::string> suppressed;  ///< recipients left out (suppressed)
    /// Set when the send went out but the gate could not record it (the
    /// store failed): the send is then missing from the account's rates.
    std::string record_error;
};

/// Called after a state change, on the thread that made it (the caller of
/// add/refresh/confirm..., or the background refresher's thread).
using StateChangeCallback = std::function<void(const Sender& sender, const SenderHistoryEntry& change)>;

/// The registry of sender channels. Thread-safe.
class MAILWARDEN_EXPORT SenderRegistry {
public:
    SenderRegistry(std::shared_ptr<SenderStore> store, std::shared_ptr<Transport> transport,
                   RegistryOptions options = {}, std::shared_ptr<Clock> clock = system_clock());
    ~SenderRegistry();
    SenderRegistry(const SenderRegistry&) = delete;
    SenderRegistry& operator=(const SenderRegistry&) = delete;

    /// Stores a sender (Pending), then has the transport send the
    /// verification mail: of concurrent adds of one address only the one
    /// stored sends. If the mail cannot be sent the sender stays, Failed with
    /// the reason, and the transport's error is returned. Adding a Failed
    /// sender again makes it Pending and sends a new mail, as resend does.
    /// Errors: invalid_argument (address or alias), already_exists (Pending
    /// or Success), policy (role/no-reply with the reject options), transport.
    Result<Sender, Error> add(std::string_view address, std::string_view alias, std::string_view account = {});
    /// All senders of the account, optionally only those in one state, ordered by creation.
    Result<std::vector<Sender>, Error> list(std::optional<VerificationState> state = std::nullopt,
                                            std::string_view account = {});
    /// One sender; the clock's verdict (expiry) applied. Errors: not_found.
    Result<Sender, Error> get(std::string_view address, std::string_view account = {});
    /// A new verification mail and a new window. Errors: not_found,
    /// invalid_argument (already verified), transport.
    Result<Sender, Error> resend(std::string_view address, std::string_view account = {});
    /// Removes the sender; with delete_identity also at the transport.
    Result<Done, Error> remove(std::string_view address, bool delete_identity, std::string_view account = {});
    /// Polls the transport for pending senders (and verified ones due for a
    /// re-check), applies expiry, records changes.
    Result<RefreshReport, Error> refresh();
    /// The same for the senders with this address only, in every account
    /// (what a verification link's click changes), due or not.
    Result<RefreshReport, Error> refresh_address(std::string_view address);
    /// Sends from a verified sender. With a send gate, suppressed recipients
    /// are left out (and listed in the receipt) and the send is recorded.
    /// Errors: not_found, not_verified, suspended (the account's sending is
    /// suspended), suppressed (every recipient is), transport.
    Result<SendReceipt, Error> send(const OutgoingMessage& message);
    /// The gate every later send() consults (null: none).
    void set_send_gate(std::shared_ptr<SendGate> gate);

    /// Registers a state-change callback; returns an id for unsubscribe().
    int subscribe(StateChangeCallback callback);
    /// Stops deliveries to id; false when id is not subscribed. Outside a
    /// delivery it returns once no delivery to id runs any more; inside one
    /// (a callback unsubscribing) that delivery finishes, and none starts.
    bool unsubscribe(int id);

    /// Runs refresh() every `interval` on a thread of its own until
    /// stop_background_refresh() or destruction. After a round with transport
    /// errors the wait doubles, up to 16 intervals; a clean round resets it.
    /// Must not be called from inside a state-change callback.
    void start_background_refresh(std::chrono::milliseconds interval);
    /// Stops the refresher and waits for a running round; from inside a
    /// state-change callback it only asks it to stop (the round ends by itself).
    void stop_background_refresh();
    /// True while the calling thread runs a state-change callback.
    static bool in_callback();

    const RegistryOptions& options() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace mailwarden
