// ARC chain validation (RFC 8617 5.2): the structure, the newest
// ARC-Message-Signature, the oldest AMS that still verifies, then every
// ARC-Seal. Only validation: sealing is not done here.
#pragma once

#include "message/arc/arc_result.hpp"
#include "message/auth_results/auth_results.hpp"
#include "message/dkim/key_lookup.hpp"
#include "message/dkim/message_fields.hpp"
#include "message/dkim/verifier.hpp"

#include <optional>
#include <string>

namespace mailwarden::message_detail {

struct ArcVerification {
    ArcStatus cv = ArcStatus::none;
    ArcReason reason = ArcReason::no_arc;
    std::string detail;  ///< one sentence for people; empty on pass
    int hops = 0;        ///< ARC sets (distinct instances) found
    /// RFC 8617 5.2 "oldest-pass": the lowest instance whose AMS verifies
    /// when an older one does not; 0 when every AMS verifies. 0 unless cv=pass.
    int oldest_pass = 0;
    /// The ARC-Authentication-Results of the oldest hop whose AMS verifies
    /// (oldest_pass, or 1 when it is 0): what that hop saw. Set on pass.
    std::optional<ArcAuthResults> oldest_pass_results;
    /// The AMS or seal that failed, for ams_fail and as_fail; its instance.
    std::optional<DkimSignatureResult> failed_signature;
    int failed_instance = 0;
};

/// Validates the ARC chain of `message`. Signatures are checked as DKIM's
/// are (keys through `lookup`, `options`' clock and limits); one passes only
/// with DKIM result pass, so rsa-sha1 and short keys fail unless allowed.
ArcVerification verify_arc(const RawMessage& message, const TxtLookup& lookup, const DkimVerifyOptions& options = {});

}  // namespace mailwarden::message_detail
