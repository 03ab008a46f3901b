// The "mailwarden" error category, the one mapping from any code to a stable
// kind, and how an Error reads in a log line.
#include <mailwarden/error.hpp>

#include <string>

namespace mailwarden {

namespace {

constexpr std::string_view category_prefix = "mailwarden.";

class Category final : public std::error_category {
public:
    const char* name() const noexcept override { return "mailwarden"; }

    std::string message(int code) const override {
        switch (static_cast<errc>(code)) {
        case errc::invalid_argument: return "invalid argument";
        case errc::out_of_memory: return "out of memory";
        case errc::internal: return "internal error";
        case errc::not_found: return "not found";
        case errc::already_exists: return "already exists";
        case errc::io: return "input/output error";
        case errc::timed_out: return "timed out";
        case errc::parse: return "malformed input";
        case errc::out_of_range: return "out of range";
        case errc::not_verified: return "sender not verified";
        case errc::transport: return "transport failure";
        case errc::expired: return "expired";
        case errc::suspended: return "sending suspended";
        case errc::policy: return "refused by policy";
        case errc::cancelled: return "cancelled";
        case errc::auth: return "authentication failed";
        case errc::suppressed: return "recipient suppressed";
        }
        return "unknown mailwarden error " + std::to_string(code);
    }
};

// Codes of the standard library's categories that reach an Error (file and
// socket calls made directly by the library).
errc kind_of_system(const std::error_code& code) noexcept {
    const std::error_condition c = code.default_error_condition();
    if (c == std::errc::not_enough_memory) return errc::out_of_memory;
    if (c == std::errc::timed_out) return errc::timed_out;
    if (c == std::errc::no_such_file_or_directory) return errc::not_found;
    if (c == std::errc::file_exists) return errc::already_exists;
    if (c == std::errc::operation_canceled) return errc::cancelled;
    if (c == std::errc::permission_denied || c == std::errc::io_error || c == std::errc::no_space_on_device)
        return errc::io;
    return errc::internal;
}

}  // namespace

const std::error_category& error_category() noexcept {
    static const Category category;
    return category;
}

errc kind_of(const std::error_code& code) noexcept {
    if (!code) return errc::internal;  // an Error without a cause is a bug
    if (code.category() == error_category()) return static_cast<errc>(code.value());
    const std::error_condition mapped = code.default_error_condition();
    if (mapped.category() == error_category()) return static_cast<errc>(mapped.value());
    if (code.category() == std::generic_category() || code.category() == std::system_category())
        return kind_of_system(code);
    return errc::internal;
}

const char* status_name(int status) noexcept {
    switch (status) {
    case MW_OK: return "MW_OK";
    case MW_EINVAL: return "MW_EINVAL";
    case MW_ENOMEM: return "MW_ENOMEM";
    case MW_EINTERNAL: return "MW_EINTERNAL";
    case MW_ENOTFOUND: return "MW_ENOTFOUND";
    case MW_EEXIST: return "MW_EEXIST";
    case MW_EIO: return "MW_EIO";
    case MW_ETIMEDOUT: return "MW_ETIMEDOUT";
    case MW_EPARSE: return "MW_EPARSE";
    case MW_ERANGE: return "MW_ERANGE";
    case MW_ENOTVERIFIED: return "MW_ENOTVERIFIED";
    case MW_ETRANSPORT: return "MW_ETRANSPORT";
    case MW_EEXPIRED: return "MW_EEXPIRED";
    case MW_ESUSPENDED: return "MW_ESUSPENDED";
    case MW_EPOLICY: return "MW_EPOLICY";
    case MW_ECANCELLED: return "MW_ECANCELLED";
    case MW_EAUTH: return "MW_EAUTH";
    case MW_ESUPPRESSED: return "MW_ESUPPRESSED";
    default: return "MW_EUNKNOWN";
    }
}

std::string_view Error::origin() const noexcept {
    if (!code) return "mailwarden";
    std::string_view name = code.category().name();
    if (name.substr(0, category_prefix.size()) == category_prefix) name.remove_prefix(category_prefix.size());
    return name;
}

std::string Error::describe() const {
    // The library's own failures are said by their message alone.
    if (code.category() == error_category() && service_code.empty() && http_status == 0)
        return message.empty() ? code.message() : message;
    const std::string head = service_code.empty() ? code.message() : service_code;
    std::string out = head;
    if (http_status != 0) out += " (" + std::to_string(http_status) + ")";
    // A local message may already start with what the code says
    // ("no AWS credentials: ..." from the credential chain): say it once.
    if (!message.empty()) out = (http_status == 0 && message.rfind(head, 0) == 0) ? message : out + ": " + message;
    if (outcome_unknown) out += " [outcome unknown: the request may have reached the service]";
    if (!request_id.empty()) out += " [request " + request_id + "]";
    return out;
}

}  // namespace mailwarden
