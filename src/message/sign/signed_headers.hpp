// Which header fields a signature names in h=: each wanted name once more
// than the message has it (over-signing, RFC 6376 8.15), so a field of that
// name added on the way does not verify; From always (RFC 6376 5.4).
#pragma once

#include "message/dkim/message_fields.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::message_detail {

/// The h= list for `message`, in the order of `names` (From first when
/// `names` lacks it). Names compare case-insensitively, as fields do.
std::vector<std::string> oversigned_headers(const RawMessage& message, const std::vector<std::string>& names);

/// Whether `message` has a field called `name`.
bool has_field(const RawMessage& message, std::string_view name);

}  // namespace mailwarden::message_detail
