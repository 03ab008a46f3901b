// Reads one Authentication-Results (RFC 8601) or ARC-Authentication-Results
// (RFC 8617) field value, folded or not. It never throws and never fails:
// what it cannot read is kept in `problems` with the reason, and the common
// departures from the grammar are read and noted in `deviations`.
#pragma once

#include "message/auth_results/auth_results.hpp"

#include <string_view>

namespace mailwarden::message_detail {

/// `value` is what follows "Authentication-Results:".
AuthResults parse_auth_results(std::string_view value);

/// `value` is what follows "ARC-Authentication-Results:": "i=N;" then an
/// Authentication-Results payload. Problem offsets count from `value`.
ArcAuthResults parse_arc_auth_results(std::string_view value);

}  // namespace mailwarden::message_detail
