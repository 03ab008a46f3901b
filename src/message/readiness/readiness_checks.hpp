// The rules of the readiness report and one check per rule. Each check
// fills the status and evidence of the rule the table made.
#pragma once

#include <mailwarden/readiness.hpp>

#include <optional>
#include <string_view>

namespace mailwarden::message_detail {

/// What every check may look at.
struct ReadinessContext {
    const ReadinessInput& input;
    std::string domain;  ///< input.domain lower-cased, without a trailing dot
    dns::Resolver& resolver;
    std::shared_ptr<dns::Resolver> shared_resolver;
    std::optional<dns::IpAddress> ip;         ///< the sending IP, when given
    std::optional<MessageAuthReport> sample;  ///< check_message() of the sample, when given
};

void check_spf(const ReadinessContext& ctx, ReadinessRule& rule);
void check_dkim(const ReadinessContext& ctx, ReadinessRule& rule);
void check_dmarc(const ReadinessContext& ctx, ReadinessRule& rule);
void check_reverse_dns(const ReadinessContext& ctx, ReadinessRule& rule);
void check_one_click_unsubscribe(const ReadinessContext& ctx, ReadinessRule& rule);
void check_complaint_rate(const ReadinessContext& ctx, ReadinessRule& rule);
void check_complaint_rate_recommended(const ReadinessContext& ctx, ReadinessRule& rule);
void check_from_not_provider(const ReadinessContext& ctx, ReadinessRule& rule);
void check_tls(const ReadinessContext& ctx, ReadinessRule& rule);

/// One row of the rules table: who asks for the rule, and its check.
struct RuleSpec {
    std::string_view id;
    std::string_view title;
    std::vector<std::string> providers;
    bool required;
    void (*check)(const ReadinessContext&, ReadinessRule&);
};

/// The rules in report order.
const std::vector<RuleSpec>& rule_table();

/// Sets the outcome of a rule.
inline void settle(ReadinessRule& rule, RuleStatus status, std::string evidence) {
    rule.status = status;
    rule.evidence = std::move(evidence);
}

}  // namespace mailwarden::message_detail
