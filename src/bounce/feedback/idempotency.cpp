#include "bounce/feedback/idempotency.hpp"

#include "bounce/mime/ascii.hpp"
#include "common/hex.hpp"

#include <openssl/evp.h>

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
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest, &n, EVP_sha256(), nullptr);
    return "sha256:" + common::hex_lower(std::string_view(reinterpret_cast<const char*>(digest), n));
}

}  // namespace mailwarden::bounce_detail
