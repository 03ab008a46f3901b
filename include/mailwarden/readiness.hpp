// The bulk-sender readiness report of a sending domain: each rule of Gmail's
// and Yahoo's 2024 sender requirements and Outlook.com's May 2025 rules as
// pass / fail / unknown with its evidence, from DNS and, when given, one
// sample message with its connection and the account's rates.
//
//   mailwarden::ReadinessInput in{.domain = "example.org"};
//   in.sample = raw_message;
//   in.connection = {.client_ip = "192.0.2.1", .mail_from = "bounce@example.org"};
//   auto report = mailwarden::check_readiness(in, resolver);
//   if (!report->ready()) std::cout << mailwarden::to_json(*report);
#pragma once

#include <mailwarden/bounce_tracker.hpp>
#include <mailwarden/clock.hpp>
#include <mailwarden/dns.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/message_auth.hpp>
#include <mailwarden/result.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden {

struct ReadinessInput {
    std::string domain;                 ///< the sending (From) domain
    std::optional<std::string> sample;  ///< one message as sent (RFC 5322), DKIM-signed
    ConnectionFacts connection;         ///< the sending IP (SPF, reverse DNS) and MAIL FROM; each may be empty
    std::optional<AccountStats> stats;  ///< the bounce tracker's figures for the account
    std::shared_ptr<Clock> clock;       ///< for the sample's DKIM t= and x=; null: the system clock
};

enum class RuleStatus : int { pass = 0, fail = 1, unknown = 2 };
/// "pass", "fail", "unknown".
MAILWARDEN_EXPORT std::string_view to_string(RuleStatus status) noexcept;

struct ReadinessRule {
    std::string id;     ///< stable: "spf", "dkim", "dmarc", "reverse_dns", "one_click_unsubscribe", ...
    std::string title;  ///< one line for people
    std::vector<std::string> providers;  ///< who asks for it: "gmail", "yahoo", "outlook"
    bool required = true;                ///< false: recommended only
    RuleStatus status = RuleStatus::unknown;
    std::string evidence;                ///< what was seen, in one or two sentences
};

struct MAILWARDEN_EXPORT ReadinessReport {
    std::string domain;
    std::vector<ReadinessRule> rules;  ///< in a fixed order (docs/message-auth.md)

    /// No required rule fails (unknown ones do not count against it).
    bool ready() const noexcept;
    /// The rule of that id; null when there is none.
    const ReadinessRule* rule(std::string_view id) const noexcept;
};

/// Builds the report, querying `resolver` (SPF and DMARC records, DKIM keys,
/// PTR and A/AAAA). DNS failures make a rule unknown, not an error.
/// Errors: invalid_argument (an empty domain or sample, a client_ip that is
/// not an address), out_of_range (a sample over 64 MiB).
MAILWARDEN_EXPORT Result<ReadinessReport, Error> check_readiness(const ReadinessInput& input,
                                                                 std::shared_ptr<dns::Resolver> resolver);

/// One JSON object: domain, ready, rules [{id, title, providers, required,
/// status, evidence}].
MAILWARDEN_EXPORT std::string to_json(const ReadinessReport& report);

}  // namespace mailwarden
