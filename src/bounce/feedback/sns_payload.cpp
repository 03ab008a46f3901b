// What an SNS delivery carries: for SES topics, the SES JSON document; for
// a topic fed by a mail-receiving rule, possibly a mail. The event's own key
// is the SNS MessageId, which SNS keeps across its retries.
#include <mailwarden/bounce.hpp>

#include "bounce/mime/ascii.hpp"

namespace mailwarden {

Result<FeedbackEvent, Error> parse_sns_payload(const sns::Envelope& envelope) {
    const std::string_view message = bounce_detail::trim(envelope.message);
    if (envelope.type != sns::MessageType::notification && envelope.type != sns::MessageType::raw) {
        // Subscription bookkeeping: nothing about mail.
        FeedbackEvent e;
        e.format = FeedbackFormat::sns_envelope;
        e.kind = FeedbackKind::other;
        e.event_type = std::string(sns::to_string(envelope.type));
        e.sns_message_id = envelope.message_id;
        e.topic_arn = envelope.topic_arn;
        e.idempotency_key = "sns:" + envelope.message_id;
        return e;
    }
    auto parsed = message.starts_with('{') ? parse_ses_json(message) : parse_bounce_mail(message);
    if (!parsed) return parsed;
    FeedbackEvent& e = *parsed;
    if (envelope.type == sns::MessageType::raw) return parsed;  // nothing of SNS's to add
    e.format = FeedbackFormat::sns_envelope;
    e.sns_message_id = envelope.message_id;
    e.topic_arn = envelope.topic_arn;
    e.idempotency_key = "sns:" + envelope.message_id;
    return parsed;
}

}  // namespace mailwarden
