// The two codes a failure report carries: the RFC 3463 enhanced status code
// ("5.1.1") and the RFC 5321 reply code (550), found in free text, and what
// each says about the cause when the text says nothing more specific.
#pragma once

#include <mailwarden/bounce.hpp>

#include <string>
#include <string_view>

namespace mailwarden::bounce_detail {

/// The first enhanced status code in `text` ("5.1.1", "4.7.0"): class 2, 4
/// or 5, subject and detail of one to three digits, not part of a longer
/// dotted number (an IP address). Empty when there is none.
std::string find_status(std::string_view text);

/// The first SMTP reply code in `text` (2xx, 4xx, 5xx), standing alone or
/// before "-" or a blank ("550-5.1.1", "smtp; 554 ..."); 0 when none.
int find_reply_code(std::string_view text);

/// True for "X.Y.Z" with X in 2, 4, 5 and Y, Z of one to three digits.
bool valid_status(std::string_view status) noexcept;

/// What the status code's subject and detail mean (RFC 3463, RFC 5248's
/// registry, RFC 7505, RFC 7372): undefined for the generic ones (X.0.0,
/// X.7.1 ...) that say nothing about the cause.
BounceReason reason_for_status(std::string_view status) noexcept;

/// What a bare reply code says (RFC 5321 4.2.2); weaker than a status.
BounceReason reason_for_reply_code(int code) noexcept;

}  // namespace mailwarden::bounce_detail
