// The sender registry's transport over Amazon SES.
#pragma once

#include <mailwarden/ses/client.hpp>
#include <mailwarden/transport.hpp>

#include <memory>
#include <string>

namespace mailwarden {

struct SesTransportOptions {
    /// A custom verification email template (CreateCustomVerificationEmailTemplate)
    /// to send instead of AWS's own verification mail: branded, with your
    /// redirect URLs. Empty: CreateEmailIdentity, and AWS's mail.
    std::string verification_template;
    std::string configuration_set;  ///< for sends and custom verification mails
};

/// The Amazon SES transport over an SES v2 client.
///
/// - request_verification: CreateEmailIdentity (or SendCustomVerificationEmail
///   with a template). SES's link is valid for 24 hours whatever the registry's
///   link lifetime says. A resend of an existing identity deletes and creates it
///   again, which is how SES v2 sends a new link.
/// - identity_status: GetEmailIdentity, its VerificationStatus mapped as in
///   verification.hpp; NotFoundException -> IdentityStatus::not_found.
/// - delete_identity: DeleteEmailIdentity (errc::not_found when SES has none).
/// - send: SendEmail, the alias as the From display name.
/// Errors are the SES client's, with their code (category "mailwarden.ses")
/// and what SES said.
MAILWARDEN_EXPORT std::shared_ptr<Transport> make_ses_transport(std::shared_ptr<ses::Client> client,
                                                                SesTransportOptions options = {});

}  // namespace mailwarden
