// Cleaning an address list before it is used: each row of a CSV file (or
// one address a line) gets a verdict — valid, risky or invalid — and the
// reasons for it: the address check (syntax, IDNA, role and no-reply
// forms), disposable and free-mail domains, a typo suggestion, duplicates,
// the domain's mail records looked up in DNS (each distinct domain once,
// concurrently), and optionally the suppression list. Verdicts come out in
// input order while the input streams in.
//
//   auto cleaner = mailwarden::ListCleaner::create(options, [](const CleanVerdict& v) { ... });
//   (*cleaner)->feed(chunk); ...; auto stats = (*cleaner)->finish();
#pragma once

#include <mailwarden/address.hpp>
#include <mailwarden/dns.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/result.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden {

/// What a domain's DNS says about receiving mail (RFC 5321 section 5.1,
/// RFC 7505).
enum class MailDomainStatus : int {
    not_checked = 0,  ///< no lookup was made (no resolver, or the address is invalid)
    accepts_mail,     ///< at least one MX that is not a null MX
    implicit_mx,      ///< no MX, but an A or AAAA record: mail goes there
    null_mx,          ///< the domain says it accepts no mail (MX 0 ".")
    no_mail_domain,   ///< NXDOMAIN, or neither MX nor A/AAAA
    unknown,          ///< a temporary failure after the resolver's retries
};

/// "not_checked", "accepts_mail", "implicit_mx", "null_mx", "no_mail_domain", "unknown".
MAILWARDEN_EXPORT std::string_view to_string(MailDomainStatus status) noexcept;

struct CleanOptions {
    /// What the address check accepts; role and no-reply forms are risky
    /// unless the policy makes them invalid.
    AddressPolicy address_policy;
    /// Where domains are looked up; null: no DNS checks (not_checked).
    std::shared_ptr<dns::Resolver> resolver;
    bool check_disposable = true;
    /// Domains never called disposable (lower-case ASCII).
    std::vector<std::string> disposable_allow;
    bool suggest_typos = true;
    /// Fold Gmail's dots and +tags when looking for duplicates (off: only
    /// case is folded, as the large providers treat local parts).
    bool fold_provider_aliases = false;
    /// True when an address (normalized) is suppressed; empty: not checked.
    std::function<bool(std::string_view address)> is_suppressed;

    enum class Input { automatic, csv, lines };
    /// automatic: CSV when the first line holds the delimiter or a quote,
    /// else one address a line (taken whole, quotes and all; a first line
    /// that is a header name below is the header).
    Input input = Input::automatic;
    char delimiter = ',';
    /// The address column of a CSV file: by header name (case-insensitive)
    /// or 0-based index (wins). Neither: the header's "email", "e-mail",
    /// "email_address", "emailaddress", "mail" or "address" column, else
    /// the first column that holds an "@" in the first row, which is then data.
    std::string column_name;
    std::optional<std::size_t> column_index;
    /// Rows kept waiting for their domain's answer before feed() blocks.
    std::size_t max_pending_rows = 65536;
};

/// One row's verdict.
struct CleanVerdict {
    std::size_t row = 0;   ///< data row, from 1 (a header is not counted)
    std::size_t line = 0;  ///< the input line it starts on, from 1
    std::string input;     ///< the address field as read
    std::string address;   ///< normalized (domain in A-labels, lower case); empty when unreadable
    AddressVerdict verdict = AddressVerdict::invalid;
    /// Ids, in the order found: the address check's reason ids for syntax,
    /// "role", "noreply", "special_use", "disposable", "free_provider",
    /// "no_mail_domain", "null_mx", "implicit_mx", "dns_unknown",
    /// "suppressed", "duplicate", "typo_suggestion", "malformed_row".
    std::vector<std::string> reasons;
    /// Of them, the one that made the verdict invalid (the first such);
    /// empty unless invalid.
    std::string invalid_because;
    std::optional<std::size_t> duplicate_of;  ///< the row of the first occurrence
    std::string suggestion;                   ///< with typo_suggestion: the address meant, perhaps
    MailDomainStatus domain = MailDomainStatus::not_checked;
};

struct CleanStats {
    std::uint64_t rows = 0;
    std::uint64_t valid = 0;
    std::uint64_t risky = 0;
    std::uint64_t invalid = 0;
    std::uint64_t duplicates = 0;
    std::uint64_t domains = 0;         ///< distinct domains seen
    std::uint64_t domains_looked_up = 0;  ///< of them, answered by DNS so far
};

/// Called with each verdict, in input order, on the thread that calls
/// feed() or finish().
using CleanSink = std::function<void(const CleanVerdict&)>;

/// Cleans one list. feed() and finish() are called from one thread; stats()
/// from any. Duplicates are found by a 64-bit hash of the folded address
/// (a false match is about one in 10^7 for a list of a million rows).
class MAILWARDEN_EXPORT ListCleaner {
public:
    /// Errors: invalid_argument (an empty delimiter or one that is a quote
    /// or line end, max_pending_rows 0).
    static Result<std::unique_ptr<ListCleaner>, Error> create(CleanOptions options, CleanSink sink);
    ~ListCleaner();
    ListCleaner(const ListCleaner&) = delete;
    ListCleaner& operator=(const ListCleaner&) = delete;

    /// Reads more input; verdicts that are complete go to the sink. Blocks
    /// while max_pending_rows rows wait for DNS.
    void feed(std::string_view bytes);
    /// The input has ended: waits for every lookup, delivers the rest.
    CleanStats finish();
    /// The counts so far (thread-safe).
    CleanStats stats() const;
    /// The CSV header row, once read (empty for one address a line).
    const std::vector<std::string>& header() const noexcept;
    /// Set when the input cannot be read as asked (a column name that is
    /// not in the header): no verdict is given then.
    const std::optional<std::string>& input_error() const noexcept;

private:
    struct Impl;
    explicit ListCleaner(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// One JSON object: input, address, verdict, reasons, duplicate_of (null
/// when not a duplicate), suggestion (null when none), row, domain.
MAILWARDEN_EXPORT std::string to_json(const CleanVerdict& verdict);

}  // namespace mailwarden
