#include "retry_rule.hpp"

#include <array>

namespace mailwarden::http {

bool is_idempotent_method(std::string_view method) noexcept {
    static constexpr std::array<std::string_view, 6> idempotent{"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"};
    for (auto m : idempotent)
        if (m == method) return true;
    return false;
}

bool may_retry_on_fresh_connection(const AttemptFailure& failure, bool idempotent) noexcept {
    if (!failure.reused_connection || failure.response_bytes_seen) return false;
    const auto& code = failure.error.code;
    // A server that timed out its idle connection closes it (FIN) or resets it.
    const bool closed_by_peer =
        code == http_errc::connection_reset || code == http_errc::connection_closed;
    if (!closed_by_peer) return false;
    if (failure.error.phase == Phase::write) return true;
    return failure.error.phase == Phase::read_header && idempotent;
}

}  // namespace mailwarden::http
