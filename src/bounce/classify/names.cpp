// The stable names of the bounce enums, as JSON and mwctl show them.
#include <mailwarden/bounce.hpp>

#include <array>

namespace mailwarden {

namespace {

constexpr std::array<std::string_view, 36> reason_names = {
    "undefined",       "user_unknown",   "host_unknown",   "has_moved",         "not_accept",
    "mailbox_full",    "message_too_big", "exceed_limit",  "suspended",         "expired",
    "blocked",         "spam_detected",  "virus_detected", "policy_violation",  "auth_failure",
    "bad_reputation",  "rate_limited",   "too_many_connections", "rejected",    "filtered",
    "require_ptr",     "security_error", "failed_starttls", "system_error",     "system_full",
    "network_error",   "mailer_error",   "syntax_error",   "content_error",     "not_compliant_rfc",
    "no_relaying",     "suppressed",     "on_hold",        "delivered",         "feedback",
    "vacation",
};
static_assert(reason_names.size() == static_cast<std::size_t>(BounceReason::vacation) + 1);

}  // namespace

std::string_view to_string(BounceClass c) noexcept {
    switch (c) {
    case BounceClass::none: return "none";
    case BounceClass::soft: return "soft";
    case BounceClass::hard: return "hard";
    }
    return "none";
}

std::string_view to_string(BounceReason r) noexcept {
    const auto i = static_cast<std::size_t>(r);
    return i < reason_names.size() ? reason_names[i] : "undefined";
}

std::string_view to_string(FeedbackKind k) noexcept {
    switch (k) {
    case FeedbackKind::bounce: return "bounce";
    case FeedbackKind::complaint: return "complaint";
    case FeedbackKind::delivery: return "delivery";
    case FeedbackKind::delay: return "delay";
    case FeedbackKind::send: return "send";
    case FeedbackKind::reject: return "reject";
    case FeedbackKind::auto_reply: return "auto_reply";
    case FeedbackKind::other: return "other";
    }
    return "other";
}

std::string_view to_string(FeedbackFormat f) noexcept {
    switch (f) {
    case FeedbackFormat::dsn: return "dsn";
    case FeedbackFormat::plain_bounce: return "plain_bounce";
    case FeedbackFormat::arf: return "arf";
    case FeedbackFormat::auto_reply: return "auto_reply";
    case FeedbackFormat::ses_notification: return "ses_notification";
    case FeedbackFormat::ses_event: return "ses_event";
    case FeedbackFormat::sns_envelope: return "sns_envelope";
    case FeedbackFormat::mail: return "mail";
    }
    return "mail";
}

}  // namespace mailwarden
