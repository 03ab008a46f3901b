// SES notifications and published events (the AWS documentation's own
// examples, tests/data/ses-events, and mailbox-simulator notifications,
// tests/data/bounces/ses-json): kinds, recipients, classes, the bounceType
// hint against the recipient's own evidence, idempotency keys.
#include "test_files.hpp"

#include <mailwarden/bounce.hpp>

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <set>

using namespace mailwarden;
using bounce_test::read_data;
namespace json = boost::json;

namespace {

FeedbackEvent parse(const std::string& text) {
    auto e = parse_ses_json(text);
    REQUIRE_MESSAGE(e.has_value(), e.error().describe());
    return std::move(*e);
}

// A notification with one bounced recipient.
std::string bounce(const char* type, const char* subtype, const char* recipient_fields,
                   const char* address = "a@example.com") {
    return std::string(R"({"notificationType":"Bounce","bounce":{"bounceType":")") + type +
           R"(","bounceSubType":")" + subtype + R"(","feedbackId":"f-1","bouncedRecipients":[{"emailAddress":")" +
           address + "\"" + recipient_fields + R"(}]},"mail":{"messageId":"m-1","destination":["a@example.com"]}})";
}

const RecipientFeedback& only(const FeedbackEvent& e) {
    REQUIRE(e.recipients.size() == 1);
    return e.recipients.front();
}

}  // namespace

TEST_CASE("the AWS examples: format, kind and one classified recipient each") {
    struct Case {
        const char* file;
        FeedbackFormat format;
        FeedbackKind kind;
        BounceClass cls;
        BounceReason reason;
    };
    const Case cases[] = {
        {"event-bounce.json", FeedbackFormat::ses_event, FeedbackKind::bounce, BounceClass::hard, BounceReason::user_unknown},
        {"event-complaint.json", FeedbackFormat::ses_event, FeedbackKind::complaint, BounceClass::none, BounceReason::feedback},
        {"event-delivery.json", FeedbackFormat::ses_event, FeedbackKind::delivery, BounceClass::none, BounceReason::delivered},
        {"event-delayed-delivery.json", FeedbackFormat::ses_event, FeedbackKind::delay, BounceClass::none, BounceReason::network_error},
        {"event-send.json", FeedbackFormat::ses_event, FeedbackKind::send, BounceClass::none, BounceReason::undefined},
        {"event-reject.json", FeedbackFormat::ses_event, FeedbackKind::reject, BounceClass::none, BounceReason::virus_detected},
        {"event-open.json", FeedbackFormat::ses_event, FeedbackKind::other, BounceClass::none, BounceReason::undefined},
        {"event-click.json", FeedbackFormat::ses_event, FeedbackKind::other, BounceClass::none, BounceReason::undefined},
        {"event-failure.json", FeedbackFormat::ses_event, FeedbackKind::other, BounceClass::none, BounceReason::undefined},
        {"event-subscription.json", FeedbackFormat::ses_event, FeedbackKind::other, BounceClass::none, BounceReason::undefined},
        {"notif-bounce-with-dsn.json", FeedbackFormat::ses_notification, FeedbackKind::bounce, BounceClass::hard, BounceReason::user_unknown},
        {"notif-complaint-no-feedback.json", FeedbackFormat::ses_notification, FeedbackKind::complaint, BounceClass::none, BounceReason::feedback},
        {"notif-complaint-with-feedback.json", FeedbackFormat::ses_notification, FeedbackKind::complaint, BounceClass::none, BounceReason::feedback},
        {"notif-delivery.json", FeedbackFormat::ses_notification, FeedbackKind::delivery, BounceClass::none, BounceReason::delivered},
    };
    for (const Case& c : cases) {
        CAPTURE(std::string(c.file));
        const FeedbackEvent e = parse(read_data(std::string("ses-events/") + c.file));
        CHECK(e.format == c.format);
        CHECK(e.kind == c.kind);
        CHECK_FALSE(e.message_id.empty());
        CHECK_FALSE(e.idempotency_key.empty());
        const RecipientFeedback& r = only(e);
        CHECK(r.bounce_class == c.cls);
        CHECK(r.reason == c.reason);
        CHECK_FALSE(r.idempotency_key.empty());
    }
}

TEST_CASE("bounce details: status, reply code, diagnostic without its type, remote MTA, SES's types") {
    const FeedbackEvent e = parse(read_data("ses-events/notif-bounce-with-dsn.json"));
    const RecipientFeedback& r = only(e);
    CHECK(r.address == "jane@example.com");
    CHECK(r.status == "5.1.1");
    CHECK(r.smtp_code == 550);
    CHECK(r.diagnostic == "550 5.1.1 <jane@example.com>... User");
    CHECK(r.remote_mta == "127.0.2.0");
    CHECK(r.action == "failed");
    CHECK(e.ses_bounce_type == "Permanent");
    CHECK(e.ses_bounce_subtype == "General");
    CHECK(e.reporting_mta == "email.example.com");
    CHECK(e.feedback_id == "00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa068a-000000");
    CHECK(e.message_id == "00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa0680-000000");
    CHECK(e.sender == "john@example.com");
    // Without a DSN, SES's Permanent/General decides: hard, cause unknown.
    const FeedbackEvent no_dsn = parse(read_data("ses-events/notif-bounce-no-dsn.json"));
    REQUIRE(no_dsn.recipients.size() == 2);
    for (const auto& x : no_dsn.recipients) {
        CHECK(x.bounce_class == BounceClass::hard);
        CHECK(x.reason == BounceReason::undefined);
    }
}

TEST_CASE("complaints carry their feedback type; deliveries their SMTP answer") {
    const FeedbackEvent c = parse(read_data("ses-events/notif-complaint-with-feedback.json"));
    CHECK(c.feedback_type == "abuse");
    CHECK_FALSE(c.feedback_id.empty());
    const FeedbackEvent d = parse(read_data("ses-events/notif-delivery.json"));
    CHECK(only(d).smtp_code == 250);
    CHECK(only(d).diagnostic == "250 ok: Message 64111812 accepted");
}

TEST_CASE("SES's bounceType is a hint; the recipient's status and diagnostic decide") {
    // Transient, but 5.1.1 / 5.4.4: the address is gone.
    CHECK(only(parse(bounce("Transient", "General", R"(,"status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 no such user")"))).bounce_class == BounceClass::hard);
    CHECK(only(parse(bounce("Transient", "General", R"(,"status":"5.4.4")"))).bounce_class == BounceClass::hard);
    // Permanent, but the cause is the sender's content: soft.
    const auto spam = parse(bounce("Permanent", "General", R"(,"status":"5.7.1","diagnosticCode":"smtp; 550 5.7.1 Message rejected as spam")"));
    CHECK(only(spam).bounce_class == BounceClass::soft);
    CHECK(only(spam).reason == BounceReason::spam_detected);
    // Permanent but temporary by its own reply code.
    CHECK(only(parse(bounce("Permanent", "General", R"(,"diagnosticCode":"smtp; 451 4.3.0 try later")"))).bounce_class == BounceClass::soft);
    // No evidence: the hint.
    const auto noemail = parse(bounce("Permanent", "NoEmail", ""));
    CHECK(only(noemail).bounce_class == BounceClass::hard);
    CHECK(only(noemail).reason == BounceReason::user_unknown);
    for (const char* sub : {"Suppressed", "OnAccountSuppressionList"}) {
        const auto s = parse(bounce("Permanent", sub, R"(,"diagnosticCode":"Amazon SES did not send the message to this address because it is on the suppression list for your account.")"));
        CHECK(only(s).bounce_class == BounceClass::hard);
        CHECK(only(s).reason == BounceReason::suppressed);
        CHECK(s.ses_bounce_subtype == sub);
    }
    const auto full = parse(bounce("Transient", "MailboxFull", ""));
    CHECK(only(full).bounce_class == BounceClass::soft);
    CHECK(only(full).reason == BounceReason::mailbox_full);
    for (const char* sub : {"General", "MessageTooLarge", "ContentRejected", "AttachmentRejected", "SomethingNew"})
        CHECK(only(parse(bounce("Transient", sub, ""))).bounce_class == BounceClass::soft);
    CHECK(only(parse(bounce("Undetermined", "Undetermined", ""))).bounce_class == BounceClass::soft);
}

TEST_CASE("a delay is no bounce, whatever its recipients' action says") {
    const FeedbackEvent e = parse(R"({"eventType":"DeliveryDelay","deliveryDelay":{"delayType":"MailboxFull",)"
                                  R"("delayedRecipients":[{"emailAddress":"a@example.com","action":"failed","status":"5.1.1"}]},)"
                                  R"("mail":{"messageId":"m-1"}})");
    CHECK(e.kind == FeedbackKind::delay);
    CHECK(only(e).bounce_class == BounceClass::none);
    CHECK(only(e).action == "delayed");
}

TEST_CASE("unknown fields and event types are ignored, never an error") {
    json::object o = json::parse(read_data("ses-events/event-bounce.json")).as_object();
    o["somethingAwsAddsLater"] = json::object{{"x", 1}};
    o["bounce"].as_object()["newField"] = json::array{1, 2};
    CHECK(only(parse(json::serialize(o))).bounce_class == BounceClass::hard);
    o["eventType"] = "Quarantine";
    const FeedbackEvent later = parse(json::serialize(o));
    CHECK(later.kind == FeedbackKind::other);
    CHECK(later.event_type == "Quarantine");
    // Known members of an unexpected shape read as absent.
    const FeedbackEvent odd = parse(R"({"notificationType":"Bounce","bounce":{"bouncedRecipients":{"not":"an array"}},"mail":7})");
    CHECK(odd.kind == FeedbackKind::bounce);
    CHECK(odd.recipients.empty());
}

TEST_CASE("what is not an SES document is a parse error") {
    for (const char* text : {"", "[]", "{}", "not json", R"({"notificationType":5})", R"({"Type":"Notification"})"}) {
        CAPTURE(std::string(text));
        const auto r = parse_ses_json(text);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().kind() == errc::parse);
    }
}

TEST_CASE("idempotency keys: stable, per recipient, shared by a notification and an event of the same bounce") {
    const std::string text = read_data("ses-events/notif-bounce-no-dsn.json");
    const FeedbackEvent a = parse(text);
    const FeedbackEvent b = parse(text);
    CHECK(a.idempotency_key == b.idempotency_key);
    REQUIRE(a.recipients.size() == 2);
    CHECK(a.recipients[0].idempotency_key == b.recipients[0].idempotency_key);
    CHECK(a.recipients[0].idempotency_key != a.recipients[1].idempotency_key);
    CHECK(a.recipients[0].idempotency_key.starts_with("ses:" + a.message_id + "|Bounce|jane@example.com|"));
    // The same bounce published as an event.
    json::object o = json::parse(text).as_object();
    o["eventType"] = o["notificationType"];
    o.erase("notificationType");
    const FeedbackEvent as_event = parse(json::serialize(o));
    CHECK(as_event.format == FeedbackFormat::ses_event);
    CHECK(as_event.recipients[0].idempotency_key == a.recipients[0].idempotency_key);
    // Case does not make another recipient.
    CHECK(parse(bounce("Permanent", "General", "")).recipients[0].idempotency_key ==
          parse(bounce("Permanent", "General", "", "A@Example.COM")).recipients[0].idempotency_key);
}

TEST_CASE("the simulator's notifications, bare and in an SNS envelope") {
    const FeedbackEvent hard = parse(read_data("bounces/ses-json/json-amazonses-01.json"));
    CHECK(only(hard).bounce_class == BounceClass::hard);
    CHECK(only(hard).reason == BounceReason::user_unknown);
    const auto enveloped = parse_feedback(read_data("bounces/ses-json/json-amazonses-02.json"));
    REQUIRE(enveloped.has_value());
    CHECK(enveloped->format == FeedbackFormat::sns_envelope);
    CHECK(enveloped->kind == FeedbackKind::bounce);
    CHECK_FALSE(enveloped->sns_message_id.empty());
    CHECK(enveloped->idempotency_key == "sns:" + enveloped->sns_message_id);
    CHECK(only(*enveloped).bounce_class == BounceClass::hard);
    CHECK(parse(read_data("bounces/ses-json/json-amazonses-03.json")).kind == FeedbackKind::complaint);
    CHECK(parse(read_data("bounces/ses-json/json-amazonses-04.json")).kind == FeedbackKind::delivery);
}

TEST_CASE("documents in a file: JSON Lines are many, a pretty-printed document or a mail is one") {
    const std::string lines = "{\"eventType\":\"Send\"}\n\n{\"eventType\":\"Open\"}\r\n";
    const auto docs = split_feedback_documents(lines);
    REQUIRE(docs.size() == 2);
    CHECK(docs[1] == "{\"eventType\":\"Open\"}");
    CHECK(split_feedback_documents(read_data("ses-events/event-bounce.json")).size() == 1);
    CHECK(split_feedback_documents("From: a@b\n\n{x}\n").size() == 1);
}

TEST_CASE("the JSON line: the contract's fields, null where unknown") {
    const FeedbackEvent e = parse(read_data("ses-events/notif-bounce-no-dsn.json"));
    const json::object o = json::parse(to_json(e, "in.json")).as_object();
    std::set<std::string> keys;
    for (const auto& kv : o) keys.insert(std::string(kv.key()));
    CHECK(keys == std::set<std::string>{"source", "format", "kind", "recipients"});
    CHECK(o.at("format") == "ses_notification");
    CHECK(o.at("kind") == "bounce");
    const json::object r = o.at("recipients").as_array().at(0).as_object();
    keys.clear();
    for (const auto& kv : r) keys.insert(std::string(kv.key()));
    CHECK(keys == std::set<std::string>{"address", "class", "status", "smtp_code", "reason", "diagnostic"});
    CHECK(r.at("class") == "hard");
    CHECK(r.at("status").is_null());
    CHECK(r.at("smtp_code").is_null());
    CHECK(r.at("diagnostic").is_null());
}
