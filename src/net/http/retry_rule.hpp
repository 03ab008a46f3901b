// When a failed request may be sent again, on a fresh connection, without
// asking the caller. Pure code; the rule is spelled out in docs/http.md.
#pragma once

#include "http_client.hpp"

#include <string_view>

namespace mailwarden::http {

/// GET, HEAD, OPTIONS, TRACE, PUT and DELETE (RFC 9110 section 9.2.2).
bool is_idempotent_method(std::string_view method) noexcept;

/// What the client knows about a failed attempt.
struct AttemptFailure {
    Error error;
    bool reused_connection = false;    ///< the connection came from the pool
    bool response_bytes_seen = false;  ///< any byte of a response arrived
};

/// True when the client may send the request once more on a new connection:
/// only after a failure on a connection taken from the pool that looks like
/// the server closing it while it was idle, and
///  - the failure happened while writing (the server cannot have the whole
///    request, so it cannot have acted on it), or
///  - no response byte arrived, the connection was reset or closed, and the
///    request is idempotent.
/// Never for timeouts, malformed responses or a fresh connection: those are
/// the caller's policy.
bool may_retry_on_fresh_connection(const AttemptFailure& failure, bool idempotent) noexcept;

}  // namespace mailwarden::http
