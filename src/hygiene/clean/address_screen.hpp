// The checks of one row that need no network: the address check, the
// disposable and free-mail lists, a typo suggestion, the suppression list
// and the key duplicates are found by.
#pragma once

#include "hygiene/clean/flat_index.hpp"
#include "hygiene/clean/row_source.hpp"

#include <mailwarden/list_clean.hpp>

#include <cstdint>
#include <string>
#include <optional>
#include <unordered_set>
#include <vector>

namespace mailwarden::hygiene {

struct Screened {
    CleanVerdict verdict;
    std::string lookup_domain;  ///< the domain to look up; empty: none
    std::uint64_t key = 0;      ///< duplicates share it; 0 when unreadable
};

/// Not thread-safe: one screen serves one cleaner's calling thread.
class AddressScreen {
public:
    explicit AddressScreen(const CleanOptions& options);
    Screened screen(InputRow&& row);

private:
    // What the lists say of a domain, worked out once per distinct domain.
    struct DomainFacts {
        bool disposable = false;
        bool free_provider = false;
        std::optional<std::string> suggestion;
    };
    const DomainFacts& facts(std::string_view domain, bool literal);

    AddressChecker checker_;
    bool check_disposable_;
    bool suggest_typos_;
    bool fold_aliases_;
    std::unordered_set<std::string> disposable_allow_;
    std::function<bool(std::string_view)> is_suppressed_;
    FlatIndex fact_index_;            // hash of the domain -> index in facts_
    std::vector<DomainFacts> facts_;
};

/// Adds `reason` and raises the verdict to at least `at_least`.
void add_reason(CleanVerdict& v, std::string_view reason, AddressVerdict at_least);

/// 64-bit FNV-1a of bytes, never 0 (the flat index's empty key).
std::uint64_t hash_of(std::string_view bytes);

/// The form duplicates share: the local part in lower case, the domain as
/// normalized; with `fold_aliases`, Gmail's dots and +tags removed and
/// googlemail.com read as gmail.com.
std::string folded_address(std::string_view local_part, std::string_view domain, bool fold_aliases);

/// The key of an address for finding duplicates: the local part in lower
/// case (as the large providers treat it), the domain as normalized; with
/// `fold_aliases`, Gmail's dots and +tags removed too.
std::uint64_t duplicate_key(std::string_view local_part, std::string_view domain, bool fold_aliases);

}  // namespace mailwarden::hygiene
