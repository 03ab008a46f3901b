// SPF on the MAIL FROM domain: the record to publish and, once the SPF
// evaluator is wired in, what is live. Until then the record is reported as
// found or missing by a TXT lookup.
#include "auth/report/report_builder.hpp"

#include <algorithm>
#include <cctype>

namespace mailwarden::auth {

namespace {

bool starts_spf1(std::string_view t) {
    if (t.size() < 6) return false;
    std::string head(t.substr(0, 6));
    std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return head == "v=spf1" && (t.size() == 6 || t[6] == ' ');
}

}  // namespace

void check_spf(ReportBuilder& b) {
    const auto& req = b.request();
    const std::string domain = spf_domain(req);
    PublishRecord& rec = b.record(req.mail_from_domain.empty() ? "spf" : "mail_from_spf", domain, "TXT",
                                  "v=spf1 include:amazonses.com ~all");
    const std::size_t index = b.report().records.size() - 1;
    const dns::Answer a = b.query(domain, dns::RecordType::txt);
    PublishRecord& r = b.report().records[index];
    (void)rec;
    if (a.temporary_failure()) return;
    std::vector<std::string> spf;
    for (const auto& t : a.texts)
        if (starts_spf1(t)) spf.push_back(t);
    r.found = spf;
    if (spf.empty()) {
        r.status = RecordStatus::missing;
        b.finding("spf.missing", Severity::error, "no SPF record at " + domain);
        return;
    }
    if (spf.size() > 1) {
        r.status = RecordStatus::mismatch;
        b.finding("spf.multiple", Severity::error, std::to_string(spf.size()) + " SPF records at " + domain +
                                                       ": every check of it ends in permerror");
        return;
    }
    r.status = spf.front().find("include:amazonses.com") != std::string::npos ? RecordStatus::ok : RecordStatus::mismatch;
}

}  // namespace mailwarden::auth
