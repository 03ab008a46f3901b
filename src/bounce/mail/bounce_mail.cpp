// A mail into a FeedbackEvent: which report it is decides the reader, in an
// order that settles the ambiguous cases — a complaint report before a DSN,
// a DSN before wording, a bounce before an auto-reply (Exim marks its
// bounces Auto-Submitted: auto-replied).
#include "bounce/feedback/idempotency.hpp"
#include "bounce/mail/mail_context.hpp"
#include "bounce/mime/ascii.hpp"

namespace mailwarden {

namespace bd = bounce_detail;

namespace bounce_detail {

// SES notifications sent by mail (an SNS e-mail subscription): the body is
// the JSON document, then SNS's footer after a "--" line.
bool read_ses_json_mail(const MailContext& m, FeedbackEvent& out) {
    std::string_view body = trim(m.report);
    if (!body.starts_with('{')) return false;
    if (const std::size_t footer = body.find("\n--\n"); footer != std::string_view::npos) body = trim(body.substr(0, footer));
    if (!body.ends_with('}')) return false;
    auto parsed = parse_ses_json(body);
    if (!parsed) {
        // Mail software folds long lines; JSON has no line ends inside strings.
        std::string unfolded;
        for (const char c : body)
            if (c != '\n') unfolded.push_back(c);
        parsed = parse_ses_json(unfolded);
    }
    if (!parsed) return false;
    out = std::move(*parsed);
    return true;
}

}  // namespace bounce_detail

Result<FeedbackEvent, Error> parse_bounce_mail(std::string_view raw) {
    if (raw.size() > max_feedback_input)
        return unexpected(Error(errc::out_of_range, "the mail is larger than 16 MiB"));
    const bd::MailContext m = bd::make_mail_context(raw);
    FeedbackEvent e;
    const bool read = bd::read_arf(m, e) || bd::read_dsn(m, e) || bd::read_ses_json_mail(m, e) ||
                      bd::read_plain_bounce(m, e) || bd::read_auto_reply(m, e);
    if (!read) {
        e = FeedbackEvent{};
        e.format = FeedbackFormat::mail;
        e.kind = FeedbackKind::other;
    }
    if (e.format == FeedbackFormat::ses_notification || e.format == FeedbackFormat::ses_event) return e;
    e.message_id = m.original.message_id;
    if (e.sender.empty()) e.sender = m.original.from;
    if (e.timestamp.empty()) e.timestamp = std::string(bd::trim(m.mail.root.headers.get("Date")));
    std::string_view own_id = bd::trim(m.mail.root.headers.get("Message-ID"));
    if (own_id.starts_with('<') && own_id.find('>') != std::string_view::npos) own_id = own_id.substr(1, own_id.find('>') - 1);
    bd::assign_mail_keys(e, own_id.empty() ? bd::content_hash(raw) : std::string(own_id));
    return e;
}

}  // namespace mailwarden
