// The SES v2 operations as pure code: each builder describes the HTTP request
// (method, path, query, JSON body) and each parser reads the JSON response
// leniently. No I/O here; ses_client.cpp sends what these describe.
#pragma once

#include <mailwarden/result.hpp>
#include <mailwarden/ses/error.hpp>
#include <mailwarden/ses/types.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mailwarden::ses::wire {

struct Request {
    std::string operation;  ///< "SendEmail", for errors and metrics
    std::string method;     ///< GET POST PUT DELETE
    std::string path;       ///< percent-encoded, e.g. /v2/email/identities/a@b.org
    std::vector<std::pair<std::string, std::string>> query;  ///< raw (not encoded) name/value pairs
    std::string body;       ///< JSON, or empty
    /// Safe to send twice. SendEmail and SendCustomVerificationEmail are not.
    bool idempotent = true;
};

template <class T>
using Parsed = Result<T, Error>;

/// Percent-encodes one path segment (RFC 3986 unreserved, '@' and ':' kept).
std::string encode_path_segment(std::string_view segment);
/// Percent-encodes a query name or value (RFC 3986 unreserved kept), as
/// SigV4's canonical query wants it.
std::string encode_query_component(std::string_view component);

Request create_email_identity(std::string_view identity);
Request get_email_identity(std::string_view identity);
Request delete_email_identity(std::string_view identity);
Request list_email_identities(int page_size, std::string_view next_token);
/// The From header is formatted here (format_from), the one place it is:
/// errors (bad_request) on CR/LF in the address or the display name.
Parsed<Request> send_email(const SendRequest& request);
Request get_account();
Request put_suppressed_destination(std::string_view address, SuppressionReason reason);
Request get_suppressed_destination(std::string_view address);
Request delete_suppressed_destination(std::string_view address);
Request list_suppressed_destinations(int page_size, std::string_view next_token);
Request create_custom_verification_email_template(const CustomVerificationTemplate& t);
Request send_custom_verification_email(std::string_view address, std::string_view template_name,
                                       std::string_view configuration_set);
Request put_email_identity_mail_from_attributes(std::string_view identity, std::string_view mail_from_domain,
                                                bool reject_on_mx_failure);

Parsed<EmailIdentity> parse_create_email_identity(std::string_view identity, std::string_view body);
Parsed<EmailIdentity> parse_get_email_identity(std::string_view identity, std::string_view body);
Parsed<IdentityPage> parse_list_email_identities(std::string_view body);
Parsed<std::string> parse_message_id(std::string_view body);  ///< SendEmail, SendCustomVerificationEmail
Parsed<Account> parse_get_account(std::string_view body);
Parsed<SuppressedDestination> parse_get_suppressed_destination(std::string_view body);
Parsed<SuppressionPage> parse_list_suppressed_destinations(std::string_view body);

/// The From header value: "Display Name" <addr>, RFC 2047-encoded when the
/// name is not plain ASCII. Errors on CR/LF in either part.
Parsed<std::string> format_from(std::string_view display_name, std::string_view address);

}  // namespace mailwarden::ses::wire
