#include "hygiene/subscribers/intake.hpp"

#include "hygiene/clean/address_screen.hpp"

#include <algorithm>

namespace mailwarden::hygiene {

namespace {

bool has(const std::vector<std::string>& reasons, std::string_view id) {
    return std::find(reasons.begin(), reasons.end(), id) != reasons.end();
}

// Why intake refuses an invalid address: what made it invalid, or a
// disposable domain found before that when the policy refuses those.
std::string refusal(const IntakePolicy& policy, const CleanVerdict& check) {
    for (const std::string& r : check.reasons)
        if (r == check.invalid_because || (r == "disposable" && policy.refuse_disposable)) return r;
    return check.reasons.empty() ? "invalid" : check.reasons.front();
}

}  // namespace

CleanOptions intake_clean_options(const IntakePolicy& policy, std::shared_ptr<dns::Resolver> resolver,
                                  std::function<bool(std::string_view)> is_suppressed) {
    CleanOptions options;
    options.address_policy = policy.address;
    options.resolver = std::move(resolver);
    options.disposable_allow = policy.disposable_allow;
    options.fold_provider_aliases = policy.fold_provider_aliases;
    options.is_suppressed = std::move(is_suppressed);
    options.input = CleanOptions::Input::lines;
    return options;
}

IntakeVerdict judge_intake(const IntakePolicy& policy, CleanVerdict check) {
    IntakeVerdict out;
    if (check.verdict == AddressVerdict::invalid) {
        out.refused_because = refusal(policy, check);
    } else if (policy.refuse_disposable && has(check.reasons, "disposable")) {
        out.refused_because = "disposable";
    } else {
        out.flags = check.reasons;
        out.fold_key = fold_key_of(check.address, policy.fold_provider_aliases);
    }
    out.check = std::move(check);
    return out;
}

IntakeVerdict check_intake(const IntakePolicy& policy, std::shared_ptr<dns::Resolver> resolver,
                           std::function<bool(std::string_view)> is_suppressed, std::string_view address) {
    std::optional<CleanVerdict> verdict;
    auto cleaner = ListCleaner::create(intake_clean_options(policy, std::move(resolver), std::move(is_suppressed)),
                                       [&verdict](const CleanVerdict& v) { verdict = v; });
    if (cleaner) {
        (*cleaner)->feed(address);
        (*cleaner)->feed("\n");
        (*cleaner)->finish();
    }
    if (!verdict) {  // an empty address gives no row
        CleanVerdict empty;
        empty.reasons.emplace_back("empty");
        verdict = std::move(empty);
    }
    return judge_intake(policy, std::move(*verdict));
}

std::string fold_key_of(std::string_view normalized_address, bool fold_provider_aliases) {
    const auto at = normalized_address.rfind('@');
    if (at == std::string_view::npos) return std::string(normalized_address);
    return folded_address(normalized_address.substr(0, at), normalized_address.substr(at + 1), fold_provider_aliases);
}

bool has_control_character(std::string_view text) noexcept {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

}  // namespace mailwarden::hygiene
