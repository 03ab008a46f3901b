// Mailing lists kept clean: intake with the list cleaner's checks, double
// opt-in with single-use hashed tokens, the consent log, list mail with
// List-Unsubscribe / List-Unsubscribe-Post (RFC 8058) / List-Id, one-click
// unsubscribe, and purges with a dry run.
//
//   auto lists = mailwarden::SubscriberLists::open(config);
//   (*lists)->create_list("acme", "news", "news@acme.example");
//   (*lists)->subscribe("acme", "news", {.address = "ann@example.org", .ip = "192.0.2.1"});
//   // the person clicks the link: GET -> inspect(token), POST -> confirm(token, ...)
#pragma once

#include <mailwarden/address.hpp>
#include <mailwarden/bounce_tracker.hpp>
#include <mailwarden/dns.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/list_clean.hpp>
#include <mailwarden/result.hpp>
#include <mailwarden/sender.hpp>
#include <mailwarden/subscriber_store.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden {

/// What intake refuses; the rest it accepts and keeps as flags.
struct IntakePolicy {
    IntakePolicy() { address.reject_role = true; }
    /// Role forms (postmaster@, abuse@ ...) refused by default; set
    /// address.reject_role = false to accept them (flagged "role").
    AddressPolicy address;
    bool refuse_disposable = true;
    std::vector<std::string> disposable_allow;  ///< domains never called disposable
    /// Fold Gmail's dots and +tags when looking for duplicates.
    bool fold_provider_aliases = false;
};

struct ListsConfig {
    std::shared_ptr<SubscriberStore> store;     ///< required
    std::shared_ptr<SenderRegistry> registry;   ///< sends confirmation and list mail; required
    std::shared_ptr<BounceTracker> tracker;     ///< suppressions; null: none checked
    std::shared_ptr<dns::Resolver> resolver;    ///< MX checks; null: none
    std::shared_ptr<Clock> clock;               ///< null: the system clock
    IntakePolicy intake;
    std::chrono::seconds confirm_lifetime{48 * 3600};
    /// Where links point: <base>?token=... The host serves them (GET shows,
    /// POST acts).
    std::string confirm_link_base = "https://lists.mailwarden.local/confirm";
    std::string unsubscribe_link_base = "https://lists.mailwarden.local/unsubscribe";
    /// The domain of List-Id (<name.account.domain>) and of the mailto
    /// unsubscribe address (unsubscribe+<token>@domain); empty: no mailto.
    std::string list_id_domain = "lists.mailwarden.local";
};

/// Who is asking to subscribe, and under which notice: the consent log's facts.
struct SubscribeRequest {
    std::string address;
    std::string name;
    std::string source;
    std::string ip;
    std::string user_agent;
    std::string notice_text;
    std::string notice_version;
    /// False: confirmed at once (the host has its own proof of consent);
    /// refused for an address that unsubscribed or was purged.
    bool double_opt_in = true;
};

struct SubscribeOutcome {
    bool accepted = false;
    CleanVerdict check;  ///< what intake found (reasons, domain status)
    /// Why it was refused: an intake reason id ("disposable", "suppressed",
    /// "null_mx", "role", a syntax id ...), "tombstoned" (left the
    /// list before; only double opt-in brings it back), "invalid_field"
    /// (a control character in a field). A confirmed address asking again
    /// is accepted with no mail.
    std::string refused_because;
    std::optional<Subscriber> subscriber;
    std::string confirm_link;  ///< set when a confirmation mail went out
};

/// What a confirmation link is, looked at without using it.
struct TokenPreview {
    MailingList list;
    Subscriber subscriber;
    TimePoint expires_at{};
};

/// The headers every list mail carries for one subscriber.
struct ListHeaders {
    std::string list_unsubscribe;       ///< <https://...?token=...>, <mailto:...>
    std::string list_unsubscribe_post;  ///< "List-Unsubscribe=One-Click"
    std::string list_id;                ///< <name.account.domain>
};

struct ListSendReport {
    std::int64_t sent = 0;
    std::int64_t suppressed = 0;  ///< left out by the bounce tracker
    std::int64_t failed = 0;
    std::string first_error;
};

/// A bulk import: the rows of a CSV file or one address a line, through
/// the same checks as subscribe(). Imported subscribers are confirmed: the
/// importer vouches for consent it already holds, named by `source` and the
/// notice in each one's consent log. Addresses that left are refused.
struct ImportOptions {
    std::string source;  ///< e.g. the file's name
    std::string notice_text;
    std::string notice_version;
    std::string column_name;  ///< the address column (else found as list clean finds it)
    std::optional<std::size_t> column_index;
};

struct ImportRow {
    CleanVerdict check;
    std::string refused_because;  ///< as SubscribeOutcome's; "duplicate" within the file; "already_subscribed"
    bool added = false;
};

struct ImportSummary {
    std::int64_t rows = 0;
    std::int64_t added = 0;
    std::int64_t refused = 0;
    std::vector<std::pair<std::string, std::int64_t>> refused_by_reason;  ///< most frequent first
};

struct PurgePolicy {
    std::optional<int> unconfirmed_days = 30;  ///< pending for longer; nullopt: not purged
    /// Confirmed, at least `min_sends` list mails, and no counting open or
    /// click for this many days; nullopt: not purged.
    std::optional<int> inactive_days;
    int min_sends = 5;
    bool bounced_and_complained = true;  ///< bounced / complained subscribers, and suppressed ones
    bool dry_run = false;
};

struct PurgeCandidate {
    Subscriber subscriber;
    std::string reason;  ///< "unconfirmed", "inactive", "bounced", "complained", "suppressed"
};

struct PurgeReport {
    std::vector<PurgeCandidate> purged;  ///< or that would be, on a dry run
    bool dry_run = false;
};

/// Thread-safe.
class MAILWARDEN_EXPORT SubscriberLists {
public:
    /// Errors: invalid_argument (no store or registry, a lifetime not positive).
    static Result<std::shared_ptr<SubscriberLists>, Error> open(ListsConfig config);
    ~SubscriberLists();

    /// Errors: invalid_argument (empty or control characters in the name,
    /// `from` not an address), already_exists, io.
    Result<MailingList, Error> create_list(std::string_view account, std::string_view name, std::string_view from);
    /// Errors: not_found.
    Result<MailingList, Error> list(std::string_view account, std::string_view name);
    Result<std::vector<MailingList>, Error> lists(std::string_view account);

    /// Checks the address and, when accepted, adds it pending and sends the
    /// confirmation mail (or confirms at once without double opt-in). A
    /// pending subscriber asking again gets a new link. Refusals are an
    /// outcome, not an error. Errors: not_found (list), io, and the
    /// registry's send errors (the subscriber stays pending; resend later).
    Result<SubscribeOutcome, Error> subscribe(std::string_view account, std::string_view list,
                                              const SubscribeRequest& request);
    /// Makes a new confirmation link (the old one stops working) and sends
    /// it. Errors: not_found, invalid_argument (not pending), send errors.
    Result<std::string, Error> resend_confirmation(std::string_view account, std::string_view list,
                                                   std::string_view address);

    /// What a confirmation link or token is, with no side effect (a GET,
    /// which link scanners also make). Errors: invalid_argument (malformed,
    /// unknown or tampered), expired, already_exists (already used).
    Result<TokenPreview, Error> inspect(std::string_view link_or_token);
    /// Uses it (a POST): the subscriber becomes confirmed. Same errors, and
    /// invalid_argument for a control character in ip or user_agent.
    Result<Subscriber, Error> confirm(std::string_view link_or_token, std::string_view ip = {},
                                      std::string_view user_agent = {});

    /// The subscriber's list headers (its own unsubscribe token). Errors:
    /// invalid_argument (the subscriber is not on that list), io.
    Result<ListHeaders, Error> headers_for(const MailingList& list, const Subscriber& subscriber);
    /// One subscriber, by address (folded as intake folds it). Errors: not_found.
    Result<Subscriber, Error> subscriber(std::string_view account, std::string_view list, std::string_view address);
    /// Whom an unsubscribe link or token names, with no side effect.
    /// Errors: invalid_argument (malformed or forged), not_found (purged).
    Result<Subscriber, Error> inspect_unsubscribe(std::string_view link_or_token);
    /// Unsubscribes at once; unsubscribing twice is not an error. `how`:
    /// "one-click", "link", "mailto", "api". Errors as inspect_unsubscribe,
    /// and invalid_argument for a control character in how, ip or user_agent.
    Result<Subscriber, Error> unsubscribe(std::string_view link_or_token, std::string_view how,
                                          std::string_view ip = {}, std::string_view user_agent = {});
    /// Unsubscribes by address (an operator or an API call).
    Result<Subscriber, Error> unsubscribe_address(std::string_view account, std::string_view list,
                                                  std::string_view address, std::string_view how = "api");

    Result<std::vector<Subscriber>, Error> subscribers(std::string_view account, std::string_view list,
                                                       std::optional<SubscriberState> state = std::nullopt);
    Result<std::vector<ConsentEntry>, Error> consent_log(std::string_view account, std::string_view list,
                                                         std::string_view address);

    /// Sends `message` (from, subject, text/html; `to` is ignored) to every
    /// confirmed subscriber, one mail each with its own list headers; the
    /// bounce tracker leaves out suppressed ones. Errors: not_found, and
    /// the registry's refusal of the whole send (suspended, sender not verified).
    Result<ListSendReport, Error> send(std::string_view account, std::string_view list, OutgoingMessage message);

    /// Counts an open or click ("machine" ones — proxy opens, scanner
    /// clicks — are not counted when `machine` is set).
    Result<Done, Error> record_engagement(std::string_view account, std::string_view list, std::string_view address,
                                          SubscriberStore::Engagement what, bool machine = false);

    /// Imports `input` (the whole file); `on_row` (may be null) sees each
    /// row's outcome in input order. Errors: not_found (list),
    /// invalid_argument (a column that is not there), io.
    Result<ImportSummary, Error> import(std::string_view account, std::string_view list, std::string_view input,
                                        const ImportOptions& options,
                                        const std::function<void(const ImportRow&)>& on_row = nullptr);

    Result<PurgeReport, Error> purge(std::string_view account, std::string_view list, const PurgePolicy& policy);

private:
    struct Impl;
    explicit SubscriberLists(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// True when an RFC 8058 POST body says one-click: List-Unsubscribe=One-Click
/// as application/x-www-form-urlencoded or multipart/form-data.
MAILWARDEN_EXPORT bool is_one_click_post(std::string_view content_type, std::string_view body);

MAILWARDEN_EXPORT std::string to_json(const Subscriber& subscriber);
MAILWARDEN_EXPORT std::string to_json(const ConsentEntry& entry);
/// accepted, refused_because, reasons, confirm_link, subscriber (null when refused).
MAILWARDEN_EXPORT std::string to_json(const SubscribeOutcome& outcome);
/// account, name, from, created_at.
MAILWARDEN_EXPORT std::string to_json(const MailingList& list);
/// rows, added, refused, refused_by_reason (an object, most frequent first).
MAILWARDEN_EXPORT std::string to_json(const ImportSummary& summary);
/// dry_run, purged (each address, state, reason).
MAILWARDEN_EXPORT std::string to_json(const PurgeReport& report);

}  // namespace mailwarden
