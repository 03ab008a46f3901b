// A received DNS response turned into an Answer.
#pragma once

#include <mailwarden/dns.hpp>

#include <cstdint>
#include <span>

namespace mailwarden::dns::detail {

/// Reads `message` (a whole response, header first) as the answer to a
/// question of `type`: the status from the RCODE and the records found,
/// following the CNAME chain from the question name (not for a CNAME
/// question). ok needs at least one record of `type` at the end of the chain;
/// NOERROR without one is nodata. The TTL is the smallest of the records and
/// CNAMEs used; for nxdomain/nodata the authority SOA's min(TTL, MINIMUM)
/// (RFC 2308 section 5), 0 without an SOA. Anything out of bounds or
/// inconsistent, or a FORMERR, gives malformed; SERVFAIL, NOTIMP and REFUSED
/// give servfail.
Answer parse_response(std::span<const std::uint8_t> message, RecordType type);

}  // namespace mailwarden::dns::detail
