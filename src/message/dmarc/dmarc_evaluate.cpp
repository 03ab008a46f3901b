#include "message/dmarc/dmarc_evaluate.hpp"

#include "message/dmarc/alignment.hpp"

#include <random>

namespace mailwarden::message_detail {

namespace {

bool random_sample(int pct) {
    thread_local std::mt19937 engine{std::random_device{}()};
    return static_cast<int>(std::uniform_int_distribution<int>(0, 99)(engine)) < pct;
}

DmarcEvaluation finish(DmarcEvaluation& out, DmarcResult result, std::string reason) {
    out.result = result;
    out.reason = std::move(reason);
    return std::move(out);
}

// Unusable p=/sp=/np= (and, under RFC 7489, a missing p=): with a usable
// rua= the record counts as p=none, else it is unusable (RFC 9989 4.10.1,
// RFC 7489 6.6.3). Under RFC 9989 a missing p= means none.
bool settle_policies(auth::DmarcReading& reading, DmarcMode mode) {
    auth::DmarcRecord& r = reading.record;
    const bool missing_p = !reading.policy_present;
    if (reading.policies_valid && !(missing_p && mode == DmarcMode::rfc7489)) {
        if (missing_p) r.policy = "none";
        return true;
    }
    if (r.rua.empty()) return false;
    r.policy = "none";
    r.subdomain_policy.clear();
    r.nonexistent_policy.clear();
    return true;
}

// SPF and DKIM against the From domain; pass, fail, or temperror when only
// a DNS failure kept an identifier from aligning.
DmarcResult align(DmarcEvaluation& out, const DmarcInputs& in) {
    AlignmentCheck check(in.txt, in.options.mode, out.from_domain, out.organizational_domain);
    bool unknown = false;
    if (in.spf.result == spf::Result::pass) {
        const Aligned a = check.check(in.spf.domain, out.strict_spf);
        out.spf_aligned = a == Aligned::yes;
        unknown = a == Aligned::unknown;
    }
    for (const DkimOutcome& d : in.dkim) {
        if (!d.pass || out.dkim_aligned) continue;
        const Aligned a = check.check(d.domain, out.strict_dkim);
        if (a == Aligned::yes) {
            out.dkim_aligned = true;
            out.dkim_domain = d.domain;
        }
        unknown = unknown || a == Aligned::unknown;
    }
    if (out.spf_aligned || out.dkim_aligned) return DmarcResult::pass;
    return unknown ? DmarcResult::temperror : DmarcResult::fail;
}

}  // namespace

std::string_view to_string(DmarcResult result) noexcept {
    switch (result) {
        case DmarcResult::none: return "none";
        case DmarcResult::pass: return "pass";
        case DmarcResult::fail: return "fail";
        case DmarcResult::temperror: return "temperror";
        case DmarcResult::permerror: return "permerror";
    }
    return "none";
}

DmarcEvaluation evaluate_dmarc(std::string_view raw_message, const DmarcInputs& inputs) {
    return evaluate_dmarc(author_domain(split_message(raw_message)), inputs);
}

DmarcEvaluation evaluate_dmarc(const AuthorDomain& author, const DmarcInputs& in) {
    DmarcEvaluation out;
    out.from_problem = author.problem;
    if (author.problem != FromProblem::none) return finish(out, DmarcResult::permerror, author.detail);
    out.from_domain = author.domain;

    const DmarcMode mode = in.options.mode;
    PolicyDiscovery found = discover_policy(in.txt, out.from_domain, mode);
    out.queried = std::move(found.queried);
    out.organizational_domain = std::move(found.organizational_domain);
    for (const std::string& d : found.multiple) out.problems.push_back("several DMARC records at _dmarc." + d + ": all ignored");
    if (!found.record) {
        if (!found.failed.empty())
            return finish(out, DmarcResult::temperror, "the DMARC record lookup at _dmarc." + found.failed + " failed");
        return finish(out, DmarcResult::none, "no DMARC record for " + out.from_domain);
    }
    out.policy_domain = found.record->domain;
    out.record = found.record->text;

    auth::DmarcError error;
    auto reading = auth::read_dmarc(out.record, error);
    if (!reading) return finish(out, DmarcResult::permerror, "the DMARC record is unreadable: " + error.message);
    out.problems.insert(out.problems.end(), reading->problems.begin(), reading->problems.end());
    if (!settle_policies(*reading, mode))
        return finish(out, DmarcResult::permerror, "the DMARC record has no usable policy: " + reading->problems.front());
    const auth::DmarcRecord& record = reading->record;
    out.strict_spf = record.strict_spf;
    out.strict_dkim = record.strict_dkim;
    out.testing = mode == DmarcMode::rfc9989 && record.testing;
    out.pct = mode == DmarcMode::rfc7489 ? record.pct : 100;

    AppliedPolicy applied = choose_policy(record, out.from_domain, out.policy_domain, mode, in.exists);
    out.policy = std::move(applied.policy);
    out.policy_tag = std::move(applied.tag);
    out.from_domain_exists = applied.from_domain_exists;

    const DmarcResult result = align(out, in);
    out.disposition = result == DmarcResult::fail
                          ? disposition(out.policy, record, mode, in.options.sampled ? in.options.sampled : random_sample)
                          : "none";
    if (result == DmarcResult::pass)
        return finish(out, result, out.spf_aligned ? "SPF is aligned" : "DKIM d=" + out.dkim_domain + " is aligned");
    if (result == DmarcResult::temperror)
        return finish(out, result, "a DNS failure left the organizational domain unknown");
    return finish(out, result, "neither SPF nor DKIM passed with a domain aligned with " + out.from_domain);
}

}  // namespace mailwarden::message_detail
