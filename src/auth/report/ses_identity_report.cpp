// The report for a domain identity at Amazon SES: tokens and MAIL FROM from
// GetEmailIdentity.
#include <mailwarden/domain_auth.hpp>
#include <mailwarden/ses/domain_report.hpp>

namespace mailwarden {

Result<DomainAuthReport, ses::Error> check_domain_auth(dns::Resolver& resolver, ses::Client& client,
                                                       std::string_view domain) {
    if (const auto at = domain.rfind('@'); at != std::string_view::npos) domain = domain.substr(at + 1);
    auto identity = client.get_email_identity(domain);
    if (!identity) return unexpected(std::move(identity).error());
    DomainAuthRequest request;
    request.domain = std::string(domain);
    request.region = client.region();
    request.dkim_tokens = identity->dkim.tokens;
    request.mail_from_domain = identity->mail_from.mail_from_domain;
    return check_domain_auth(resolver, request);
}

}  // namespace mailwarden
