// The outcome of ARC chain validation (RFC 8617 5.2): the chain validation
// status cv and a stable reason id saying why. Each reason has one status,
// so the mapping lives in one table (arc_result.cpp).
#pragma once

#include <string_view>

namespace mailwarden::message_detail {

enum class ArcStatus { none, pass, fail };

enum class ArcReason {
    none,                  ///< pass
    no_arc,                ///< no ARC field on the message (none)
    // The structure (fail): RFC 8617 5.2 steps 2 to 4.
    structure_instance,    ///< an ARC field without a readable i= of 1 or more
    structure_duplicate,   ///< two fields of one kind in one instance
    structure_incomplete,  ///< an instance without one of its three fields
    too_many,              ///< an instance above 50 (RFC 8617 4.2.1)
    cv_fail,               ///< the newest seal says cv=fail
    instance_gap,          ///< the instances are not 1..N
    structure_cv,          ///< cv= missing or wrong: none for i=1, pass above
    // The signatures (fail).
    ams_fail,              ///< the newest ARC-Message-Signature does not verify
    as_fail,               ///< an ARC-Seal does not verify
};

/// "none", "pass", "fail".
std::string_view to_string(ArcStatus status) noexcept;
/// The stable id: "no_arc", "instance_gap", "as_fail" ...
std::string_view to_string(ArcReason reason) noexcept;
/// The status a reason leads to.
ArcStatus status_of(ArcReason reason) noexcept;

}  // namespace mailwarden::message_detail
