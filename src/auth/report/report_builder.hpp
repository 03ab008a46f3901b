// Shared by the per-mechanism checks: the report under construction and the
// resolver, with helpers for DNS outcomes.
#pragma once

#include <mailwarden/domain_auth.hpp>

#include <string>
#include <vector>

namespace mailwarden::auth {

class ReportBuilder {
public:
    ReportBuilder(dns::Resolver& resolver, const DomainAuthRequest& request);

    dns::Resolver& resolver() noexcept { return resolver_; }
    const DomainAuthRequest& request() const noexcept { return request_; }
    DomainAuthReport& report() noexcept { return report_; }

    void finding(std::string id, Severity severity, std::string message);
    PublishRecord& record(std::string purpose, std::string name, std::string type, std::string value);

    /// Queries; on a temporary failure adds one dns.temporary_failure finding
    /// naming the query (the caller marks its checks unknown).
    dns::Answer query(const std::string& name, dns::RecordType type);

    /// Sets the verdict from the findings and returns the report.
    DomainAuthReport finish();

private:
    dns::Resolver& resolver_;
    DomainAuthRequest request_;
    DomainAuthReport report_;
};

/// The MAIL FROM domain SPF applies to: the custom one, else the domain.
std::string spf_domain(const DomainAuthRequest& request);

void check_spf(ReportBuilder& b);
void check_dkim(ReportBuilder& b);
void check_dmarc(ReportBuilder& b);
void check_mx(ReportBuilder& b);

}  // namespace mailwarden::auth
