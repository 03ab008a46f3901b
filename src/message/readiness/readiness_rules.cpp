// The rules table: who asks for what (Gmail's and Yahoo's sender
// requirements of February 2024, Outlook.com's of May 2025).
#include "message/readiness/readiness_checks.hpp"

#include <algorithm>

namespace mailwarden {

std::string_view to_string(RuleStatus status) noexcept {
    switch (status) {
    case RuleStatus::pass: return "pass";
    case RuleStatus::fail: return "fail";
    case RuleStatus::unknown: break;
    }
    return "unknown";
}

bool ReadinessReport::ready() const noexcept {
    return std::none_of(rules.begin(), rules.end(),
                        [](const ReadinessRule& r) { return r.required && r.status == RuleStatus::fail; });
}

const ReadinessRule* ReadinessReport::rule(std::string_view id) const noexcept {
    const auto it = std::find_if(rules.begin(), rules.end(), [&](const ReadinessRule& r) { return r.id == id; });
    return it == rules.end() ? nullptr : &*it;
}

namespace message_detail {

const std::vector<RuleSpec>& rule_table() {
    static const std::vector<RuleSpec> rules{
        {"spf", "SPF record published and passing for the sending IP", {"gmail", "yahoo", "outlook"}, true, check_spf},
        {"dkim", "DKIM signature that passes, with an RSA key of at least 1024 bits", {"gmail", "yahoo", "outlook"}, true,
         check_dkim},
        {"dmarc", "DMARC record (at least p=none) and From aligned with SPF or DKIM", {"gmail", "yahoo", "outlook"}, true,
         check_dmarc},
        {"reverse_dns", "Forward-confirmed reverse DNS of the sending IP", {"gmail", "yahoo"}, true, check_reverse_dns},
        {"one_click_unsubscribe", "One-click unsubscribe (RFC 8058) headers, covered by DKIM", {"gmail", "yahoo"}, true,
         check_one_click_unsubscribe},
        {"complaint_rate", "Spam complaint rate under 0.3 %", {"gmail", "yahoo"}, true, check_complaint_rate},
        {"complaint_rate_recommended", "Spam complaint rate under 0.1 %", {"gmail"}, false, check_complaint_rate_recommended},
        {"from_not_provider", "From is not a mailbox provider's domain", {"gmail", "yahoo", "outlook"}, true,
         check_from_not_provider},
        {"tls", "TLS for the SMTP connection", {"gmail"}, true, check_tls},
    };
    return rules;
}

}  // namespace message_detail

}  // namespace mailwarden
