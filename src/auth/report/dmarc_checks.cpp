// DMARC: one valid record at _dmarc.<domain> (or at the organisational
// domain), an enforcing policy, aggregate reports, authorised external
// report destinations, and alignment SES can meet.
#include "auth/dmarc/dmarc_record.hpp"
#include "auth/report/report_builder.hpp"

namespace mailwarden::auth {

namespace {

std::vector<std::string> dmarc_records(const dns::Answer& a) {
    std::vector<std::string> out;
    for (const auto& t : a.texts)
        if (looks_like_dmarc(t)) out.push_back(t);
    return out;
}

void check_external_rua(ReportBuilder& b, const DmarcRecord& r, const std::string& policy_domain) {
    const std::string own_org = organizational_domain(policy_domain);
    for (const auto& uri : r.rua) {
        if (uri.address.empty()) continue;
        const std::string dest = uri.address.substr(uri.address.rfind('@') + 1);
        if (organizational_domain(dest) == own_org) continue;
        // RFC 7489 7.1: the destination must publish <domain>._report._dmarc.<dest>.
        const std::string auth_name = policy_domain + "._report._dmarc." + dest;
        const dns::Answer a = b.query(auth_name, dns::RecordType::txt);
        if (a.temporary_failure()) continue;
        if (dmarc_records(a).empty())
            b.finding("dmarc.rua_unauthorized", Severity::warning,
                      "reports go to " + dest + ", which does not authorise them (no " + auth_name +
                          " TXT \"v=DMARC1\"): receivers will not send them");
    }
}

}  // namespace

void check_dmarc(ReportBuilder& b) {
    const auto& req = b.request();
    const std::string name = "_dmarc." + req.domain;
    const std::string recommended = "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@" + req.domain + "; adkim=r; aspf=r";
    // No other record is added below, so the reference stays valid.
    PublishRecord& r = b.record("dmarc", name, "TXT", recommended);

    dns::Answer a = b.query(name, dns::RecordType::txt);
    if (a.temporary_failure()) return;
    std::vector<std::string> found = dmarc_records(a);
    r.found = found;
    std::string policy_domain = req.domain;
    if (found.empty()) {
        const std::string org = organizational_domain(req.domain);
        if (org != req.domain) {
            const dns::Answer org_answer = b.query("_dmarc." + org, dns::RecordType::txt);
            if (org_answer.temporary_failure()) return;
            found = dmarc_records(org_answer);
            if (!found.empty()) {
                policy_domain = org;
                b.finding("dmarc.inherited", Severity::info,
                          "no record at " + name + "; the policy of the organisational domain " + org + " applies");
            }
        }
    }
    if (found.empty()) {
        r.status = RecordStatus::missing;
        b.finding("dmarc.missing", Severity::error,
                  "no DMARC record: large mailbox providers require one from bulk senders");
        return;
    }
    r.status = policy_domain == req.domain ? RecordStatus::ok : RecordStatus::missing;
    if (found.size() > 1) {
        r.status = RecordStatus::mismatch;
        b.finding("dmarc.multiple", Severity::error,
                  std::to_string(found.size()) + " DMARC records: receivers ignore them all (RFC 7489 6.6.3)");
        return;
    }
    DmarcError error;
    const auto record = parse_dmarc(found.front(), error);
    if (!record) {
        r.status = RecordStatus::mismatch;
        b.finding("dmarc.syntax", Severity::error, "the DMARC record is invalid: " + error.message);
        return;
    }
    if (record->policy == "none")
        b.finding("dmarc.policy_none", Severity::warning,
                  "p=none only monitors: spoofed mail is still delivered; move to quarantine or reject");
    if (record->pct < 100)
        b.finding("dmarc.partial_pct", Severity::info,
                  "pct=" + std::to_string(record->pct) + ": the policy applies to part of the failing mail only");
    if (record->rua.empty())
        b.finding("dmarc.no_rua", Severity::warning, "no rua=: you receive no aggregate reports to see who sends as you");
    check_external_rua(b, *record, policy_domain);
    if (record->strict_spf)
        b.finding("dmarc.strict_spf_alignment", Severity::warning,
                  req.mail_from_domain.empty()
                      ? "aspf=s: SPF can never align, because SES's default MAIL FROM is amazonses.com"
                      : "aspf=s: the MAIL FROM " + req.mail_from_domain + " differs from " + req.domain +
                            ", so SPF cannot align strictly (DKIM still can)");
}

}  // namespace mailwarden::auth
