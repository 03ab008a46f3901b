// Intake: whether an address may join a list, by the list cleaner's checks
// (one row: address check, disposable and free-mail lists, the suppression
// list, the domain's mail records) and the intake policy.
#pragma once

#include <mailwarden/subscriber_lists.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::hygiene {

struct IntakeVerdict {
    CleanVerdict check;
    std::string refused_because;     ///< empty: accepted
    std::string fold_key;            ///< what duplicates share; empty when unreadable
    std::vector<std::string> flags;  ///< the findings kept with an accepted subscriber
};

/// The cleaner's options for intake under `policy`.
CleanOptions intake_clean_options(const IntakePolicy& policy, std::shared_ptr<dns::Resolver> resolver,
                                  std::function<bool(std::string_view)> is_suppressed);

/// Applies the intake policy to a cleaner's verdict.
IntakeVerdict judge_intake(const IntakePolicy& policy, CleanVerdict check);

/// Checks one address (blocks for its DNS lookups).
IntakeVerdict check_intake(const IntakePolicy& policy, std::shared_ptr<dns::Resolver> resolver,
                           std::function<bool(std::string_view)> is_suppressed, std::string_view address);

/// The fold key of a normalized address (local@domain).
std::string fold_key_of(std::string_view normalized_address, bool fold_provider_aliases);

/// True when the text holds a control character (C0, DEL), CR and LF included.
bool has_control_character(std::string_view text) noexcept;

}  // namespace mailwarden::hygiene
