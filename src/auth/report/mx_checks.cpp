// MX: the sending domain should receive replies (no null MX), and a custom
// MAIL FROM must route bounces back to SES.
#include "auth/report/report_builder.hpp"

namespace mailwarden::auth {

namespace {

std::vector<std::string> describe(const std::vector<dns::MxRecord>& mx) {
    std::vector<std::string> out;
    for (const auto& m : mx) out.push_back(std::to_string(m.preference) + " " + (m.is_null() ? std::string(".") : m.exchange));
    return out;
}

}  // namespace

void check_mx(ReportBuilder& b) {
    const auto& req = b.request();
    const dns::Answer mx = b.query(req.domain, dns::RecordType::mx);
    if (mx.missing()) {
        b.finding("mx.none", Severity::info,
                  req.domain + " has no MX: mail to it falls back to its A/AAAA address (implicit MX)");
    } else if (mx.ok()) {
        const bool null_mx = std::any_of(mx.mx.begin(), mx.mx.end(), [](const dns::MxRecord& m) { return m.is_null(); });
        if (null_mx)
            b.finding("mx.null", Severity::error,
                      req.domain + " publishes a null MX (RFC 7505): it accepts no mail, so nobody can reply, and "
                                   "receivers may reject its messages");
    }

    if (req.mail_from_domain.empty()) return;
    const std::string expected = "feedback-smtp." + req.region + ".amazonses.com";
    // No other record is added below, so the reference stays valid.
    PublishRecord& r = b.record("mail_from_mx", req.mail_from_domain, "MX", "10 " + expected);
    const dns::Answer mf = b.query(req.mail_from_domain, dns::RecordType::mx);
    if (mf.temporary_failure()) return;
    if (!mf.ok()) {
        r.status = RecordStatus::missing;
        b.finding("mail_from.mx_missing", Severity::error,
                  "the custom MAIL FROM " + req.mail_from_domain + " has no MX; SES falls back to amazonses.com or "
                  "rejects the message, depending on BehaviorOnMxFailure");
        return;
    }
    r.found = describe(mf.mx);
    const bool points_at_ses = std::any_of(mf.mx.begin(), mf.mx.end(), [&](const dns::MxRecord& m) { return m.exchange == expected; });
    r.status = points_at_ses && mf.mx.size() == 1 ? RecordStatus::ok : RecordStatus::mismatch;
    if (!points_at_ses)
        b.finding("mail_from.mx_mismatch", Severity::error,
                  "the MX of " + req.mail_from_domain + " does not point at " + expected + " (region " + req.region + ")");
}

}  // namespace mailwarden::auth
