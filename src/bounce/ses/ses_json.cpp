// SES feedback notifications and published events into a FeedbackEvent.
// The two formats share their objects (mail, bounce, complaint, delivery);
// only the type key differs. AWS adds fields and event types over time, so
// anything this version does not know is skipped, never an error.
#include "bounce/classify/classifier.hpp"
#include "bounce/classify/diagnostic_text.hpp"
#include "bounce/feedback/idempotency.hpp"
#include "bounce/mime/ascii.hpp"
#include "bounce/ses/ses_hints.hpp"

#include <boost/json.hpp>

#include <array>

namespace mailwarden {

namespace {

namespace json = boost::json;
namespace bd = bounce_detail;
using R = BounceReason;

// Absent, null and non-string members read as empty.
std::string_view str(const json::object* o, std::string_view key) noexcept {
    if (o == nullptr) return {};
    const auto it = o->find(key);
    if (it == o->end()) return {};
    const json::string* s = it->value().if_string();
    return s ? std::string_view(*s) : std::string_view{};
}

const json::object* obj(const json::object* o, std::string_view key) noexcept {
    if (o == nullptr) return nullptr;
    const auto it = o->find(key);
    return it == o->end() ? nullptr : it->value().if_object();
}

const json::array* arr(const json::object* o, std::string_view key) noexcept {
    if (o == nullptr) return nullptr;
    const auto it = o->find(key);
    return it == o->end() ? nullptr : it->value().if_array();
}

RecipientFeedback recipient(std::string_view address, BounceClass c, R reason) {
    RecipientFeedback r;
    r.address = std::string(bd::trim(address));
    r.bounce_class = c;
    r.reason = reason;
    return r;
}

// Every recipient of the message, for events about the message as a whole.
void destination_recipients(FeedbackEvent& e, const json::object* mail, R reason) {
    if (const json::array* dest = arr(mail, "destination"))
        for (const json::value& d : *dest)
            if (const json::string* s = d.if_string(); s && !s->empty())
                e.recipients.push_back(recipient(*s, BounceClass::none, reason));
}

// A recipient with a DSN-like report (bounces and delays): classified. A
// delay is a delay whatever its recipients' action says.
void reported_recipient(FeedbackEvent& e, const json::object& r, std::string_view action_default,
                        const bd::Hint& hint, std::string_view remote_mta) {
    const std::string_view address = str(&r, "emailAddress");
    if (address.empty()) return;
    RecipientFeedback out = recipient(address, BounceClass::soft, R::undefined);
    const bool delay = action_default == "delayed";
    const std::string_view action = delay || str(&r, "action").empty() ? action_default : str(&r, "action");
    out.action = bd::to_lower(action);
    out.diagnostic = bd::one_line(bd::strip_diagnostic_type(str(&r, "diagnosticCode")));
    bd::Evidence ev;
    ev.action = action;
    ev.status = str(&r, "status");
    ev.diagnostic = out.diagnostic;
    ev.command = bd::find_smtp_command(out.diagnostic);
    ev.hint = hint;
    const bd::Verdict v = bd::classify(ev);
    out.bounce_class = v.bounce_class;
    out.reason = v.reason;
    out.status = v.status;
    out.smtp_code = v.smtp_code;
    out.remote_mta = std::string(remote_mta);
    e.recipients.push_back(std::move(out));
}

void read_bounce(FeedbackEvent& e, const json::object* b) {
    e.kind = FeedbackKind::bounce;
    e.ses_bounce_type = str(b, "bounceType");
    e.ses_bounce_subtype = str(b, "bounceSubType");
    e.feedback_id = str(b, "feedbackId");
    e.reporting_mta = bd::strip_diagnostic_type(str(b, "reportingMTA"));
    e.timestamp = str(b, "timestamp");
    const bd::Hint hint = bd::ses_bounce_hint(e.ses_bounce_type, e.ses_bounce_subtype);
    if (const json::array* list = arr(b, "bouncedRecipients"))
        for (const json::value& r : *list)
            if (const json::object* ro = r.if_object()) reported_recipient(e, *ro, "failed", hint, str(b, "remoteMtaIp"));
}

void read_complaint(FeedbackEvent& e, const json::object* c) {
    e.kind = FeedbackKind::complaint;
    e.feedback_id = str(c, "feedbackId");
    e.feedback_type = str(c, "complaintFeedbackType");
    e.timestamp = str(c, "timestamp");
    if (const json::array* list = arr(c, "complainedRecipients"))
        for (const json::value& r : *list)
            if (const json::object* ro = r.if_object(); ro && !str(ro, "emailAddress").empty())
                e.recipients.push_back(recipient(str(ro, "emailAddress"), BounceClass::none, R::feedback));
}

void read_delivery(FeedbackEvent& e, const json::object* d) {
    e.kind = FeedbackKind::delivery;
    e.timestamp = str(d, "timestamp");
    e.reporting_mta = str(d, "reportingMTA");
    const std::string_view response = str(d, "smtpResponse");
    if (const json::array* list = arr(d, "recipients")) {
        for (const json::value& r : *list) {
            const json::string* s = r.if_string();
            if (s == nullptr || s->empty()) continue;
            RecipientFeedback out = recipient(*s, BounceClass::none, R::delivered);
            out.action = "delivered";
            out.diagnostic = bd::one_line(response);
            bd::Evidence ev;
            ev.action = "delivered";
            ev.diagnostic = response;
            const bd::Verdict v = bd::classify(ev);
            out.status = v.status;
            out.smtp_code = v.smtp_code;
            out.remote_mta = std::string(str(d, "remoteMtaIp"));
            e.recipients.push_back(std::move(out));
        }
    }
}

void read_delay(FeedbackEvent& e, const json::object* d) {
    e.kind = FeedbackKind::delay;
    e.timestamp = str(d, "timestamp");
    e.reporting_mta = bd::strip_diagnostic_type(str(d, "reportingMTA"));
    const bd::Hint hint = bd::ses_delay_hint(str(d, "delayType"));
    if (const json::array* list = arr(d, "delayedRecipients"))
        for (const json::value& r : *list)
            if (const json::object* ro = r.if_object()) reported_recipient(e, *ro, "delayed", hint, str(d, "remoteMtaIp"));
}

struct TypeKey {
    std::string_view type;  // notificationType / eventType
    std::string_view key;   // the object that describes it
};

}  // namespace

Result<FeedbackEvent, Error> parse_ses_json(std::string_view text) {
    if (text.size() > max_feedback_input)
        return unexpected(Error(errc::out_of_range, "the SES document is larger than 16 MiB"));
    // Most documents fit: the DOM lives on the stack, no allocation per node.
    std::array<unsigned char, 16384> scratch;
    json::monotonic_resource arena(scratch.data(), scratch.size());
    json::error_code ec;
    const json::value doc = json::parse(text, ec, &arena);
    const json::object* o = ec ? nullptr : doc.if_object();
    if (o == nullptr) return unexpected(Error(errc::parse, "not a JSON object"));

    FeedbackEvent e;
    std::string_view type = str(o, "notificationType");
    e.format = FeedbackFormat::ses_notification;
    if (type.empty()) {
        type = str(o, "eventType");
        e.format = FeedbackFormat::ses_event;
    }
    if (type.empty())
        return unexpected(Error(errc::parse, "neither an SES notification (notificationType) nor an SES event (eventType)"));
    e.event_type = type;
    const json::object* mail = obj(o, "mail");
    e.message_id = str(mail, "messageId");
    e.sender = str(mail, "source");

    if (type == "Bounce") {
        read_bounce(e, obj(o, "bounce"));
    } else if (type == "Complaint") {
        read_complaint(e, obj(o, "complaint"));
    } else if (type == "Delivery") {
        read_delivery(e, obj(o, "delivery"));
    } else if (type == "DeliveryDelay") {
        read_delay(e, obj(o, "deliveryDelay"));
    } else if (type == "Send") {
        e.kind = FeedbackKind::send;
        destination_recipients(e, mail, R::undefined);
    } else if (type == "Reject") {
        e.kind = FeedbackKind::reject;
        // SES's only reason today is "Bad content": a virus.
        const std::string_view why = str(obj(o, "reject"), "reason");
        destination_recipients(e, mail, why.empty() || bd::ifind(why, "bad content") != std::string_view::npos ||
                                                bd::ifind(why, "virus") != std::string_view::npos
                                            ? R::virus_detected
                                            : R::rejected);
    } else {
        // Rendering Failure, Open, Click, Subscription and types added later.
        e.kind = FeedbackKind::other;
        destination_recipients(e, mail, R::undefined);
        static constexpr TypeKey detail[] = {{"Open", "open"}, {"Click", "click"}, {"Subscription", "subscription"}};
        for (const TypeKey& t : detail)
            if (type == t.type) e.timestamp = str(obj(o, t.key), "timestamp");
    }
    if (e.timestamp.empty()) e.timestamp = str(mail, "timestamp");
    bd::assign_ses_keys(e, e.feedback_id.empty() ? std::string_view(e.timestamp) : std::string_view(e.feedback_id));
    return e;
}

}  // namespace mailwarden
