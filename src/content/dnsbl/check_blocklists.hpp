// The links looked up in the configured DNS blocklists: a domain list for
// each link's host and its registrable domain, an IP list for each literal
// IP and each host's IPv4 addresses. Answers decoded per list
// (dnsbl_decode.hpp); listed links named in listed_on, lists that refused
// or failed in unknown_on, with their findings.
#pragma once

#include <mailwarden/content_check.hpp>

#include <vector>

namespace mailwarden::content_detail {

/// At most this many of a host's IPv4 addresses go to the IP lists.
inline constexpr std::size_t max_addresses_per_host = 4;

/// Looks `links` up through `options.resolver` (async_query, at most
/// `options.max_concurrent_lookups` in flight, each distinct question once)
/// and fills their listed_on / unknown_on. Appends "link.listed" (the list's
/// severity), "dnsbl.refused" and "dnsbl.unknown" (info, one per list) to
/// `findings`. Without a resolver or lists nothing is looked up. Blocks
/// until every answer is in; the resolver's own timeouts bound it.
void check_blocklists(std::vector<LinkCheck>& links, const ContentCheckOptions& options,
                      std::vector<ContentFinding>& findings);

}  // namespace mailwarden::content_detail
