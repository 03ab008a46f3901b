// The SES error category, and turning an error response into an Error.
#include "ses_error_mapping.hpp"
#include "retry_policy.hpp"

#include <array>

namespace mailwarden::ses {

namespace {

class Category final : public std::error_category {
public:
    const char* name() const noexcept override { return "mailwarden.ses"; }
    std::string message(int code) const override {
        switch (static_cast<errc>(code)) {
        case errc::not_found: return "not found";
        case errc::already_exists: return "already exists";
        case errc::bad_request: return "bad request";
        case errc::message_rejected: return "message rejected";
        case errc::mail_from_domain_not_verified: return "MAIL FROM domain not verified";
        case errc::account_suspended: return "account suspended from sending";
        case errc::sending_paused: return "sending paused";
        case errc::limit_exceeded: return "limit exceeded";
        case errc::too_many_requests: return "too many requests";
        case errc::concurrent_modification: return "concurrent modification";
        case errc::access_denied: return "access denied";
        case errc::internal_failure: return "service failure";
        case errc::transport_failure: return "could not reach the service";
        case errc::timeout: return "timed out";
        case errc::malformed_response: return "malformed response";
        case errc::no_credentials: return "no AWS credentials";
        case errc::tls_failure: return "TLS failure";
        case errc::invalid_configuration: return "invalid client configuration";
        case errc::unknown_error: return "unknown error";
        case errc::cancelled: return "cancelled before it was sent";
        }
        return "unknown SES error " + std::to_string(code);
    }

    // The one mapping of SES failures to the library's stable kinds.
    std::error_condition default_error_condition(int code) const noexcept override {
        return make_error_condition(kind(static_cast<errc>(code)));
    }

private:
    static mailwarden::errc kind(errc code) noexcept {
        using k = mailwarden::errc;
        switch (code) {
        case errc::not_found: return k::not_found;
        case errc::already_exists: return k::already_exists;
        case errc::bad_request:
        case errc::message_rejected:
        case errc::invalid_configuration: return k::invalid_argument;
        case errc::mail_from_domain_not_verified: return k::not_verified;
        case errc::account_suspended:
        case errc::sending_paused: return k::suspended;
        case errc::timeout: return k::timed_out;
        case errc::malformed_response: return k::parse;
        case errc::access_denied:
        case errc::no_credentials: return k::auth;
        case errc::cancelled: return k::cancelled;
        case errc::limit_exceeded:
        case errc::too_many_requests:
        case errc::concurrent_modification:
        case errc::internal_failure:
        case errc::transport_failure:
        case errc::tls_failure:
        case errc::unknown_error: return k::transport;
        }
        return k::transport;
    }
};

struct TypeCode {
    std::string_view type;
    errc code;
};

// Error type names from the service model, and the generic AWS ones.
constexpr std::array<TypeCode, 24> type_codes = {{
    {"NotFoundException", errc::not_found},
    {"AlreadyExistsException", errc::already_exists},
    {"BadRequestException", errc::bad_request},
    {"ValidationException", errc::bad_request},
    {"SerializationException", errc::bad_request},
    {"InvalidParameterValue", errc::bad_request},
    {"MessageRejected", errc::message_rejected},
    {"MailFromDomainNotVerifiedException", errc::mail_from_domain_not_verified},
    {"AccountSuspendedException", errc::account_suspended},
    {"SendingPausedException", errc::sending_paused},
    {"LimitExceededException", errc::limit_exceeded},
    {"TooManyRequestsException", errc::too_many_requests},
    {"ThrottlingException", errc::too_many_requests},
    {"Throttling", errc::too_many_requests},
    {"ConcurrentModificationException", errc::concurrent_modification},
    {"AccessDeniedException", errc::access_denied},
    {"AccessDenied", errc::access_denied},
    {"InvalidSignatureException", errc::access_denied},
    {"SignatureDoesNotMatch", errc::access_denied},
    {"IncompleteSignature", errc::access_denied},
    {"InvalidClientTokenId", errc::access_denied},
    {"ExpiredToken", errc::access_denied},
    {"UnrecognizedClientException", errc::access_denied},
    {"InternalFailure", errc::internal_failure},
}};

errc code_for_status(int status) noexcept {
    if (status == 404) return errc::not_found;
    if (status == 409) return errc::already_exists;
    if (status == 429) return errc::too_many_requests;
    if (status == 401 || status == 403) return errc::access_denied;
    if (status >= 500) return errc::internal_failure;
    if (status >= 400) return errc::bad_request;
    return errc::unknown_error;
}

}  // namespace

const std::error_category& error_category() noexcept {
    static const Category category;
    return category;
}

errc code_for_type(std::string_view type, int http_status) noexcept {
    for (const auto& tc : type_codes)
        if (tc.type == type) return tc.code;
    return code_for_status(http_status);
}

Error error_from_response(int http_status, std::string_view error_type_header, std::string_view request_id,
                          std::string_view body) {
    Error e;
    e.http_status = http_status;
    e.request_id = std::string(request_id);
    aws::ErrorDocument doc = aws::read_error_document(error_type_header, body);
    e.message = std::move(doc.message);
    e.code = make_error_code(code_for_type(doc.type, http_status));
    e.service_code = std::move(doc.type);
    e.retryable = is_retryable(e);
    return e;
}

errc code_for_failure(aws::Failure failure) noexcept {
    switch (failure) {
    case aws::Failure::timeout: return errc::timeout;
    case aws::Failure::tls: return errc::tls_failure;
    case aws::Failure::configuration: return errc::invalid_configuration;
    case aws::Failure::malformed: return errc::malformed_response;
    case aws::Failure::no_credentials: return errc::no_credentials;
    case aws::Failure::cancelled:  // the client shut down under the call: as before, a transport failure
    case aws::Failure::transport: break;
    }
    return errc::transport_failure;
}

Error local_error(errc code, std::string message) {
    Error e;
    e.code = make_error_code(code);
    e.message = std::move(message);
    e.retryable = is_retryable(e);
    return e;
}

}  // namespace mailwarden::ses
