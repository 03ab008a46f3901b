// The pure readers of what the SNS host answers: a signing certificate (one
// PEM certificate, nothing else) and a ConfirmSubscriptionResponse.
#pragma once

#include <mailwarden/error.hpp>
#include <mailwarden/result.hpp>
#include <mailwarden/sns_http.hpp>

#include <string>
#include <string_view>

namespace mailwarden::sns_detail {

/// The PEM block of the one certificate in `body` (white space around it
/// allowed). Errors (FetchError::not_a_certificate): no block, more than
/// one, other text, a block OpenSSL cannot read as an X.509 certificate.
Result<std::string, Error> single_certificate_pem(std::string_view body);

/// SubscriptionArn and RequestId of a ConfirmSubscriptionResponse. Errors
/// (FetchError::not_a_confirmation): no such root element, no
/// SubscriptionArn starting "arn:".
Result<sns::Confirmation, Error> read_confirmation(std::string_view body);

}  // namespace mailwarden::sns_detail
