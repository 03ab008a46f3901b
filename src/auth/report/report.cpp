// The report: the checks in order, then the verdict.
#include "auth/report/report_builder.hpp"

#include "common/registrable_domain.hpp"

#include <algorithm>

namespace mailwarden {

std::string_view to_string(Severity s) noexcept {
    switch (s) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
    }
    return "unknown";
}

std::string_view to_string(RecordStatus s) noexcept {
    switch (s) {
    case RecordStatus::ok: return "ok";
    case RecordStatus::missing: return "missing";
    case RecordStatus::mismatch: return "mismatch";
    case RecordStatus::unknown: return "unknown";
    }
    return "unknown";
}

std::string_view to_string(AuthVerdict v) noexcept {
    switch (v) {
    case AuthVerdict::pass: return "pass";
    case AuthVerdict::warn: return "warn";
    case AuthVerdict::fail: return "fail";
    }
    return "unknown";
}

bool DomainAuthReport::has_finding(std::string_view id) const noexcept {
    return std::any_of(findings.begin(), findings.end(), [id](const Finding& f) { return f.id == id; });
}

namespace auth {

ReportBuilder::ReportBuilder(dns::Resolver& resolver, const DomainAuthRequest& request)
    : resolver_(resolver), request_(request) {
    request_.domain = normalized_domain(request_.domain);
    request_.mail_from_domain = normalized_domain(request_.mail_from_domain);
    report_.domain = request_.domain;
    report_.region = request_.region;
}

void ReportBuilder::finding(std::string id, Severity severity, std::string message) {
    report_.findings.push_back({std::move(id), severity, std::move(message)});
}

PublishRecord& ReportBuilder::record(std::string purpose, std::string name, std::string type, std::string value) {
    report_.records.push_back({std::move(purpose), std::move(name), std::move(type), std::move(value),
                               RecordStatus::unknown, {}});
    return report_.records.back();
}

dns::Answer ReportBuilder::query(const std::string& name, dns::RecordType type) {
    dns::Answer a = resolver_.query(name, type);
    if (a.temporary_failure())
        finding("dns.temporary_failure", Severity::warning,
                "the " + std::string(dns::to_string(type)) + " lookup of " + name + " failed (" +
                    std::string(dns::to_string(a.status)) + "); the checks depending on it are unknown");
    return a;
}

DomainAuthReport ReportBuilder::finish() {
    AuthVerdict v = AuthVerdict::pass;
    for (const auto& f : report_.findings) {
        if (f.severity == Severity::error) v = AuthVerdict::fail;
        else if (f.severity == Severity::warning && v == AuthVerdict::pass) v = AuthVerdict::warn;
    }
    report_.verdict = v;
    return std::move(report_);
}

std::string spf_domain(const DomainAuthRequest& request) {
    return request.mail_from_domain.empty() ? request.domain : request.mail_from_domain;
}

}  // namespace auth

DomainAuthReport check_domain_auth(dns::Resolver& resolver, const DomainAuthRequest& request) {
    auth::ReportBuilder b(resolver, request);
    auth::check_spf(b);
    auth::check_dkim(b);
    auth::check_dmarc(b);
    auth::check_mx(b);
    return b.finish();
}

}  // namespace mailwarden
