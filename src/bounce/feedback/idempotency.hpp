// Idempotency keys: the same report, delivered twice or by two routes
// (SNS over HTTP and an SQS queue, a notification and a published event),
// gets the same keys, so ingesting it again changes nothing.
#pragma once

#include <mailwarden/bounce.hpp>

#include <string>
#include <string_view>

namespace mailwarden::bounce_detail {

/// Sets the SES keys of an event and its recipients from the SES message
/// id, the type and `discriminator` (the feedbackId, or for events without
/// one the event's timestamp).
void assign_ses_keys(FeedbackEvent& event, std::string_view discriminator);

/// Sets the keys of a mail's event and recipients: `identity` is the
/// mail's Message-ID when it has one, else "sha256:" and the content's hash.
void assign_mail_keys(FeedbackEvent& event, std::string_view identity);

/// "sha256:<hex>" of the bytes.
std::string content_hash(std::string_view bytes);

}  // namespace mailwarden::bounce_detail
