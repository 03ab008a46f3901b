// Bounces without a DSN part: qmail, Exim, old Gmail and Yahoo, Exchange
// 2003, Domino, many gateways. Whether a mail is one follows from who sent
// it (MAILER-DAEMON, postmaster, X-Failed-Recipients), its subject and its
// wording; the recipients and their errors from the report's text.
#include "bounce/classify/diagnostic_text.hpp"
#include "bounce/classify/phrase_table.hpp"
#include "bounce/mail/delay_notice.hpp"
#include "bounce/mail/mail_context.hpp"
#include "bounce/mail/recipient_finder.hpp"
#include "bounce/mime/ascii.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>

namespace mailwarden::bounce_detail {

namespace {

bool any_of_in(std::string_view text, std::initializer_list<std::string_view> phrases) {
    for (const std::string_view p : phrases)
        if (ifind(text, p) != std::string_view::npos) return true;
    return false;
}

bool daemon_sender(const MailContext& m) {
    const std::string_view from = m.mail.root.headers.get("From");
    if (any_of_in(from, {"mailer-daemon", "mailer_daemon", "mail-daemon", "maildaemon", "postmaster", "post_master",
                         "mail delivery", "mailer daemon", "mail administrator", "mail system", "mmdf",
                         "mail.delivery"}))
        return true;
    const std::string_view return_path = trim(m.mail.root.headers.get("Return-Path"));
    return return_path == "<>" || return_path == "<MAILER-DAEMON>";
}

bool bounce_subject(std::string_view s) {
    return any_of_in(s, {"undeliver", "undelivered", "delivery fail", "failure notice", "returned mail",
                         "delivery status notification", "mail delivery failed", "delivery failure", "non-deliver",
                         "nondeliver", "not delivered", "could not be delivered", "delivery problem",
                         "mail system error", "message delivery has failed", "returned to sender",
                         "could not send message", "delivery notification", "mail failure", "mail error",
                         "failed delivery", "rejected", "delivery status", "undeliverable",
                         "\xe3\x83\xa1\xe3\x83\xbc\xe3\x83\xab\xe3\x82\xa8\xe3\x83\xa9\xe3\x83\xbc",  // メールエラー
                         "\xe9\x85\x8d\xe4\xbf\xa1\xe4\xb8\x8d\xe8\x83\xbd",                        // 配信不能
                         "\xe8\xbf\x94\xe9\x80\x81"});                                              // 返送
}

bool bounce_wording(std::string_view report) {
    const std::string text = normalize_text(report.substr(0, 8192));
    // A failure phrase (no such user, mailbox full ...) is wording enough.
    if (failure_matcher().match(text).strong != 0) return true;
    return any_of_in(text,
                     {"could not be delivered", "couldn't be delivered", "was not delivered", "wasn't able to deliver",
                      "unable to deliver", "not able to deliver", "delivery to the following recipient",
                      "permanent error", "permanent fatal error", "failed to deliver", "undeliverable",
                      "following address(es) failed", "following address failed", "following addresses failed",
                      "error delivering", "delivery has failed", "could not deliver", "did not reach",
                      "delivery failed", "message could not be", "had delivery problems", "following recipient",
                      "not delivered to", "delivery error", "error occurred while trying to deliver",
                      "failure reasons", "failed recipient", "delivery failure", "your message to",
                      "returned mail", "mailbox", "unknown user", "user unknown", "smtp error"});
}

}  // namespace

bool read_plain_bounce(const MailContext& m, FeedbackEvent& out) {
    const HeaderBlock& h = m.mail.root.headers;
    const bool marked = h.has("X-Failed-Recipients") ||
                               find_entity(m.mail.root, delivery_status_part) != nullptr;
    const bool daemon = daemon_sender(m);
    const bool subject = bounce_subject(m.subject);
    const bool wording = bounce_wording(m.report);
    const bool delayed = delay_notice(m.subject, m.report);
    // A mail delivery program returning a message: a bounce in any language.
    const bool returned = daemon && m.original.found;
    if (!(marked || (daemon && (subject || wording || delayed)) || (subject && wording) || returned))
        return false;

    std::vector<FoundRecipient> found;
    // Exim and its kin list the failed recipients in a header.
    for (const HeaderField& f : h.fields) {
        if (!iequals(f.name, "X-Failed-Recipients")) continue;
        for (std::string& a : addresses_in(f.value)) {
            const std::size_t at = ifind(m.report, a);
            found.push_back({std::move(a), at == std::string_view::npos ? 0 : at});
        }
    }
    if (found.empty()) found = find_recipients(m.report, m.not_recipients);
    if (found.empty()) {
        const std::size_t at = m.from.rfind('@');
        if (at != std::string::npos) found = find_bare_recipients(m.report, std::string_view(m.from).substr(at + 1));
    }
    // Someone who mailed themselves: the bounce's To is the recipient too.
    if (found.empty()) found = find_recipients(m.report, {m.from});
    bool from_original = false;
    if (found.empty()) {
        // Nothing named in the report: the returned message's recipients.
        for (const std::string& to : m.original.to) found.push_back({to, std::string_view::npos});
        from_original = true;
    }
    if (found.empty()) return false;

    out.format = FeedbackFormat::plain_bounce;
    out.kind = delayed ? FeedbackKind::delay : FeedbackKind::bounce;
    std::vector<std::size_t> offsets;
    for (const FoundRecipient& f : found) offsets.push_back(f.offset);
    std::sort(offsets.begin(), offsets.end());
    for (const FoundRecipient& f : found) {
        RecipientFeedback r;
        r.address = f.address;
        std::string_view window = m.report;
        if (!from_original && found.size() > 1 && f.offset != std::string_view::npos) {
            const auto next = std::upper_bound(offsets.begin(), offsets.end(), f.offset);
            window = recipient_window(m.report, f.offset, next == offsets.end() ? std::string_view::npos : *next);
        }
        const std::string diagnostic = diagnostic_lines(
            found.size() > 1 || f.offset == std::string_view::npos ? window
                                                                   : recipient_window(m.report, f.offset, std::string_view::npos));
        classify_recipient({delayed ? "delayed" : "failed", {}, diagnostic, window}, r);
        r.diagnostic = one_line(diagnostic, 1000);
        if (!delayed && r.bounce_class == BounceClass::none && r.reason != BounceReason::delivered)
            r.bounce_class = BounceClass::soft;
        out.recipients.push_back(std::move(r));
    }
    return true;
}

}  // namespace mailwarden::bounce_detail
