// An SNS HTTP delivery's JSON body into an Envelope: which fields each type
// must carry (the ones its signature covers), the two spellings of the URL
// keys (Lambda writes SigningCertUrl and UnsubscribeUrl), and nothing else:
// unknown keys such as MessageAttributes are ignored, never signed.
#include "bounce/sns/rejection.hpp"

#include <boost/json.hpp>

#include <array>

namespace mailwarden::sns {

namespace {

namespace json = boost::json;
using sns_detail::reject;

// A string member; nullptr when absent. `present` tells a non-string apart.
const json::string* string_member(const json::object& o, std::string_view key, bool& present) {
    const auto it = o.find(key);
    present = it != o.end();
    return present ? it->value().if_string() : nullptr;
}

// Reads a member the signature covers: absent, null or not a string is a
// missing field.
Result<std::string, Error> required(const json::object& o, std::string_view key) {
    bool present = false;
    if (const json::string* s = string_member(o, key, present)) return std::string(*s);
    return unexpected(reject(Rejection::missing_field,
                             present ? "SNS field " + std::string(key) + " is not a string"
                                     : "SNS message has no " + std::string(key)));
}

// The first spelling present wins (SNS's own before Lambda's).
Result<std::string, Error> required_either(const json::object& o, std::string_view key, std::string_view lambda_key) {
    return o.contains(key) ? required(o, key) : required(o, lambda_key);
}

std::string optional_either(const json::object& o, std::string_view key, std::string_view lambda_key) {
    bool present = false;
    if (const json::string* s = string_member(o, key, present)) return std::string(*s);
    if (const json::string* s = string_member(o, lambda_key, present)) return std::string(*s);
    return {};
}

std::optional<MessageType> type_named(std::string_view name) {
    if (name == "Notification") return MessageType::notification;
    if (name == "SubscriptionConfirmation") return MessageType::subscription_confirmation;
    if (name == "UnsubscribeConfirmation") return MessageType::unsubscribe_confirmation;
    return std::nullopt;
}

}  // namespace

Result<Envelope, Error> parse_envelope(std::string_view body) {
    // Envelopes are small; one arena per parse keeps the DOM off the heap.
    std::array<unsigned char, 4096> scratch;
    json::monotonic_resource arena(scratch.data(), scratch.size());
    json::error_code ec;
    const json::value doc = json::parse(body, ec, &arena);
    const json::object* o = ec ? nullptr : doc.if_object();
    if (o == nullptr) return unexpected(reject(Rejection::not_an_envelope, "the body is not a JSON object"));
    bool present = false;
    const json::string* type_name = string_member(*o, "Type", present);
    const auto type = type_name ? type_named(*type_name) : std::nullopt;
    if (!type) return unexpected(reject(Rejection::not_an_envelope, "the JSON object has no SNS message Type"));

    Envelope e;
    e.type = *type;
    const json::string* version = string_member(*o, "SignatureVersion", present);
    if (version == nullptr)
        return unexpected(reject(Rejection::missing_field, present ? "SNS field SignatureVersion is not a string"
                                                                   : "SNS message has no SignatureVersion"));
    if (*version != "1" && *version != "2")
        return unexpected(reject(Rejection::unsupported_version,
                                 "SignatureVersion \"" + std::string(version->subview().substr(0, 16)) +
                                     "\" is not supported (1 and 2 are)"));
    e.signature_version = std::string(*version);

    const bool notification = e.type == MessageType::notification;
    std::optional<Error> failed;  // the first field that is missing
    auto need = [&failed](std::string& out, Result<std::string, Error> r) {
        if (failed) return;
        if (r) {
            out = std::move(*r);
        } else {
            failed = std::move(r).error();
        }
    };
    need(e.message, required(*o, "Message"));
    need(e.message_id, required(*o, "MessageId"));
    need(e.timestamp, required(*o, "Timestamp"));
    need(e.topic_arn, required(*o, "TopicArn"));
    need(e.signature, required(*o, "Signature"));
    if (!notification) {
        need(e.subscribe_url, required(*o, "SubscribeURL"));
        need(e.token, required(*o, "Token"));
    }
    need(e.signing_cert_url, required_either(*o, "SigningCertURL", "SigningCertUrl"));
    if (failed) return unexpected(std::move(*failed));

    // Subject is signed when the key is there; Lambda writes null for none.
    if (notification) {
        if (const json::string* subject = string_member(*o, "Subject", present)) {
            e.subject = std::string(*subject);
            e.has_subject = true;
        } else if (present && !o->at("Subject").is_null()) {
            return unexpected(reject(Rejection::missing_field, "SNS field Subject is not a string"));
        }
        e.unsubscribe_url = optional_either(*o, "UnsubscribeURL", "UnsubscribeUrl");
    }
    return e;
}

}  // namespace mailwarden::sns
