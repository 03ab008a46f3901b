// Delay notices written as plain text ("Warning: message has not yet been
// delivered ... we will continue to attempt delivery"): the mail is still
// queued, so the report is a delay, not a failure (RFC 3464's "delayed").
#pragma once

#include <string_view>

namespace mailwarden::bounce_detail {

/// True when `subject` or `report` says delivery is still being attempted
/// and the report does not also say the attempts have ended.
bool delay_notice(std::string_view subject, std::string_view report);

}  // namespace mailwarden::bounce_detail
