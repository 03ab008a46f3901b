// Where a From domain's DMARC record is and what its organizational domain
// is: the DNS tree walk of RFC 9989 4.10, or RFC 7489's public-suffix way.
#pragma once

#include "message/dkim/key_lookup.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::message_detail {

enum class DmarcMode { rfc9989, rfc7489 };

/// The one DMARC record published at a domain.
struct FoundRecord {
    std::string domain;  ///< without "_dmarc."
    std::string text;
    char psd = 'u';      ///< its psd= ('u' when absent or unreadable)
};

struct TreeWalk {
    std::vector<FoundRecord> found;     ///< longest name first
    std::vector<std::string> queried;   ///< the domains asked, in order
    std::vector<std::string> multiple;  ///< domains with several DMARC records, all discarded
    std::string failed;                 ///< the domain whose lookup failed temporarily; the walk stopped there
};

/// At most 8 queries (RFC 9989 4.10): `domain`, then its ancestors from
/// the one of 7 labels (or its parent, if shorter) up to the top-level
/// domain; stops at a record with psd=y or psd=n.
TreeWalk walk_tree(const TxtLookup& lookup, std::string_view domain);

/// The organizational domain of the walk's start (RFC 9989 4.10.2): the
/// psd=n domain, the one below a psd=y domain, else the shortest domain
/// with a record, else the start itself.
std::string organizational_domain(const TreeWalk& walk, std::string_view start);

struct PolicyDiscovery {
    std::optional<FoundRecord> record;      ///< the record to apply; none: DMARC does not apply
    std::string organizational_domain;      ///< empty when a DNS failure left it unknown
    std::vector<std::string> queried;
    std::vector<std::string> multiple;
    std::string failed;                     ///< a temporary DNS failure at this domain
};

/// The record for `author` (an A-label domain): its own, else its
/// organizational domain's, else (RFC 9989) its public suffix domain's.
PolicyDiscovery discover_policy(const TxtLookup& lookup, std::string_view author, DmarcMode mode);

/// The organizational domain of any domain (an SPF or DKIM identifier);
/// nullopt when a DNS failure leaves it unknown.
std::optional<std::string> organizational_domain_of(const TxtLookup& lookup, std::string_view domain, DmarcMode mode);

}  // namespace mailwarden::message_detail
