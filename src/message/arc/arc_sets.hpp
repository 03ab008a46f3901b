// The ARC sets of a received message (RFC 8617 4.2) gathered by instance,
// and the structure checks of RFC 8617 5.2 (steps 1 to 4) that come before
// any signature is verified.
#pragma once

#include "message/arc/arc_result.hpp"
#include "message/auth_results/auth_results.hpp"
#include "message/dkim/message_fields.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace mailwarden::message_detail {

/// RFC 8617 4.2.1: i= runs from 1 to 50.
inline constexpr unsigned max_arc_instance = 50;

/// One instance's fields, as indices into RawMessage::fields.
struct ArcSet {
    static constexpr std::size_t missing = static_cast<std::size_t>(-1);
    unsigned instance = 0;
    std::size_t results = missing;            ///< ARC-Authentication-Results
    std::size_t message_signature = missing;  ///< ARC-Message-Signature
    std::size_t seal = missing;               ///< ARC-Seal
    ArcAuthResults parsed_results;            ///< the AAR, read
    std::string cv;                           ///< the seal's cv=, lower case; empty when absent
};

struct ArcChain {
    std::vector<ArcSet> sets;  ///< increasing instance; complete and 1..N when `problem` is none
    ArcReason problem = ArcReason::none;  ///< the first structure problem, no_arc, or none
    std::string detail;                   ///< one sentence for people
};

/// Gathers the ARC fields of `message` and checks the structure in RFC
/// 8617 5.2's order: each set complete, the newest cv= not fail, no gap,
/// then cv=none for i=1 and cv=pass above.
ArcChain collect_arc_sets(const RawMessage& message);

}  // namespace mailwarden::message_detail
