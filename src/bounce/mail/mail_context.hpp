// What every reader of a mail gets: the parsed mail, its human-readable
// report, the returned original, and the addresses that are not recipients
// (the bounce's own From and To). Built once per mail.
#pragma once

#include "bounce/mail/original_message.hpp"
#include "bounce/mime/entity.hpp"

#include <mailwarden/bounce.hpp>

#include <string>
#include <vector>

namespace mailwarden::bounce_detail {

struct MailContext {
    Mail mail;
    std::string report;  ///< report_text(mail)
    OriginalMessage original;
    std::string from;     ///< the address in the mail's From
    std::string subject;  ///< decoded
    std::vector<std::string> not_recipients;
};

MailContext make_mail_context(std::string_view raw);

/// A message/delivery-status (or global-delivery-status) part: a delivery
/// report by RFC 3464, even one that names no recipient.
bool delivery_status_part(const Entity& e) noexcept;

/// Readers: each returns false when the mail is not of its kind.
bool read_arf(const MailContext& m, FeedbackEvent& out);
bool read_dsn(const MailContext& m, FeedbackEvent& out);
bool read_plain_bounce(const MailContext& m, FeedbackEvent& out);
bool read_auto_reply(const MailContext& m, FeedbackEvent& out);
bool read_ses_json_mail(const MailContext& m, FeedbackEvent& out);

/// Classifies one recipient whose report is `diagnostic` (the remote
/// server's text) and `context` (the human-readable text about it), and
/// fills the outcome fields of `r`.
struct RecipientReport {
    std::string_view action;
    std::string_view status;
    std::string_view diagnostic;
    std::string_view context;
};
void classify_recipient(const RecipientReport& report, RecipientFeedback& r);

}  // namespace mailwarden::bounce_detail
