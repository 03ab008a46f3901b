// The bounce tracker's suppressions kept in step with the SES account-level
// suppression list (PutSuppressedDestination / DeleteSuppressedDestination),
// so SES itself refuses to send to them too.
#pragma once

#include <mailwarden/bounce_tracker.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/ses/client.hpp>

#include <memory>

namespace mailwarden {

/// Which suppressions go to SES. The SES list is one per AWS account: an
/// address put there is refused for every customer account that sends
/// through it, which suits bounces (the address does not exist) more than
/// complaints or manual entries (one sender's recipient objected).
struct SesMirrorOptions {
    bool bounces = true;
    bool complaints = true;
    bool manual = false;  ///< mirrored with reason BOUNCE, SES's only other reason
};

/// A SuppressionMirror for BounceTracker::set_mirror. Its calls are the
/// client's (retried as usual); a failure is the tracker's to count.
/// Removals are mirrored whatever their reason was.
MAILWARDEN_EXPORT std::shared_ptr<SuppressionMirror> make_ses_suppression_mirror(std::shared_ptr<ses::Client> client,
                                                                               SesMirrorOptions options = {});

}  // namespace mailwarden
