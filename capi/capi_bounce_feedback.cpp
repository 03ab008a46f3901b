// Feedback classification through the C ABI: one document in, one event
// with an outcome per recipient out.
#include "capi_internal.hpp"

#include <mailwarden/bounce.hpp>

#include <memory>
#include <string_view>

struct mw_feedback_recipient {
    mailwarden::RecipientFeedback value;
};

struct mw_feedback {
    mailwarden::FeedbackEvent value;
    std::vector<mw_feedback_recipient> recipients;  // value.recipients, as handles
};

namespace {

using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::guarded;

/// Names of an enum class with values 0..last, NULL outside.
template <class Enum>
const char* name_of(int value, Enum last) {
    if (value < 0 || value > static_cast<int>(last)) return nullptr;
    return mailwarden::to_string(static_cast<Enum>(value)).data();  // views of literals
}

const std::string& empty() {
    static const std::string none;
    return none;
}

/// A string member of the event, or "" for a NULL handle.
const char* event_field(const mw_feedback* f, std::string mailwarden::FeedbackEvent::*field) {
    return (f != nullptr ? f->value.*field : empty()).c_str();
}

const char* recipient_field(const mw_feedback_recipient* r, std::string mailwarden::RecipientFeedback::*field) {
    return (r != nullptr ? r->value.*field : empty()).c_str();
}

}  // namespace

extern "C" {

const char* mw_bounce_class_name(int c) { return name_of(c, mailwarden::BounceClass::hard); }
const char* mw_feedback_kind_name(int k) { return name_of(k, mailwarden::FeedbackKind::other); }
const char* mw_feedback_format_name(int f) { return name_of(f, mailwarden::FeedbackFormat::mail); }

int mw_feedback_parse(mw_feedback** out, const char* document, size_t length, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (document == nullptr && length > 0) return fail_null(err, "document");
    return guarded(err, [&]() -> int {
        auto event = mailwarden::parse_feedback(std::string_view(document != nullptr ? document : "", length));
        if (!event) return fail(err, event.error());
        auto handle = std::make_unique<mw_feedback>();
        for (const auto& r : event->recipients) handle->recipients.push_back(mw_feedback_recipient{r});
        handle->value = std::move(*event);
        *out = handle.release();
        return MW_OK;
    });
}

int mw_feedback_format(const mw_feedback* f) { return f != nullptr ? static_cast<int>(f->value.format) : -1; }
int mw_feedback_kind(const mw_feedback* f) { return f != nullptr ? static_cast<int>(f->value.kind) : -1; }

using Event = mailwarden::FeedbackEvent;
const char* mw_feedback_event_type(const mw_feedback* f) { return event_field(f, &Event::event_type); }
const char* mw_feedback_message_id(const mw_feedback* f) { return event_field(f, &Event::message_id); }
const char* mw_feedback_feedback_id(const mw_feedback* f) { return event_field(f, &Event::feedback_id); }
const char* mw_feedback_timestamp(const mw_feedback* f) { return event_field(f, &Event::timestamp); }
const char* mw_feedback_sender(const mw_feedback* f) { return event_field(f, &Event::sender); }
const char* mw_feedback_ses_bounce_type(const mw_feedback* f) { return event_field(f, &Event::ses_bounce_type); }
const char* mw_feedback_ses_bounce_subtype(const mw_feedback* f) {
    return event_field(f, &Event::ses_bounce_subtype);
}
const char* mw_feedback_feedback_type(const mw_feedback* f) { return event_field(f, &Event::feedback_type); }
const char* mw_feedback_reporting_mta(const mw_feedback* f) { return event_field(f, &Event::reporting_mta); }
const char* mw_feedback_sns_message_id(const mw_feedback* f) { return event_field(f, &Event::sns_message_id); }
const char* mw_feedback_topic_arn(const mw_feedback* f) { return event_field(f, &Event::topic_arn); }
const char* mw_feedback_idempotency_key(const mw_feedback* f) { return event_field(f, &Event::idempotency_key); }

int mw_feedback_to_json(char** out, const mw_feedback* f, const char* source, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (f == nullptr) return fail_null(err, "feedback");
    return guarded(err, [&]() -> int {
        return mailwarden::capi::return_string(out, mailwarden::to_json(f->value, source != nullptr ? source : ""),
                                               err);
    });
}

void mw_feedback_free(mw_feedback* f) { delete f; }

size_t mw_feedback_recipient_count(const mw_feedback* f) { return f != nullptr ? f->recipients.size() : 0; }
const mw_feedback_recipient* mw_feedback_recipient_get(const mw_feedback* f, size_t index) {
    return mailwarden::capi::element_at(f != nullptr ? &f->recipients : nullptr, index);
}

using Recipient = mailwarden::RecipientFeedback;
const char* mw_feedback_recipient_address(const mw_feedback_recipient* r) {
    return recipient_field(r, &Recipient::address);
}
const char* mw_feedback_recipient_original(const mw_feedback_recipient* r) {
    return recipient_field(r, &Recipient::original_recipient);
}
int mw_feedback_recipient_class(const mw_feedback_recipient* r) {
    return r != nullptr ? static_cast<int>(r->value.bounce_class) : -1;
}
const char* mw_feedback_recipient_reason(const mw_feedback_recipient* r) {
    return r != nullptr ? mailwarden::to_string(r->value.reason).data() : "";
}
const char* mw_feedback_recipient_status(const mw_feedback_recipient* r) {
    return recipient_field(r, &Recipient::status);
}
int mw_feedback_recipient_smtp_code(const mw_feedback_recipient* r) { return r != nullptr ? r->value.smtp_code : 0; }
const char* mw_feedback_recipient_diagnostic(const mw_feedback_recipient* r) {
    return recipient_field(r, &Recipient::diagnostic);
}
const char* mw_feedback_recipient_remote_mta(const mw_feedback_recipient* r) {
    return recipient_field(r, &Recipient::remote_mta);
}
const char* mw_feedback_recipient_action(const mw_feedback_recipient* r) {
    return recipient_field(r, &Recipient::action);
}

}  // extern "C"
