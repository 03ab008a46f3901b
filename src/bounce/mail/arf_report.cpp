// ARF complaint reports (RFC 5965): a message/feedback-report part with
// Feedback-Type (abuse, fraud, not-spam, virus, auth-failure, opt-out ...)
// and the complained-about recipient in Original-Rcpt-To, else
// Removal-Recipient, else the returned message's To. Also the older
// Hotmail/Outlook.com complaint mails that carry only the message.
#include "bounce/mail/dsn_fields.hpp"
#include "bounce/mail/mail_context.hpp"
#include "bounce/mime/ascii.hpp"

namespace mailwarden::bounce_detail {

namespace {

bool feedback_report(const Entity& e) { return e.content_type.is("message", "feedback-report"); }

void add_complainant(FeedbackEvent& out, std::string address) {
    if (address.empty()) return;
    for (const RecipientFeedback& r : out.recipients)
        if (iequals(r.address, address)) return;
    RecipientFeedback r;
    r.address = std::move(address);
    r.bounce_class = BounceClass::none;
    r.reason = BounceReason::feedback;
    out.recipients.push_back(std::move(r));
}

// Hotmail's JMRP format: a mail from staff@hotmail.com, "complaint about
// message from <ip>", with the message attached and no report part.
bool hotmail_complaint(const MailContext& m) {
    return iequals(m.from, "staff@hotmail.com") && ifind(m.subject, "complaint about message") != std::string_view::npos;
}

}  // namespace

bool read_arf(const MailContext& m, FeedbackEvent& out) {
    const Entity* part = find_entity(m.mail.root, feedback_report);
    if (part == nullptr && !hotmail_complaint(m)) return false;
    out.format = FeedbackFormat::arf;
    out.kind = FeedbackKind::complaint;
    if (part != nullptr) {
        const std::string text = part->text();  // the fields' names point into it
        HeaderBlock fields;
        parse_header_block(text, fields);
        out.feedback_type = to_lower(trim(fields.get("Feedback-Type")));
        out.reporting_mta = std::string(trim(fields.get("Reporting-MTA")));
        out.timestamp = std::string(trim(fields.get("Arrival-Date")));
        for (const HeaderField& f : fields.fields)
            if (iequals(f.name, "Original-Rcpt-To")) add_complainant(out, clean_address(f.value));
        if (out.recipients.empty())
            for (const HeaderField& f : fields.fields)
                if (iequals(f.name, "Removal-Recipient")) add_complainant(out, clean_address(f.value));
    } else {
        out.feedback_type = "abuse";
    }
    if (out.recipients.empty()) {
        // The returned message: Hotmail names the complainant in its own header.
        const Entity* message = find_entity(m.mail.root, [](const Entity& e) { return e.holds_message(); });
        if (message != nullptr && !message->children.empty()) {
            const HeaderBlock& h = message->children.front().headers;
            add_complainant(out, clean_address(h.get("X-HmXmrOriginalRecipient")));
        }
        for (const std::string& to : m.original.to) add_complainant(out, to);
    }
    return true;
}

}  // namespace mailwarden::bounce_detail
