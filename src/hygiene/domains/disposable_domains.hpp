// Disposable (throw-away) address domains: the embedded CC0 list of the
// disposable-email-domains project (disposable/SOURCE.md).
#pragma once

#include <string_view>

namespace mailwarden::hygiene {

/// True when `domain` (lower-case ASCII, A-labels) or one of its parents
/// down to its registrable domain (public suffix list) is on the list:
/// x.mailinator.com is disposable because mailinator.com is. Thread-safe;
/// the list is indexed on first use.
bool is_disposable_domain(std::string_view domain);

/// The embedded list's date and commit ("2026-08-21 a645893").
std::string_view disposable_list_version() noexcept;

/// How many domains the list holds.
std::size_t disposable_list_size();

}  // namespace mailwarden::hygiene
