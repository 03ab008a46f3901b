// SPF (RFC 7208): the record parser, macro expansion and check_host().
//
// The parser turns a record's text into terms with their positions, or says
// where and why the text is not valid SPF; the domain-authentication report
// uses it to lint published records (lint_record, lint_domain). check_host()
// evaluates a record for a client address against any dns::Resolver, with
// the processing limits of RFC 7208 section 4.6.4. Pure code: the only I/O is
// the resolver's; everything here is safe to call from any thread as long as
// the resolver is.
#pragma once

#include <mailwarden/dns.hpp>
#include <mailwarden/export.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::spf {

using dns::IpAddress;

/// The seven results of check_host() (RFC 7208 section 2.6). Numbers are stable.
enum class Result : int {
    none = 0,       ///< no SPF record, or the domain is not a usable name
    neutral = 1,    ///< the record states nothing about this client
    pass = 2,       ///< the client is authorised
    fail = 3,       ///< the client is not authorised
    softfail = 4,   ///< probably not authorised
    temperror = 5,  ///< a transient DNS failure; a later check may succeed
    permerror = 6,  ///< the published records cannot be interpreted
};

/// "none", "neutral", "pass", "fail", "softfail", "temperror", "permerror".
MAILWARDEN_EXPORT std::string_view to_string(Result result) noexcept;

/// A directive's qualifier; '+' when none is written.
enum class Qualifier : char { pass = '+', fail = '-', softfail = '~', neutral = '?' };

/// The result a matching mechanism with this qualifier gives.
constexpr Result result_of(Qualifier q) noexcept {
    switch (q) {
    case Qualifier::pass: return Result::pass;
    case Qualifier::fail: return Result::fail;
    case Qualifier::softfail: return Result::softfail;
    case Qualifier::neutral: return Result::neutral;
    }
    return Result::neutral;
}

/// What a term is: one of the eight mechanisms or a modifier.
enum class TermType : std::uint8_t {
    all,
    include,
    a,
    mx,
    ptr,
    ip4,
    ip6,
    exists,
    redirect,
    exp,
    unknown_modifier,  ///< name=value with a name RFC 7208 does not define (ignored)
};

/// "all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists", "redirect", "exp", "modifier".
MAILWARDEN_EXPORT std::string_view to_string(TermType type) noexcept;

/// Why a record is not valid SPF. Numbers and ids are stable.
enum class SyntaxError : int {
    none = 0,
    not_spf,                ///< does not begin with "v=spf1" and then a space or the end
    invalid_character,      ///< a byte that is not printable ASCII (terms are separated by spaces only)
    unknown_mechanism,      ///< a term that is neither one of the eight mechanisms nor name=value
    invalid_modifier_name,  ///< "=" after something that is not a name ("1up=x", "=all")
    missing_argument,       ///< include/exists without ":domain", empty domain-spec, bare ip4/ip6, "exp="
    unexpected_argument,    ///< an argument the term does not take: "all:x", "ptr/24", "include:d/24"
    invalid_domain_spec,    ///< a domain-spec that ends neither in a macro nor in "." and a valid top label
    invalid_macro,          ///< "%" not followed by "{", "%", "_" or "-"; a bad letter, digit or delimiter
    invalid_ip4,            ///< not a dotted quad without leading zeros
    invalid_ip6,            ///< not an RFC 4291 address
    invalid_cidr,           ///< a prefix length too long, with a leading zero, or in the wrong form
    duplicate_modifier,     ///< redirect= or exp= more than once
};

/// A stable identifier: "none", "not_spf", "invalid_character", ...
MAILWARDEN_EXPORT std::string_view to_string(SyntaxError error) noexcept;
/// A sentence for people: "unknown mechanism", ...
MAILWARDEN_EXPORT std::string_view message(SyntaxError error) noexcept;

/// One term of a record. Views point into the text given to parse_record().
struct Term {
    TermType type = TermType::all;
    Qualifier qualifier = Qualifier::pass;
    bool explicit_qualifier = false;  ///< the qualifier was written ("+all" rather than "all")
    std::uint32_t offset = 0;         ///< of the term (its qualifier included) in the record text
    std::string_view text;            ///< the term as written
    std::string_view name;            ///< mechanism or modifier name as written ("include", "MX", "moo.cow")
    /// include, a, mx, ptr, exists, redirect, exp: the domain-spec; ip4, ip6:
    /// the network; unknown modifiers: the macro-string. As written, without
    /// the prefix lengths; empty when absent ("a", "mx", "ptr").
    std::string_view value;
    IpAddress network;          ///< ip4, ip6
    std::uint8_t cidr4 = 32;    ///< a, mx, ip4: IPv4 prefix length
    std::uint8_t cidr6 = 128;   ///< a, mx, ip6: IPv6 prefix length

    bool is_mechanism() const noexcept { return type <= TermType::exists; }
    bool is_modifier() const noexcept { return !is_mechanism(); }
    /// include, a, mx, ptr, exists and redirect count against the limit of
    /// ten DNS-querying terms (RFC 7208 section 4.6.4).
    bool counts_lookup() const noexcept {
        return type == TermType::include || type == TermType::a || type == TermType::mx ||
               type == TermType::ptr || type == TermType::exists || type == TermType::redirect;
    }
    /// The value holds a macro ("%{...}", "%%", "%_" or "%-").
    bool has_macro() const noexcept { return value.find('%') != std::string_view::npos; }
};

/// A parsed record: its terms in order, or where and why it is invalid. The
/// views in `terms` point into the text given to parse_record(), which must
/// outlive them.
struct Record {
    std::vector<Term> terms;        ///< every term, modifiers included, in record order
    int redirect = -1;              ///< index in `terms` of redirect=, -1 when absent
    int exp = -1;                   ///< index in `terms` of exp=, -1 when absent
    SyntaxError error = SyntaxError::none;
    std::uint32_t error_offset = 0;  ///< where the offending term (or byte) starts in the text
    std::uint32_t error_length = 0;  ///< its length

    bool ok() const noexcept { return error == SyntaxError::none; }
    const Term* redirect_term() const noexcept { return redirect < 0 ? nullptr : &terms[static_cast<std::size_t>(redirect)]; }
    const Term* exp_term() const noexcept { return exp < 0 ? nullptr : &terms[static_cast<std::size_t>(exp)]; }
};

/// True when `text` is an SPF version 1 record: "v=spf1" in any case, then a
/// space or the end ("v=spf10" is not). This is how a record is picked out of
/// a domain's TXT records (RFC 7208 section 4.5).
MAILWARDEN_EXPORT bool is_spf_record(std::string_view text) noexcept;

/// Parses a whole record per the ABNF of RFC 7208 (sections 4.6, 5, 6, 7.1).
/// Every term is checked, so an error anywhere is found; on error, `terms`
/// holds the terms before it. Never throws on any input (only bad_alloc).
MAILWARDEN_EXPORT Record parse_record(std::string_view text);
/// The same, reusing `out`'s storage.
MAILWARDEN_EXPORT void parse_record(std::string_view text, Record& out);

/// Where a macro-string is used: the letters c, r and t are allowed only in
/// explanation text, which may also contain spaces.
enum class MacroUse : std::uint8_t { domain, explanation };

/// Checks macro-string syntax (RFC 7208 section 7.1). Returns SyntaxError::none
/// or invalid_macro (invalid_character for a byte outside printable ASCII);
/// `error_offset`, when given, receives the offending position.
MAILWARDEN_EXPORT SyntaxError check_macro_string(std::string_view text, MacroUse use,
                                                 std::size_t* error_offset = nullptr) noexcept;

/// True when `spec` is a valid domain-spec: a macro-string ending in a macro
/// or in "." and a top label (RFC 7208 section 7.1), optionally with a final dot.
MAILWARDEN_EXPORT bool is_domain_spec(std::string_view spec) noexcept;

/// What macros expand to (RFC 7208 section 7.3).
struct MacroValues {
    std::string_view sender;                      ///< s: <sender>
    std::string_view local_part;                  ///< l
    std::string_view sender_domain;               ///< o
    std::string_view domain;                      ///< d: the current domain
    IpAddress ip;                                 ///< i, c, v
    std::string_view helo;                        ///< h
    std::string_view receiver = "unknown";        ///< r
    std::int64_t timestamp = 0;                   ///< t
    /// p: the validated host name of `ip`. When `lookup_p` is set it is called,
    /// at most once per expansion, the first time %{p} is met, and its answer
    /// is used instead (check_host() looks the name up only if needed).
    std::string_view validated_name = "unknown";
    std::string_view (*lookup_p)(void* context) = nullptr;
    void* lookup_p_context = nullptr;
};

/// Expands a macro-string into `out` (replacing its content). Upper-case
/// letters are URL-escaped, transformers and delimiters applied. For
/// MacroUse::domain, a final dot is dropped and a result longer than 253
/// octets loses labels on the left until it fits. Returns SyntaxError::none,
/// or the syntax error (and `out` is unspecified).
MAILWARDEN_EXPORT SyntaxError expand_macros(std::string_view text, MacroUse use, const MacroValues& values,
                                            std::string& out);

/// One check_host() question.
struct SpfRequest {
    IpAddress ip;          ///< the SMTP client; an IPv4-mapped IPv6 address is treated as IPv4
    /// MAIL FROM (the reverse-path without angle brackets). Empty for the null
    /// sender: then the HELO identity is checked, as postmaster@<helo>.
    std::string sender;
    std::string helo;      ///< the HELO/EHLO name
    std::string receiver;  ///< this host's name, for %{r} in explanations; empty: "unknown"
};

/// Limits and behaviour. The defaults are those RFC 7208 recommends.
struct SpfOptions {
    unsigned max_dns_lookups = 10;    ///< include a mx ptr exists redirect terms per check
    unsigned max_void_lookups = 2;    ///< terms whose query found nothing (NXDOMAIN or no records)
    unsigned max_mx_names = 10;       ///< more MX records than this: permerror
    unsigned max_ptr_names = 10;      ///< PTR names looked at, the rest ignored
    /// Explanation for a fail when the record has no usable exp=; a
    /// macro-string (it may use any macro letter).
    std::string default_explanation = "%{i} is not one of %{d}'s designated mail servers";
    /// Wall-clock budget for one check (RFC 7208 section 4.6.4 asks for at
    /// least 20 s); once spent, no further query is sent and the result is
    /// temperror. Zero: no limit.
    std::chrono::milliseconds time_limit{20000};
    bool explanation = true;          ///< look up exp= on fail; false: leave the explanation empty
    bool trace = false;               ///< fill SpfOutcome::trace
    /// %{t}; when unset, the system clock at the time of the check.
    std::optional<std::int64_t> timestamp;
};

/// One step of an evaluation, for diagnostics.
struct SpfTraceStep {
    unsigned depth = 0;    ///< 0 for the checked domain's record, one more inside each include
    std::string domain;    ///< whose record
    std::string term;      ///< the term as written; empty for the record itself
    std::string note;      ///< what happened: the record text, "match", "no match", "void lookup" ...
};

/// The answer to a check_host() question.
struct SpfOutcome {
    Result result = Result::none;
    std::string domain;            ///< the domain checked (the sender's, or the HELO name)
    std::string explanation;       ///< fail only: the exp= text, or the default explanation
    /// The mechanism that gave the result, as written ("-all",
    /// "include:_spf.example.net"), and the domain whose record holds it.
    /// Empty when no mechanism did (none, the neutral default, errors).
    std::string matched_term;
    std::string matched_domain;
    std::string problem;           ///< none, temperror, permerror: why, in words
    SyntaxError syntax_error = SyntaxError::none;  ///< a permerror caused by a record's syntax
    unsigned dns_lookups = 0;      ///< terms counted against max_dns_lookups
    unsigned void_lookups = 0;     ///< terms counted against max_void_lookups
    unsigned dns_queries = 0;      ///< every query sent to the resolver, exp= included
    std::vector<SpfTraceStep> trace;  ///< with SpfOptions::trace
};

/// RFC 7208 check_host() for the sender's domain (or the HELO name when the
/// sender is empty). Never throws but bad_alloc; every failure is a result.
MAILWARDEN_EXPORT SpfOutcome check_host(dns::Resolver& resolver, const SpfRequest& request,
                                        const SpfOptions& options = {});
/// The same, reusing `out`'s storage.
MAILWARDEN_EXPORT void check_host(dns::Resolver& resolver, const SpfRequest& request, const SpfOptions& options,
                                  SpfOutcome& out);

/// A resolver and options bound together. Thread-safe if the resolver is.
/// Without a resolver (null), every check gives temperror.
class MAILWARDEN_EXPORT SpfChecker {
public:
    explicit SpfChecker(std::shared_ptr<dns::Resolver> resolver, SpfOptions options = {});

    SpfOutcome check(const SpfRequest& request) const;
    void check(const SpfRequest& request, SpfOutcome& out) const;
    const SpfOptions& options() const noexcept { return options_; }

private:
    std::shared_ptr<dns::Resolver> resolver_;
    SpfOptions options_;
};

/// Things worth telling the owner of a published record.
enum class LintKind : int {
    no_record = 0,         ///< the domain publishes no SPF record
    multiple_records,      ///< more than one v=spf1 TXT record: every check gives permerror
    syntax_error,          ///< the record does not parse (detail in the message, position in offset)
    dns_error,             ///< a lookup failed temporarily; the figures may be incomplete
    pass_all,              ///< "+all" (or "all"): anyone may send
    neutral_all,           ///< "?all": the record authorises nobody in particular
    no_all,                ///< neither "all" nor redirect=: the default result is neutral
    ptr_used,              ///< "ptr" is slow and discouraged (RFC 7208 section 5.5)
    terms_after_all,       ///< mechanisms after "all" are never reached
    redirect_ignored,      ///< redirect= together with "all" has no effect
    too_many_lookups,      ///< more than ten DNS-querying terms through includes and redirects
    include_loop,          ///< an include or redirect chain returns to a domain already visited
    include_without_record,///< an include or redirect target has no SPF record: permerror
    void_target,           ///< an a/mx/exists target does not resolve (counts toward the void limit)
    macro_target,          ///< a target uses macros; it cannot be followed without a message
    unknown_modifier,      ///< a modifier RFC 7208 does not define (ignored by receivers)
};

/// "no_record", "multiple_records", ...
MAILWARDEN_EXPORT std::string_view to_string(LintKind kind) noexcept;

struct LintFinding {
    LintKind kind = LintKind::no_record;
    std::string domain;     ///< whose record
    std::string term;       ///< the term concerned, as written; empty for the record as a whole
    std::uint32_t offset = 0;  ///< of the term in that record
    std::string message;
};

/// What a static walk of a domain's SPF records found.
struct SpfLint {
    std::string domain;
    std::string record;           ///< the domain's SPF record; empty when there is none
    /// DNS-querying terms reachable from the record, through every include
    /// and the redirect (an upper bound of what one check may spend).
    unsigned dns_lookups = 0;
    unsigned void_lookups = 0;    ///< a/mx/exists targets (without macros) that do not resolve
    std::vector<std::string> includes;  ///< domains included or redirected to, in visiting order
    std::vector<LintFinding> findings;

    bool has(LintKind kind) const noexcept {
        for (const auto& f : findings)
            if (f.kind == kind) return true;
        return false;
    }
};

/// Lints one record's text without DNS: syntax, all/ptr/modifier findings
/// and the DNS-querying terms of this record alone.
MAILWARDEN_EXPORT SpfLint lint_record(std::string_view record, std::string_view domain = {});
/// Fetches the domain's record and follows includes and redirect (each domain
/// once), counting DNS-querying terms the way a check would at worst.
MAILWARDEN_EXPORT SpfLint lint_domain(dns::Resolver& resolver, std::string_view domain,
                                      const SpfOptions& options = {});

}  // namespace mailwarden::spf
