// One recipient's class and reason from what its report says: the DSN
// Action, the status code, the reply code, the diagnostic text, the SMTP
// command that failed, and a hint from the reporter (SES's bounceType).
#pragma once

#include <mailwarden/bounce.hpp>

#include <string>
#include <string_view>

namespace mailwarden::bounce_detail {

/// What the reporter itself concluded (SES bounceType/bounceSubType): used
/// where the recipient's own status and text say nothing.
struct Hint {
    BounceClass bounce_class = BounceClass::none;  ///< none: no hint
    BounceReason reason = BounceReason::undefined;
};

/// The SMTP command a remote server refused, where the report says.
enum class SmtpCommand { unknown, connect, helo, mail, rcpt, data };

struct Evidence {
    std::string_view action;      ///< DSN Action (any case); empty when none
    std::string_view status;      ///< an RFC 3463 code, when the report has one apart from the text
    int smtp_code = 0;            ///< likewise for the reply code
    std::string_view diagnostic;  ///< the remote server's text and whatever explains the failure
    SmtpCommand command = SmtpCommand::unknown;
    Hint hint;
};

struct Verdict {
    BounceClass bounce_class = BounceClass::soft;
    BounceReason reason = BounceReason::undefined;
    std::string status;  ///< given, or found in the text
    int smtp_code = 0;   ///< given, or found in the text
};

Verdict classify(const Evidence& evidence);

/// The command named in a report's text: "in reply to end of DATA
/// command", "after RCPT TO", ">>> DATA" ...
SmtpCommand find_smtp_command(std::string_view text);

/// The reason a set of phrase matches stands for, by precedence (the most
/// specific cause first); undefined for an empty set.
BounceReason strongest(std::uint64_t reasons) noexcept;

}  // namespace mailwarden::bounce_detail
