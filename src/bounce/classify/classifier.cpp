#include "bounce/classify/classifier.hpp"

#include "bounce/classify/phrase_table.hpp"
#include "bounce/classify/status_codes.hpp"
#include "bounce/mime/ascii.hpp"

#include <array>

namespace mailwarden::bounce_detail {

namespace {

using R = BounceReason;

// When a text names several causes, the most specific wins: what is wrong
// with the address before what is wrong with the sender, the sender's
// authentication before a generic block, a block before "spam", and the
// vague ones (expired, system errors) last.
constexpr std::array precedence = {
    R::suppressed,     R::has_moved,        R::not_accept,     R::host_unknown,    R::user_unknown,
    R::mailbox_full,   R::suspended,        R::exceed_limit,   R::message_too_big, R::virus_detected,
    R::auth_failure,   R::require_ptr,      R::failed_starttls, R::no_relaying,    R::bad_reputation,
    R::too_many_connections, R::rate_limited, R::blocked,       R::spam_detected,   R::policy_violation,
    R::not_compliant_rfc, R::content_error, R::security_error, R::filtered,        R::rejected,
    R::expired,        R::system_full,      R::network_error,  R::system_error,    R::mailer_error,
    R::syntax_error,   R::on_hold,
};

bool hard_reason(R r) noexcept {
    return r == R::user_unknown || r == R::host_unknown || r == R::has_moved || r == R::not_accept ||
           r == R::suppressed;
}

// X.1.7 (bad sender mailbox syntax) and X.1.8 (bad sender system address).
bool sender_status(std::string_view s) noexcept {
    return s.size() == 5 && (s.substr(1) == ".1.7" || s.substr(1) == ".1.8");
}

// X.1.1 to X.1.6 and X.1.10: a status that names the recipient's address.
bool address_status(std::string_view s) noexcept {
    if (s.size() < 5 || s.substr(1, 3) != ".1.") return false;
    const std::string_view d = s.substr(4);
    return d == "1" || d == "2" || d == "3" || d == "4" || d == "6" || d == "10";
}

}  // namespace

BounceReason strongest(std::uint64_t reasons) noexcept {
    for (const R r : precedence)
        if (reasons & reason_bit(r)) return r;
    return R::undefined;
}

SmtpCommand find_smtp_command(std::string_view raw) {
    // Reports wrap lines anywhere: "(in reply to end\n    of DATA command)".
    const std::string text = normalize_text(raw.substr(0, 16384));
    struct Cue {
        std::string_view phrase;
        SmtpCommand command;
    };
    // The first cue found in the text decides.
    static constexpr Cue cues[] = {
        {"in reply to end of data", SmtpCommand::data},
        {"in reply to data", SmtpCommand::data},
        {"after end of data", SmtpCommand::data},
        {"after data", SmtpCommand::data},
        {"did not like our final data", SmtpCommand::data},
        {"did not like our data", SmtpCommand::data},
        {">>> data", SmtpCommand::data},
        {"smtp command data", SmtpCommand::data},
        {"in reply to rcpt to", SmtpCommand::rcpt},
        {"after rcpt", SmtpCommand::rcpt},
        {"did not like our rcpt", SmtpCommand::rcpt},
        {">>> rcpt to", SmtpCommand::rcpt},
        {"rcpt to response", SmtpCommand::rcpt},
        {"in reply to mail from", SmtpCommand::mail},
        {"after mail from", SmtpCommand::mail},
        {"did not like our mail from", SmtpCommand::mail},
        {">>> mail from", SmtpCommand::mail},
        {"in reply to helo", SmtpCommand::helo},
        {"in reply to ehlo", SmtpCommand::helo},
        {"while performing the helo", SmtpCommand::helo},
        {"while performing the ehlo", SmtpCommand::helo},
        {"after initial connection", SmtpCommand::connect},
        {"refused to talk to me", SmtpCommand::connect},
    };
    std::size_t best = std::string_view::npos;
    SmtpCommand found = SmtpCommand::unknown;
    for (const Cue& cue : cues) {
        const std::size_t at = text.find(cue.phrase);  // both in lower case
        if (at < best) {
            best = at;
            found = cue.command;
        }
    }
    return found;
}

Verdict classify(const Evidence& ev) {
    Verdict v;
    v.status = valid_status(ev.status) ? std::string(ev.status) : find_status(ev.diagnostic);
    v.smtp_code = ev.smtp_code != 0 ? ev.smtp_code : find_reply_code(ev.diagnostic);
    const std::string_view action = trim(ev.action);
    if (iequals(action, "delivered") || iequals(action, "relayed") || iequals(action, "expanded") ||
        (!v.status.empty() && v.status[0] == '2' && !iequals(action, "failed") && !iequals(action, "delayed"))) {
        v.bounce_class = BounceClass::none;
        v.reason = R::delivered;
        return v;
    }

    const std::string text = normalize_text(ev.diagnostic);
    const PhraseMatch m = failure_matcher().match(text);
    R reason = strongest(m.decisive);
    if (reason == R::undefined) reason = strongest(m.strong);
    if (reason == R::undefined) reason = reason_for_status(v.status);
    if (reason == R::undefined) reason = strongest(m.weak);
    if (reason == R::undefined) reason = reason_for_reply_code(v.smtp_code);
    // X.1.7 and X.1.8 are about the sender's address: "no such domain"
    // under them names the sender's domain, not the recipient's.
    if ((reason == R::user_unknown || reason == R::host_unknown) && sender_status(v.status)) reason = R::rejected;
    // Recipients are checked at RCPT TO: "no such user" in answer to the
    // message itself, without a status code naming the address, comes from
    // a content filter. Refusals at MAIL FROM are about the sender.
    if (reason == R::user_unknown && ev.command == SmtpCommand::data && !address_status(v.status)) reason = R::filtered;
    if ((reason == R::user_unknown || reason == R::undefined) && ev.command == SmtpCommand::mail) reason = R::rejected;
    const bool evidence = reason != R::undefined;
    v.reason = evidence ? reason : ev.hint.reason;

    if (iequals(action, "delayed")) {
        v.bounce_class = BounceClass::none;
        return v;
    }
    // A 4xx reply (or, without one, a 4.x.x status) says the failure is
    // temporary, whatever the cause: the address may be fine tomorrow.
    const bool temporary =
        v.smtp_code != 0 ? v.smtp_code / 100 == 4 : (!v.status.empty() && v.status[0] == '4');
    if (temporary) {
        v.bounce_class = BounceClass::soft;
    } else if (evidence) {
        v.bounce_class = hard_reason(reason) ? BounceClass::hard : BounceClass::soft;
    } else {
        // Nothing in the recipient's own report: the reporter's verdict.
        v.bounce_class = ev.hint.bounce_class == BounceClass::none ? BounceClass::soft : ev.hint.bounce_class;
    }
    return v;
}

}  // namespace mailwarden::bounce_detail
