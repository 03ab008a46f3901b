// SPF on the MAIL FROM domain (the custom one, else the sending domain): the
// record to publish, and a lint of what is live through every include.
#include "auth/report/report_builder.hpp"

#include <mailwarden/spf.hpp>

#include <algorithm>

namespace mailwarden::auth {

namespace {

using spf::LintKind;

constexpr std::size_t udp_safe_record = 450;  // leaves room in a 512-byte UDP answer

struct LintMapping {
    LintKind kind;
    const char* id;
    Severity severity;
};

constexpr LintMapping lint_mappings[] = {
    {LintKind::multiple_records, "spf.multiple", Severity::error},
    {LintKind::syntax_error, "spf.syntax", Severity::error},
    {LintKind::pass_all, "spf.plus_all", Severity::error},
    {LintKind::neutral_all, "spf.neutral_all", Severity::warning},
    {LintKind::no_all, "spf.no_all", Severity::warning},
    {LintKind::ptr_used, "spf.ptr", Severity::warning},
    {LintKind::terms_after_all, "spf.terms_after_all", Severity::warning},
    {LintKind::redirect_ignored, "spf.redirect_ignored", Severity::info},
    {LintKind::too_many_lookups, "spf.too_many_lookups", Severity::error},
    {LintKind::include_loop, "spf.include_loop", Severity::error},
    {LintKind::include_without_record, "spf.include_without_record", Severity::error},
    {LintKind::void_target, "spf.void_target", Severity::warning},
    {LintKind::macro_target, "spf.macro_target", Severity::info},
    {LintKind::unknown_modifier, "spf.unknown_modifier", Severity::info},
};

}  // namespace

void check_spf(ReportBuilder& b) {
    const auto& req = b.request();
    const std::string domain = spf_domain(req);
    // No other record is added below, so the reference stays valid.
    PublishRecord& r = b.record(req.mail_from_domain.empty() ? "spf" : "mail_from_spf", domain, "TXT",
                                "v=spf1 include:amazonses.com ~all");
    const spf::SpfLint lint = spf::lint_domain(b.resolver(), domain);
    if (lint.has(LintKind::dns_error)) {
        r.status = RecordStatus::unknown;
        for (const auto& f : lint.findings)
            if (f.kind == LintKind::dns_error) b.finding("dns.temporary_failure", Severity::warning, f.message);
        return;
    }
    if (!lint.record.empty()) r.found = {lint.record};
    if (lint.has(LintKind::no_record)) {
        r.status = RecordStatus::missing;
        b.finding("spf.missing", Severity::error, "no SPF record at " + domain);
        return;
    }
    for (const auto& f : lint.findings) {
        const auto m = std::find_if(std::begin(lint_mappings), std::end(lint_mappings),
                                    [&](const LintMapping& lm) { return lm.kind == f.kind; });
        if (m != std::end(lint_mappings)) b.finding(m->id, m->severity, f.message);
    }
    if (lint.void_lookups > 2)
        b.finding("spf.too_many_void_lookups", Severity::error,
                  std::to_string(lint.void_lookups) + " targets do not resolve; more than 2 void lookups is permerror");
    if (lint.record.size() > udp_safe_record)
        b.finding("spf.too_long", Severity::warning,
                  "the record is " + std::to_string(lint.record.size()) + " bytes; over " +
                      std::to_string(udp_safe_record) + " the answer may not fit a UDP packet");
    // The deprecated SPF RR type (99) should no longer be published (RFC 7208 3.1).
    const dns::Answer type99 = b.resolver().query(domain, dns::RecordType::spf);
    if (type99.ok())
        b.finding("spf.deprecated_rr_type", Severity::warning,
                  domain + " still publishes the SPF RR type (99), deprecated by RFC 7208; TXT is what counts");

    const bool authorises_ses = std::find(lint.includes.begin(), lint.includes.end(), "amazonses.com") != lint.includes.end();
    if (lint.has(LintKind::multiple_records) || lint.has(LintKind::syntax_error)) {
        r.status = RecordStatus::mismatch;
    } else if (!authorises_ses) {
        r.status = RecordStatus::mismatch;
        b.finding("spf.ses_not_authorized", Severity::error,
                  "the SPF record of " + domain + " does not include amazonses.com: mail sent through SES fails SPF");
    } else {
        r.status = RecordStatus::ok;
    }
}

}  // namespace mailwarden::auth
