// A received message's authentication, as a mailbox provider's "Show
// original" shows it: every DKIM signature (RFC 6376, RFC 8463, RFC 8301),
// SPF for the connection facts given (RFC 7208), DMARC for the From domain
// (RFC 9989, or RFC 7489 as a switch), the ARC chain (RFC 8617), the
// Authentication-Results fields already on the message (RFC 8601), and our
// own result rendered as one.
//
//   mailwarden::MessageCheckOptions options;
//   options.resolver = resolver;
//   auto report = mailwarden::check_message(raw, {.client_ip = "192.0.2.1", .mail_from = "a@example.org"}, options);
//   std::cout << report->summary << '\n';   // "SPF PASS ... DKIM PASS ... DMARC PASS"
#pragma once

#include <mailwarden/clock.hpp>
#include <mailwarden/dns.hpp>
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

/// What the receiving server knew of the connection; each may be empty.
struct ConnectionFacts {
    std::string client_ip;  ///< the SMTP client's address; empty: SPF is not checked
    std::string helo;       ///< the HELO/EHLO name
    std::string mail_from;  ///< the reverse-path, without angle brackets; empty for the null sender
};

enum class DmarcMode {
    rfc9989,  ///< the DNS tree walk of RFC 9989 finds the policy and the organizational domain
    rfc7489,  ///< the public suffix list finds the organizational domain (RFC 7489)
};

struct MessageCheckOptions {
    /// Where DKIM keys, SPF and DMARC records are looked up; null: nothing
    /// is looked up (DKIM and DMARC give temperror, SPF is not checked).
    std::shared_ptr<dns::Resolver> resolver;
    /// For DKIM's t= and x=; null: the system clock.
    std::shared_ptr<Clock> clock;
    std::size_t max_signatures = 10;                       ///< DKIM signatures verified per message
    std::uint64_t max_body_bytes = std::uint64_t{64} << 20;  ///< canonical body bytes hashed per signature
    bool allow_sha1 = false;  ///< rsa-sha1 signatures pass instead of "policy" (RFC 8301)
    DmarcMode dmarc_mode = DmarcMode::rfc9989;
    /// The authserv-id of our own Authentication-Results field.
    std::string authserv_id = "mailwarden";
};

/// One DKIM-Signature field's outcome.
struct DkimCheck {
    std::string result;  ///< "pass", "fail", "neutral", "policy", "permerror", "temperror"
    std::string reason;  ///< a stable id: "none", "body_hash_mismatch", "key_revoked" ... (docs/message-auth.md)
    std::string detail;  ///< one sentence for people; empty on a plain pass
    std::string domain;            ///< d=
    std::string selector;          ///< s=
    std::string algorithm;         ///< a=
    std::string canonicalization;  ///< c=
    std::string identity;          ///< i=, or "@" + d=
    std::vector<std::string> signed_headers;  ///< h=
    unsigned key_bits = 0;                    ///< 0 when no key was read
    bool key_testing = false;                 ///< the key record says t=y
    std::string body_hash_expected;           ///< bh=
    std::string body_hash_computed;           ///< empty when the body was not hashed
};

/// SPF for the connection facts (RFC 7208 check_host()).
struct SpfCheck {
    std::string result;       ///< "pass", "fail", "softfail", "neutral", "none", "temperror", "permerror"
    std::string domain;       ///< the domain checked: MAIL FROM's, or the HELO name for the null sender
    std::string scope;        ///< "mailfrom" or "helo"
    std::string explanation;  ///< fail: the domain's explanation; errors: what went wrong
};

/// One result of an Authentication-Results field (RFC 8601 resinfo).
struct AuthResult {
    std::string method;   ///< "spf", "dkim", "dmarc", "arc" ...
    std::string result;   ///< lower case
    std::string reason;   ///< reason=, when given
    std::vector<std::pair<std::string, std::string>> properties;  ///< "smtp.mailfrom" -> "example.org" ...
    std::string comment;  ///< the comments after the result, joined
};

/// One Authentication-Results field found on the message, top first.
struct AuthResultsField {
    std::string authserv_id;  ///< empty when the field left it out
    std::vector<AuthResult> results;
    std::string unparsed;     ///< what could not be read, kept
};

/// The message's authentication.
struct MessageAuthReport {
    std::string from_domain;  ///< the RFC 5322 From domain (A-labels); empty when it cannot be read
    std::vector<DkimCheck> dkim;  ///< every signature, top first
    std::optional<SpfCheck> spf;  ///< unset when no client IP was given
    std::string dmarc_result;     ///< "pass", "fail", "none", "temperror", "permerror"
    std::string dmarc_reason;     ///< why, in one sentence
    /// When the From domain cannot be read: "no_from", "multiple_from",
    /// "multiple_addresses", "unparseable_from" (DMARC is then permerror); else empty.
    std::string from_problem;
    std::string dmarc_policy;     ///< the published policy for the From domain: "none", "quarantine", "reject"; empty when no record applies
    std::string dmarc_disposition;  ///< what that policy asks for this message: "none" unless DMARC fails
    std::string dmarc_record_domain;  ///< where the record was found
    std::string organizational_domain;
    bool spf_aligned = false;
    bool dkim_aligned = false;
    std::string arc_result;  ///< "none", "pass", "fail": the ARC chain validation status cv (RFC 8617)
    /// Why: "none" on pass, "no_arc", "structure_instance", "structure_duplicate",
    /// "structure_incomplete", "too_many", "cv_fail", "instance_gap",
    /// "structure_cv", "ams_fail", "as_fail" (docs/message-auth.md).
    std::string arc_reason;
    int arc_hops = 0;         ///< ARC sets on the message
    /// RFC 8617 "oldest-pass": the lowest instance whose ARC-Message-Signature
    /// verifies when an older one does not; 0 when all verify or cv is not pass.
    int arc_oldest_pass = 0;
    std::vector<AuthResultsField> authentication_results;  ///< already on the message
    std::string our_authentication_results;  ///< our result as one Authentication-Results field value
    /// "SPF: PASS with IP 192.0.2.1 (example.org); DKIM: PASS with domain
    /// example.org; DMARC: PASS" — in the style of "Show original".
    std::string summary;
};

/// Checks `raw` (RFC 5322, CRLF or LF line ends). DNS failures are results
/// (temperror), not errors. Errors: invalid_argument (an empty message, a
/// client_ip that is not an address), out_of_range (a message over 64 MiB).
MAILWARDEN_EXPORT Result<MessageAuthReport, Error> check_message(std::string_view raw, const ConnectionFacts& facts,
                                                                 const MessageCheckOptions& options);

/// One JSON object: from_domain, spf {result, domain, scope, explanation} or
/// null, dkim [{domain, selector, algorithm, result, reason, detail,
/// key_bits, signed_headers}], dmarc {result, reason, from_problem, policy, domain,
/// organizational_domain, spf_aligned, dkim_aligned}, arc {result, reason,
/// hops, oldest_pass}, authentication_results [{authserv_id, results [{method, result, reason,
/// properties}], unparsed}], our_authentication_results, summary.
MAILWARDEN_EXPORT std::string to_json(const MessageAuthReport& report);

}  // namespace mailwarden
