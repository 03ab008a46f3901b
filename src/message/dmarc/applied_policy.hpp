// The policy a DMARC record asks for one From domain (p=, sp= or np=) and
// what it means for a failing message under t=y (RFC 9989) or pct= (RFC 7489).
#pragma once

#include "message/dmarc/policy_discovery.hpp"

#include "auth/dmarc/dmarc_record.hpp"

#include <mailwarden/dns.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace mailwarden::message_detail {

/// Answers an A, AAAA or MX question, to tell whether a domain exists.
using DomainLookup = std::function<dns::Answer(const std::string& name, dns::RecordType type)>;

struct AppliedPolicy {
    std::string policy;                     ///< none | quarantine | reject
    std::string tag;                        ///< "p", "sp" or "np"
    std::optional<bool> from_domain_exists; ///< asked only when np= could apply; nullopt: not asked or DNS failed
};

/// p= when the record is the From domain's own; for a subdomain of the
/// record's domain, np= (RFC 9989 only) when the From domain does not exist
/// (NXDOMAIN for A, AAAA and MX), else sp=, else p=. An empty `exists`
/// never applies np=.
AppliedPolicy choose_policy(const auth::DmarcRecord& record, std::string_view author, std::string_view policy_domain,
                            DmarcMode mode, const DomainLookup& exists);

/// What `policy` asks for a message that fails: one step milder under t=y
/// (RFC 9989 4.7), or under RFC 7489 when `sampled(pct)` leaves the
/// message outside the pct= share (RFC 7489 6.6.4).
std::string disposition(std::string_view policy, const auth::DmarcRecord& record, DmarcMode mode,
                        const std::function<bool(int pct)>& sampled);

}  // namespace mailwarden::message_detail
