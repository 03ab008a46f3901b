#include "bounce/mail/mail_context.hpp"

#include "bounce/classify/classifier.hpp"
#include "bounce/classify/diagnostic_text.hpp"
#include "bounce/mail/report_text.hpp"
#include "bounce/mime/ascii.hpp"

namespace mailwarden::bounce_detail {

MailContext make_mail_context(std::string_view raw) {
    MailContext m;
    m.mail = parse_mail(raw);
    m.report = report_text(m.mail);
    m.original = find_original_message(m.mail);
    const HeaderBlock& h = m.mail.root.headers;
    const auto from = addresses_in(h.get("From"));
    if (!from.empty()) m.from = from.front();
    m.subject = m.mail.root.header_text("Subject");
    m.not_recipients = from;
    for (const std::string_view name : {"To", "Return-Path", "Reply-To"})
        for (std::string& a : addresses_in(h.get(name))) m.not_recipients.push_back(std::move(a));
    if (!m.original.from.empty()) m.not_recipients.push_back(m.original.from);
    return m;
}

bool delivery_status_part(const Entity& e) noexcept {
    return e.content_type.type == "message" &&
           (e.content_type.subtype == "delivery-status" || e.content_type.subtype == "global-delivery-status");
}

void classify_recipient(const RecipientReport& report, RecipientFeedback& r) {
    Evidence ev;
    ev.action = report.action;
    ev.status = report.status;
    ev.diagnostic = report.diagnostic;
    ev.command = find_smtp_command(report.diagnostic);
    if (ev.command == SmtpCommand::unknown) ev.command = find_smtp_command(report.context);
    Verdict v = classify(ev);
    // The server's own text said nothing usable: what the report around it says.
    if (v.reason == BounceReason::undefined && !report.context.empty()) {
        const std::string both = std::string(report.diagnostic) + "\n" + std::string(report.context);
        ev.diagnostic = both;
        const std::string status = v.status;
        const int code = v.smtp_code;
        v = classify(ev);
        if (!status.empty()) v.status = status;
        if (code != 0) v.smtp_code = code;
    }
    r.bounce_class = v.bounce_class;
    r.reason = v.reason;
    r.status = v.status;
    r.smtp_code = v.smtp_code;
    r.action = to_lower(trim(report.action));
}

}  // namespace mailwarden::bounce_detail
