// The stable names of the tracker's enums, as JSON and mwctl show them.
#include <mailwarden/bounce_tracker.hpp>

namespace mailwarden {

std::string_view to_string(AccountStatus s) noexcept {
    switch (s) {
    case AccountStatus::active: return "active";
    case AccountStatus::warning: return "warning";
    case AccountStatus::suspended: return "suspended";
    }
    return "active";
}

std::string_view to_string(SuppressionReason r) noexcept {
    switch (r) {
    case SuppressionReason::bounce: return "bounce";
    case SuppressionReason::complaint: return "complaint";
    case SuppressionReason::manual: return "manual";
    }
    return "manual";
}

std::optional<AccountStatus> account_status_from_string(std::string_view s) noexcept {
    for (const auto v : {AccountStatus::active, AccountStatus::warning, AccountStatus::suspended})
        if (to_string(v) == s) return v;
    return std::nullopt;
}

std::optional<SuppressionReason> suppression_reason_from_string(std::string_view s) noexcept {
    for (const auto v : {SuppressionReason::bounce, SuppressionReason::complaint, SuppressionReason::manual})
        if (to_string(v) == s) return v;
    return std::nullopt;
}

}  // namespace mailwarden
