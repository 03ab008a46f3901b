#include "bounce/feedback/idempotency.hpp"

#include "bounce/mime/ascii.hpp"
#include "common/digest.hpp"
#include "common/hex.hpp"


namespace mailwarden::bounce_detail {

namespace {

// Recipients are compared without case: one mailbox reported as
// "Jane@Example.com" and "jane@example.com" is one recipient.
std::string recipient_part(std::string_view address) { return to_lower(trim(address)); }

}  // namespace

void assign_ses_keys(FeedbackEvent& event, std::string_view discriminator) {
    const std::string base = "ses:" + event.message_id + "|" + event.event_type + "|";
    event.idempotency_key = base + std::string(discriminator);
    for (RecipientFeedback& r : event.recipients)
        r.idempotency_key = base + recipient_part(r.address) + "|" + std::string(discriminator);
}

void assign_mail_keys(FeedbackEvent& event, std::string_view identity) {
    event.idempotency_key = "mail:" + std::string(identity);
    for (RecipientFeedback& r : event.recipients)
        r.idempotency_key = event.idempotency_key + "|" + recipient_part(r.address);
}

std::string content_hash(std::string_view bytes) {
    return "sha256:" + common::hex_lower(common::sha256(bytes));
}

}  // namespace mailwarden::bounce_detail
