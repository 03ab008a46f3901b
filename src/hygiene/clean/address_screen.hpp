// The checks of one row that need no network: the address check, the
// disposable and free-mail lists, a typo suggestion, the suppression list
// and the key duplicates are found by.
#pragma once

#include "hygiene/clean/row_source.hpp"

#include <mailwarden/list_clean.hpp>

#include <cstdint>
#include <string>
#include <unordered_set>

namespace mailwarden::hygiene {

struct Screened {
    CleanVerdict verdict;
    std::string lookup_domain;  ///< the domain to look up; empty: none
    std::uint64_t key = 0;      ///< duplicates share it; 0 when unreadable
};

class AddressScreen {
public:
    explicit AddressScreen(const CleanOptions& options);
    Screened screen(InputRow&& row) const;

private:
    AddressChecker checker_;
    bool check_disposable_;
    bool suggest_typos_;
    bool fold_aliases_;
    std::unordered_set<std::string> disposable_allow_;
    std::function<bool(std::string_view)> is_suppressed_;
};

/// Adds `reason` and raises the verdict to at least `at_least`.
void add_reason(CleanVerdict& v, std::string_view reason, AddressVerdict at_least);

/// The key of an address for finding duplicates: the local part in lower
/// case (as the large providers treat it), the domain as normalized; with
/// `fold_aliases`, Gmail's dots and +tags removed too.
std::uint64_t duplicate_key(std::string_view local_part, std::string_view domain, bool fold_aliases);

}  // namespace mailwarden::hygiene
