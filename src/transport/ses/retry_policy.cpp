#include "retry_policy.hpp"

namespace mailwarden::ses {

bool is_retryable(const Error& error) noexcept {
    if (error.code.category() != error_category()) return false;
    switch (static_cast<errc>(error.code.value())) {
    case errc::too_many_requests:
    case errc::internal_failure:
    case errc::transport_failure:
    case errc::timeout:
        return true;
    default:
        return false;
    }
}

bool is_throttled(const Error& error) noexcept { return error.code == errc::too_many_requests; }

}  // namespace mailwarden::ses
