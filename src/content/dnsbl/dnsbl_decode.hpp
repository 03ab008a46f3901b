// What one blocklist's answer says (RFC 5782 section 2.3): NXDOMAIN is
// "not listed", an A record in 127.0.0.0/8 is "listed" with the meaning
// the list gives its code, the "query refused / over limit" codes say
// nothing, and an answer outside 127.0.0.0/8 is a resolver that makes up
// addresses (wildcarding) — nothing can be concluded from it either.
#pragma once

#include <mailwarden/content_check.hpp>
#include <mailwarden/dns.hpp>

#include <string>
#include <vector>

namespace mailwarden::content_detail {

enum class ListAnswer { clean, listed, refused, unknown };

struct DecodedAnswer {
    ListAnswer kind = ListAnswer::clean;
    std::vector<std::string> reasons;  ///< listed: one per code ("spam domain", "listed (127.0.1.9)")
    std::string detail;                ///< refused / unknown: what was seen, for the evidence
};

/// True when `address` is one of `list.refusal_codes` (an address, or a
/// network "a.b.c.d/n") or in 127.255.255.0/24.
bool is_refusal(const dns::IpAddress& address, const Blocklist& list);

DecodedAnswer decode_answer(const dns::Answer& answer, const Blocklist& list);

}  // namespace mailwarden::content_detail
