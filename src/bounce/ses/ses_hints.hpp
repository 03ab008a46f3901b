// What SES itself concluded about a bounce or a delay (bounceType and
// bounceSubType, delayType), as a hint for the classifier: it decides only
// where the recipient's status and diagnostic say nothing.
#pragma once

#include "bounce/classify/classifier.hpp"

#include <string_view>

namespace mailwarden::bounce_detail {

/// Permanent General, NoEmail, Suppressed, OnAccountSuppressionList: hard;
/// Transient (any subtype) and Undetermined: soft.
Hint ses_bounce_hint(std::string_view bounce_type, std::string_view bounce_subtype) noexcept;

/// DeliveryDelay's delayType as a reason (the class of a delay is none).
Hint ses_delay_hint(std::string_view delay_type) noexcept;

}  // namespace mailwarden::bounce_detail
