// The Amazon SES v2 shapes mailwarden uses, as plain values. Field names follow
// the service model (sesv2 2019-09-27); responses are parsed leniently, so a
// field AWS leaves out keeps its default here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <mailwarden/export.hpp>

namespace mailwarden::ses {

/// VerificationStatus of an identity (and of its DKIM and MAIL FROM parts).
enum class VerificationStatus : int {
    pending,
    success,
    failed,
    temporary_failure,
    not_started,
    unknown,  ///< absent, or a value this version does not know
};

/// "PENDING", "SUCCESS", ... as on the wire; "UNKNOWN" for unknown.
MAILWARDEN_EXPORT std::string_view to_string(VerificationStatus status) noexcept;
/// Parses the wire form (case-sensitive, as AWS sends it); unknown otherwise.
MAILWARDEN_EXPORT VerificationStatus parse_verification_status(std::string_view wire) noexcept;

struct DkimAttributes {
    bool signing_enabled = false;
    VerificationStatus status = VerificationStatus::unknown;
    std::vector<std::string> tokens;  ///< Easy DKIM: publish <token>._domainkey.<domain> CNAMEs
    std::string signing_attributes_origin;
};

struct MailFromAttributes {
    std::string mail_from_domain;
    VerificationStatus status = VerificationStatus::unknown;  ///< MailFromDomainStatus
    std::string behavior_on_mx_failure;                        ///< USE_DEFAULT_VALUE | REJECT_MESSAGE
};

struct EmailIdentity {
    std::string name;                  ///< the address or domain
    std::string identity_type;         ///< EMAIL_ADDRESS | DOMAIN | MANAGED_DOMAIN
    bool verified_for_sending = false;
    VerificationStatus verification_status = VerificationStatus::unknown;
    DkimAttributes dkim;
    MailFromAttributes mail_from;
    std::string configuration_set;
};

/// One entry of ListEmailIdentities.
struct IdentitySummary {
    std::string name;
    std::string identity_type;
    bool sending_enabled = false;
    VerificationStatus verification_status = VerificationStatus::unknown;
};

struct IdentityPage {
    std::vector<IdentitySummary> identities;
    std::string next_token;  ///< empty on the last page
};

struct Account {
    double max_24_hour_send = 0;
    double max_send_rate = 0;  ///< messages per second
    double sent_last_24_hours = 0;
    bool sending_enabled = false;
    bool production_access_enabled = false;
    std::string enforcement_status;  ///< HEALTHY | PROBATION | SHUTDOWN
};

struct Tag {
    std::string name;
    std::string value;
};

/// SendEmail: either simple content (subject + text and/or HTML) or a raw
/// RFC 5322 message.
struct SendRequest {
    std::string from;               ///< address; the identity must be verified
    std::string from_display_name;  ///< quoted and RFC 2047-encoded as needed
    std::vector<std::string> to;
    std::vector<std::string> cc;
    std::vector<std::string> bcc;
    std::vector<std::string> reply_to;
    std::string subject;
    std::string text;
    std::string html;
    std::string raw;  ///< when set, subject/text/html/headers are ignored
    /// Extra header fields of simple content (SES Message.Headers).
    std::vector<std::pair<std::string, std::string>> headers;
    std::string configuration_set;
    std::vector<Tag> tags;
};

enum class SuppressionReason : int { bounce, complaint };

MAILWARDEN_EXPORT std::string_view to_string(SuppressionReason reason) noexcept;

struct SuppressedDestination {
    std::string email_address;
    SuppressionReason reason = SuppressionReason::bounce;
    std::int64_t last_update_time = 0;  ///< seconds since the epoch
    std::string message_id;
    std::string feedback_id;
};

struct SuppressionPage {
    std::vector<SuppressedDestination> destinations;
    std::string next_token;
};

/// One JSON object: name, type, verification_status, verified_for_sending,
/// dkim {signing_enabled, status, tokens}, mail_from {domain, status,
/// behavior_on_mx_failure}, configuration_set.
MAILWARDEN_EXPORT std::string to_json(const EmailIdentity& identity);

struct CustomVerificationTemplate {
    std::string name;
    std::string from;
    std::string subject;
    std::string content;  ///< HTML
    std::string success_redirection_url;
    std::string failure_redirection_url;
};

}  // namespace mailwarden::ses
