// The SQS error category, and turning an answer or a failure into an Error.
#include "sqs_error_mapping.hpp"

#include <array>

namespace mailwarden::sqs {

namespace {

class Category final : public std::error_category {
public:
    const char* name() const noexcept override { return "mailwarden.sqs"; }
    std::string message(int code) const override {
        switch (static_cast<errc>(code)) {
        case errc::queue_does_not_exist: return "queue does not exist";
        case errc::queue_already_exists: return "queue already exists";
        case errc::receipt_handle_invalid: return "receipt handle invalid";
        case errc::bad_request: return "bad request";
        case errc::over_limit: return "over limit";
        case errc::throttled: return "throttled";
        case errc::access_denied: return "access denied";
        case errc::kms_failure: return "KMS key unusable";
        case errc::internal_failure: return "service failure";
        case errc::transport_failure: return "could not reach the service";
        case errc::timeout: return "timed out";
        case errc::malformed_response: return "malformed response";
        case errc::no_credentials: return "no AWS credentials";
        case errc::tls_failure: return "TLS failure";
        case errc::invalid_configuration: return "invalid configuration";
        case errc::unknown_error: return "unknown error";
        case errc::interrupted: return "interrupted";
        }
        return "unknown SQS error " + std::to_string(code);
    }

    // The one mapping of SQS failures to the library's stable kinds.
    std::error_condition default_error_condition(int code) const noexcept override {
        using k = mailwarden::errc;
        switch (static_cast<errc>(code)) {
        case errc::queue_does_not_exist: return make_error_condition(k::not_found);
        case errc::queue_already_exists: return make_error_condition(k::already_exists);
        case errc::receipt_handle_invalid:
        case errc::bad_request:
        case errc::invalid_configuration: return make_error_condition(k::invalid_argument);
        case errc::access_denied:
        case errc::no_credentials: return make_error_condition(k::auth);
        case errc::timeout: return make_error_condition(k::timed_out);
        case errc::malformed_response: return make_error_condition(k::parse);
        case errc::interrupted: return make_error_condition(k::cancelled);
        default: return make_error_condition(k::transport);
        }
    }
};

struct TypeCode {
    std::string_view type;
    errc code;
};

// Error types of the service model, their query codes, and the generic AWS ones.
constexpr std::array<TypeCode, 38> type_codes = {{
    {"QueueDoesNotExist", errc::queue_does_not_exist},
    {"AWS.SimpleQueueService.NonExistentQueue", errc::queue_does_not_exist},
    {"QueueNameExists", errc::queue_already_exists},
    {"QueueAlreadyExists", errc::queue_already_exists},
    {"QueueDeletedRecently", errc::queue_already_exists},
    {"AWS.SimpleQueueService.QueueDeletedRecently", errc::queue_already_exists},
    {"ReceiptHandleIsInvalid", errc::receipt_handle_invalid},
    {"MessageNotInflight", errc::receipt_handle_invalid},
    {"AWS.SimpleQueueService.MessageNotInflight", errc::receipt_handle_invalid},
    {"OverLimit", errc::over_limit},
    {"RequestThrottled", errc::throttled},
    {"ThrottlingException", errc::throttled},
    {"Throttling", errc::throttled},
    {"KmsThrottled", errc::throttled},
    {"KMS.ThrottlingException", errc::throttled},
    {"AccessDenied", errc::access_denied},
    {"AccessDeniedException", errc::access_denied},
    {"InvalidSecurity", errc::access_denied},
    {"KmsAccessDenied", errc::access_denied},
    {"KMS.AccessDeniedException", errc::access_denied},
    {"InvalidSignatureException", errc::access_denied},
    {"SignatureDoesNotMatch", errc::access_denied},
    {"IncompleteSignature", errc::access_denied},
    {"IncompleteSignatureException", errc::access_denied},
    {"InvalidClientTokenId", errc::access_denied},
    {"UnrecognizedClientException", errc::access_denied},
    {"ExpiredToken", errc::access_denied},
    {"MissingAuthenticationToken", errc::access_denied},
    {"MissingAuthenticationTokenException", errc::access_denied},
    {"KmsDisabled", errc::kms_failure},
    {"KmsInvalidState", errc::kms_failure},
    {"KmsNotFound", errc::kms_failure},
    {"KmsOptInRequired", errc::kms_failure},
    {"KmsInvalidKeyUsage", errc::kms_failure},
    {"InternalFailure", errc::internal_failure},
    {"InternalError", errc::internal_failure},
    {"ServiceUnavailable", errc::internal_failure},
    {"AWS.SimpleQueueService.ServiceUnavailable", errc::internal_failure},
}};

errc code_for_status(int status) noexcept {
    if (status == 429) return errc::throttled;
    if (status == 401 || status == 403) return errc::access_denied;
    if (status >= 500) return errc::internal_failure;
    if (status >= 400) return errc::bad_request;
    return errc::unknown_error;
}

errc code_for_failure(aws::Failure failure) noexcept {
    switch (failure) {
    case aws::Failure::timeout: return errc::timeout;
    case aws::Failure::tls: return errc::tls_failure;
    case aws::Failure::configuration: return errc::invalid_configuration;
    case aws::Failure::malformed: return errc::malformed_response;
    case aws::Failure::no_credentials: return errc::no_credentials;
    case aws::Failure::cancelled: return errc::interrupted;
    case aws::Failure::transport: break;
    }
    return errc::transport_failure;
}

Error from_response(const http::Response& r) {
    const auto header = [&r](std::string_view name) {
        const auto v = http::find_header(r.headers, name);
        return v ? *v : std::string_view();
    };
    return error_from_response(static_cast<int>(r.status), header("X-Amzn-ErrorType"), header("x-amzn-query-error"),
                               header("x-amzn-RequestId"), r.body);
}

Error from_failure(aws::Failure failure, std::string message) {
    return local_error(code_for_failure(failure), std::move(message));
}

bool is_throttled(const Error& error) noexcept { return error.code == errc::throttled; }

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

std::string_view query_error_code(std::string_view header) noexcept {
    const auto semicolon = header.find(';');
    if (semicolon == std::string_view::npos || semicolon == 0 || header.find(';', semicolon + 1) != std::string_view::npos)
        return {};
    return header.substr(0, semicolon);
}

Error error_from_response(int http_status, std::string_view error_type_header, std::string_view query_error_header,
                          std::string_view request_id, std::string_view body) {
    Error e;
    e.http_status = http_status;
    e.request_id = std::string(request_id);
    aws::ErrorDocument doc = aws::read_error_document(error_type_header, body);
    e.message = std::move(doc.message);
    const std::string_view query_code = query_error_code(query_error_header);
    errc code = code_for_type(query_code.empty() ? std::string_view(doc.type) : query_code, http_status);
    // A query code this version does not know: the type may still say more.
    if (!query_code.empty() && code == code_for_status(http_status)) code = code_for_type(doc.type, http_status);
    e.service_code = query_code.empty() ? std::move(doc.type) : std::string(query_code);
    e.code = make_error_code(code);
    e.retryable = is_retryable(e);
    return e;
}

Error local_error(errc code, std::string message) {
    Error e;
    e.code = make_error_code(code);
    e.message = std::move(message);
    e.retryable = is_retryable(e);
    return e;
}

bool is_retryable(const Error& error) noexcept {
    if (error.code.category() != error_category()) return false;
    switch (static_cast<errc>(error.code.value())) {
    case errc::throttled:
    case errc::internal_failure:
    case errc::transport_failure:
    case errc::timeout: return true;
    default: return false;
    }
}

const aws::ServiceProfile& sqs_profile() {
    static const aws::ServiceProfile profile{"sqs", "sqs", &from_response, &from_failure, &is_throttled};
    return profile;
}

}  // namespace mailwarden::sqs
