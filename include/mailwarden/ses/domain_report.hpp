// The domain authentication report of a domain identity known to Amazon SES.
#pragma once

#include <mailwarden/domain_auth.hpp>
#include <mailwarden/ses/client.hpp>

#include <string_view>

namespace mailwarden {

/// The report for a domain identity known to Amazon SES: its Easy DKIM tokens
/// and custom MAIL FROM domain come from GetEmailIdentity, the region from the
/// client. `domain` may also be a sender address: its domain is used.
/// Errors: the SES error of GetEmailIdentity (not_found when SES does not know
/// the domain as an identity).
MAILWARDEN_EXPORT Result<DomainAuthReport, ses::Error> check_domain_auth(dns::Resolver& resolver, ses::Client& client,
                                                                         std::string_view domain);

}  // namespace mailwarden
