// Auto-replies are not bounces: the mailbox exists and answered. RFC 3834's
// Auto-Submitted: auto-replied, the X-Autoreply / X-Autorespond family,
// Precedence: auto_reply, and Exchange's "Automatic reply:" subjects, which
// carry only X-Auto-Response-Suppress. The recipient is the one who replied.
#include "bounce/mail/mail_context.hpp"
#include "bounce/mime/ascii.hpp"

#include <initializer_list>

namespace mailwarden::bounce_detail {

namespace {

bool reply_subject(std::string_view s) {
    s = trim(s);
    for (const std::string_view p :
         {"automatic reply", "auto reply", "auto-reply", "autoreply", "auto:", "autoresponse", "auto response",
          "autorespons", "out of office", "out of the office", "abwesenheitsnotiz", "automatische antwort",
          "r\xc3\xa9ponse automatique", "respuesta autom\xc3\xa1tica", "risposta automatica", "vacation", "on vacation",
          "away from", "\xe8\x87\xaa\xe5\x8b\x95\xe5\xbf\x9c\xe7\xad\x94",  // 自動応答
          "\xe4\xb8\x8d\xe5\x9c\xa8"})                                    // 不在
        if (ifind(s, p) != std::string_view::npos) return true;
    return false;
}

// Subjects that begin as only auto-replies do.
bool reply_subject_prefix(std::string_view s) {
    s = trim(s);
    for (const std::string_view p : {"automatic reply:", "auto reply:", "auto-reply:", "autoreply:", "auto:",
                                     "out of office:", "out of office reply", "autoresponse", "abwesenheitsnotiz:",
                                     "automatische antwort:", "r\xc3\xa9ponse automatique"})
        if (istarts_with(s, p)) return true;
    return false;
}

}  // namespace

bool read_auto_reply(const MailContext& m, FeedbackEvent& out) {
    const HeaderBlock& h = m.mail.root.headers;
    const std::string_view submitted = trim(h.get("Auto-Submitted"));
    const bool rfc3834 = istarts_with(submitted, "auto-replied");
    const bool vendor = h.has("X-Autoreply") || h.has("X-Autorespond") || h.has("X-Autoresponder") ||
                        h.has("X-Autoresponse") || h.has("X-Auto-Reply") ||
                        iequals(trim(h.get("Precedence")), "auto_reply") ||
                        iequals(trim(h.get("X-Precedence")), "auto_reply") ||
                        iequals(trim(h.get("X-Apple-Action")), "vacation");
    const bool subject = reply_subject(m.subject);
    const bool exchange = h.has("X-Auto-Response-Suppress") && subject;
    const bool generated = istarts_with(submitted, "auto-generated") && subject;
    if (!(rfc3834 || vendor || exchange || generated || reply_subject_prefix(m.subject) ||
          (subject && trim(h.get("Return-Path")) == "<>")))
        return false;
    if (m.from.empty()) return false;
    out.format = FeedbackFormat::auto_reply;
    out.kind = FeedbackKind::auto_reply;
    RecipientFeedback r;
    r.address = m.from;
    r.bounce_class = BounceClass::none;
    r.reason = BounceReason::vacation;
    out.recipients.push_back(std::move(r));
    return true;
}

}  // namespace mailwarden::bounce_detail
