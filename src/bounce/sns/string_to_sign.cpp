// What SNS signs: "Key\nvalue\n" for the type's keys in byte order of their
// names. A Notification signs Subject only when the message has one; no
// type signs MessageAttributes, UnsubscribeURL or SignatureVersion.
#include <mailwarden/sns.hpp>

namespace mailwarden::sns {

namespace {

void append(std::string& out, std::string_view key, std::string_view value) {
    out.append(key).push_back('\n');
    out.append(value).push_back('\n');
}

}  // namespace

std::string string_to_sign(const Envelope& e) {
    std::string out;
    out.reserve(e.message.size() + e.subscribe_url.size() + e.token.size() + e.subject.size() + 256);
    append(out, "Message", e.message);
    append(out, "MessageId", e.message_id);
    if (e.type == MessageType::notification) {
        if (e.has_subject) append(out, "Subject", e.subject);
    } else {
        append(out, "SubscribeURL", e.subscribe_url);
    }
    append(out, "Timestamp", e.timestamp);
    if (e.type != MessageType::notification) append(out, "Token", e.token);
    append(out, "TopicArn", e.topic_arn);
    append(out, "Type", to_string(e.type));
    return out;
}

}  // namespace mailwarden::sns
