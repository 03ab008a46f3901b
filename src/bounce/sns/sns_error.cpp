// The "mailwarden.sns" category: rejection names and their stable kinds.
#include <mailwarden/sns.hpp>

namespace mailwarden::sns {

namespace {

class Category final : public std::error_category {
public:
    const char* name() const noexcept override { return "mailwarden.sns"; }

    std::string message(int code) const override {
        switch (static_cast<Rejection>(code)) {
        case Rejection::bad_signature: return "the SNS signature does not verify";
        case Rejection::unsupported_version: return "unsupported SNS SignatureVersion";
        case Rejection::bad_cert_url: return "the SigningCertURL is not an Amazon SNS certificate URL";
        case Rejection::topic_not_allowed: return "the TopicArn is not allowed";
        case Rejection::missing_field: return "a signed field of the SNS message is missing";
        case Rejection::not_an_envelope: return "not an SNS message";
        }
        return "unknown SNS rejection " + std::to_string(code);
    }

    // A message that fails a trust check is an authentication failure; one
    // this version cannot read is malformed input.
    std::error_condition default_error_condition(int code) const noexcept override {
        switch (static_cast<Rejection>(code)) {
        case Rejection::bad_signature:
        case Rejection::bad_cert_url:
        case Rejection::topic_not_allowed: return make_error_condition(mailwarden::errc::auth);
        case Rejection::unsupported_version:
        case Rejection::missing_field:
        case Rejection::not_an_envelope: return make_error_condition(mailwarden::errc::parse);
        }
        return make_error_condition(mailwarden::errc::internal);
    }
};

}  // namespace

const std::error_category& error_category() noexcept {
    static const Category category;
    return category;
}

std::string_view to_string(Rejection r) noexcept {
    switch (r) {
    case Rejection::bad_signature: return "bad_signature";
    case Rejection::unsupported_version: return "unsupported_version";
    case Rejection::bad_cert_url: return "bad_cert_url";
    case Rejection::topic_not_allowed: return "topic_not_allowed";
    case Rejection::missing_field: return "missing_field";
    case Rejection::not_an_envelope: return "not_an_envelope";
    }
    return "unknown";
}

std::optional<Rejection> rejection_of(const Error& e) noexcept {
    if (e.code.category() != error_category()) return std::nullopt;
    return static_cast<Rejection>(e.code.value());
}

std::string_view to_string(MessageType t) noexcept {
    switch (t) {
    case MessageType::notification: return "Notification";
    case MessageType::subscription_confirmation: return "SubscriptionConfirmation";
    case MessageType::unsubscribe_confirmation: return "UnsubscribeConfirmation";
    case MessageType::raw: return "raw";
    }
    return "unknown";
}

}  // namespace mailwarden::sns
