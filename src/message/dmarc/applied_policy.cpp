#include "message/dmarc/applied_policy.hpp"

namespace mailwarden::message_detail {

namespace {

// RFC 8020: an NXDOMAIN means nothing exists at or below the name; any other
// answer (data, NODATA) or a failure leaves the domain existing or unknown.
std::optional<bool> domain_exists(const DomainLookup& exists, const std::string& domain) {
    bool failed = false;
    for (const dns::RecordType type : {dns::RecordType::a, dns::RecordType::aaaa, dns::RecordType::mx}) {
        const dns::Answer answer = exists(domain, type);
        if (answer.temporary_failure()) failed = true;
        else if (answer.status != dns::Status::nxdomain) return true;
    }
    if (failed) return std::nullopt;
    return false;
}

std::string_view milder(std::string_view policy) { return policy == "reject" ? "quarantine" : "none"; }

}  // namespace

AppliedPolicy choose_policy(const auth::DmarcRecord& record, std::string_view author, std::string_view policy_domain,
                            DmarcMode mode, const DomainLookup& exists) {
    if (author == policy_domain) return {record.policy, "p", std::nullopt};
    AppliedPolicy out{record.policy, "p", std::nullopt};
    if (!record.subdomain_policy.empty()) out = {record.subdomain_policy, "sp", std::nullopt};
    if (mode == DmarcMode::rfc9989 && !record.nonexistent_policy.empty() && exists) {
        out.from_domain_exists = domain_exists(exists, std::string(author));
        if (out.from_domain_exists == false) {
            out.policy = record.nonexistent_policy;
            out.tag = "np";
        }
    }
    return out;
}

std::string disposition(std::string_view policy, const auth::DmarcRecord& record, DmarcMode mode,
                        const std::function<bool(int pct)>& sampled) {
    if (policy == "none") return "none";
    const bool step_down = mode == DmarcMode::rfc9989 ? record.testing : record.pct < 100 && !(sampled && sampled(record.pct));
    return std::string(step_down ? milder(policy) : policy);
}

}  // namespace mailwarden::message_detail
