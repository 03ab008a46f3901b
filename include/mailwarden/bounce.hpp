// What comes back about the mail a platform sent: Amazon SES notifications
// and published events (JSON, bare or inside an SNS envelope), and mails —
// RFC 3464 delivery status notifications, the plain-text bounces of MTAs that
// send none, ARF (RFC 5965) complaints and auto-replies (RFC 3834). Each
// input becomes one FeedbackEvent with a classification per recipient.
// Pure code: no I/O, no store; safe from any thread.
#pragma once

#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/result.hpp>
#include <mailwarden/sns.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace mailwarden {

/// Whether a recipient's address should still be mailed. `hard`: the
/// address itself cannot receive mail (no such user or domain, moved, the
/// domain accepts no mail, suppressed). `soft`: a failure whose cause lies
/// with the sender or the moment. `none`: not a failure (delivery, delay,
/// complaint, auto-reply).
enum class BounceClass : int { none = 0, soft = 1, hard = 2 };

/// Why, in the vocabulary of the Sisimai project (docs/bounces.md lists the
/// evidence that selects each). Numbers are stable.
enum class BounceReason : int {
    undefined = 0,
    user_unknown,
    host_unknown,
    has_moved,
    not_accept,
    mailbox_full,
    message_too_big,
    exceed_limit,
    suspended,
    expired,
    blocked,
    spam_detected,
    virus_detected,
    policy_violation,
    auth_failure,
    bad_reputation,
    rate_limited,
    too_many_connections,
    rejected,
    filtered,
    require_ptr,
    security_error,
    failed_starttls,
    system_error,
    system_full,
    network_error,
    mailer_error,
    syntax_error,
    content_error,
    not_compliant_rfc,
    no_relaying,
    suppressed,
    on_hold,
    delivered,  ///< not a bounce: delivered
    feedback,   ///< not a bounce: a complaint
    vacation,   ///< not a bounce: an auto-reply
};

/// What an input reports.
enum class FeedbackKind : int { bounce = 0, complaint, delivery, delay, send, reject, auto_reply, other };

/// What an input was read as.
enum class FeedbackFormat : int {
    dsn = 0,           ///< multipart/report; report-type=delivery-status (RFC 3464)
    plain_bounce,      ///< a bounce mail without a DSN part
    arf,               ///< multipart/report; report-type=feedback-report (RFC 5965)
    auto_reply,        ///< an RFC 3834 or vendor auto-reply
    ses_notification,  ///< SES feedback notification (notificationType)
    ses_event,         ///< SES event publishing (eventType)
    sns_envelope,      ///< SES JSON inside an SNS envelope
    mail,              ///< a mail that is none of the above
};

/// One recipient's outcome.
struct RecipientFeedback {
    std::string address;             ///< the recipient (DSN Final-Recipient, SES emailAddress ...)
    std::string original_recipient;  ///< DSN Original-Recipient, when given
    BounceClass bounce_class = BounceClass::none;
    BounceReason reason = BounceReason::undefined;
    std::string status;      ///< RFC 3463 enhanced status code ("5.1.1"); empty when unknown
    int smtp_code = 0;       ///< SMTP reply code (550); 0 when unknown
    std::string diagnostic;  ///< the remote server's text, on one line
    std::string remote_mta;  ///< the host that gave it, when known
    std::string action;      ///< DSN Action: failed, delayed, delivered, relayed, expanded; empty when none
    /// Stable across re-deliveries of the same report: for SES
    /// "ses:<messageId>|<eventType>|<recipient>|<feedbackId>", for a mail
    /// "mail:<Message-ID or sha256:content hash>|<recipient>".
    std::string idempotency_key;
};

/// One input (one notification, event or mail).
struct FeedbackEvent {
    FeedbackFormat format = FeedbackFormat::mail;
    FeedbackKind kind = FeedbackKind::other;
    std::string event_type;          ///< SES notificationType / eventType as sent ("Bounce", "Rendering Failure")
    std::string message_id;          ///< the message concerned: SES mail.messageId, or the bounced mail's Message-ID
    std::string feedback_id;         ///< SES feedbackId
    std::string timestamp;           ///< when it happened, as written (ISO 8601 for SES, a Date header for mail)
    std::string sender;              ///< the original message's sender (SES mail.source), when known
    std::string ses_bounce_type;     ///< Permanent, Transient, Undetermined
    std::string ses_bounce_subtype;  ///< General, NoEmail, Suppressed, OnAccountSuppressionList, MailboxFull ...
    std::string feedback_type;       ///< complaints: abuse, fraud, not-spam, virus, other ... (ARF / SES)
    std::string reporting_mta;
    std::string sns_message_id;  ///< set when the event came in an SNS envelope
    std::string topic_arn;       ///< likewise
    /// The event's own key: the SNS MessageId when enveloped, otherwise
    /// "ses:<messageId>|<eventType>|<feedbackId>" or "mail:<id or hash>".
    std::string idempotency_key;
    std::vector<RecipientFeedback> recipients;
};

/// Inputs larger than this are refused (errc::out_of_range).
inline constexpr std::size_t max_feedback_input = 16u << 20;

/// One SES document: a feedback notification (notificationType Bounce,
/// Complaint, Delivery) or a published event (eventType Send, Delivery,
/// Bounce, Complaint, Reject, DeliveryDelay, Rendering Failure, Open, Click,
/// Subscription). Unknown fields are ignored; an unknown type is kind other
/// without recipients. errc::parse when it is not a JSON object with one of
/// the two type keys.
MAILWARDEN_EXPORT Result<FeedbackEvent, Error> parse_ses_json(std::string_view json);

/// One mail: a DSN, a plain-text bounce, an ARF report, an auto-reply, or
/// else format mail / kind other without recipients. Never fails on content
/// (a mail is whatever it is); only on size (errc::out_of_range).
MAILWARDEN_EXPORT Result<FeedbackEvent, Error> parse_bounce_mail(std::string_view mail);

/// The payload of an SNS envelope (checked or not: see sns::Verifier) as an
/// event: format sns_envelope, sns_message_id and topic_arn set, the event's
/// key the SNS MessageId. A raw delivery's message is parsed as it stands.
MAILWARDEN_EXPORT Result<FeedbackEvent, Error> parse_sns_payload(const sns::Envelope& envelope);

/// One document of a kind found from its content: SES JSON, an SNS envelope
/// around SES JSON or a mail (NOT verified: use sns::Verifier for that), or
/// a mail.
MAILWARDEN_EXPORT Result<FeedbackEvent, Error> parse_feedback(std::string_view document);

/// The documents in a file: each non-empty line when the file is JSON Lines
/// (it starts with '{' and every line holds one JSON object), else the
/// whole file. Views into `bytes`.
MAILWARDEN_EXPORT std::vector<std::string_view> split_feedback_documents(std::string_view bytes);

/// One JSON object on one line, as `mwctl bounces classify --json` prints
/// it: source, format, kind, recipients [{address, class, status,
/// smtp_code, reason, diagnostic}] with null where unknown.
MAILWARDEN_EXPORT std::string to_json(const FeedbackEvent& event, std::string_view source);

/// Stable names: "hard", "user_unknown", "bounce", "dsn" ...
MAILWARDEN_EXPORT std::string_view to_string(BounceClass c) noexcept;
MAILWARDEN_EXPORT std::string_view to_string(BounceReason r) noexcept;
MAILWARDEN_EXPORT std::string_view to_string(FeedbackKind k) noexcept;
MAILWARDEN_EXPORT std::string_view to_string(FeedbackFormat f) noexcept;

}  // namespace mailwarden
