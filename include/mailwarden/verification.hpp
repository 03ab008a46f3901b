// The verification state of a sender, as an explicit state machine.
//
//   add / resend ──► Pending ──(transport verified)──► Success
//                       │                                 │
//        (transport failed, link expired,      (transport failed, identity
//         identity gone)                        revoked or deleted)
//                       ▼                                 ▼
//                    Failed ◄─────────────────────────────┘
//                       │
//       resend ─────────┘ (back to Pending, a new 24 h window)
//
// Every (state, event) pair is defined by next_state(); pairs it rejects
// leave the state unchanged. docs/senders.md has the full table.
#pragma once

#include <mailwarden/export.hpp>

#include <optional>
#include <string_view>

namespace mailwarden {

enum class VerificationState : int {
    pending = 0,  ///< the verification mail is out; waiting for the click
    success = 1,  ///< verified: the sender may send
    failed = 2,   ///< the link expired, or the transport refused or revoked the identity
};

/// "Pending", "Success", "Failed" (as the Enabled channels table shows them).
MAILWARDEN_EXPORT std::string_view to_string(VerificationState state) noexcept;

/// Case-insensitive inverse of to_string; nullopt for anything else.
MAILWARDEN_EXPORT std::optional<VerificationState> parse_verification_state(std::string_view text) noexcept;

enum class VerificationEvent : int {
    verification_sent = 0,  ///< add or resend: a new link, valid for the link lifetime
    transport_verified,     ///< the transport reports the identity verified
    transport_failed,       ///< the transport reports verification failed
    identity_revoked,       ///< the identity is gone or no longer verified at the transport
    link_expired,           ///< the clock reached the link's expiry without success
};

MAILWARDEN_EXPORT std::string_view to_string(VerificationEvent event) noexcept;

/// The state after `event` in `state`, or nullopt when the event does not
/// apply there (for example link_expired in Success, or a resend in Success).
MAILWARDEN_EXPORT std::optional<VerificationState> next_state(VerificationState state,
                                                             VerificationEvent event) noexcept;

/// What a transport reports about an identity, transport-neutral. Amazon SES's
/// five VerificationStatus values map onto it (see docs/senders.md):
/// PENDING -> pending, SUCCESS -> verified, FAILED -> failed,
/// TEMPORARY_FAILURE -> temporary_failure, NOT_STARTED -> not_started; an
/// identity SES does not know (NotFoundException) -> not_found.
enum class IdentityStatus : int { pending, verified, failed, temporary_failure, not_started, not_found };

MAILWARDEN_EXPORT std::string_view to_string(IdentityStatus status) noexcept;

/// The event a transport status means for a sender in `state`, or nullopt
/// when it changes nothing (still pending; a temporary failure).
MAILWARDEN_EXPORT std::optional<VerificationEvent> event_for(VerificationState state, IdentityStatus status) noexcept;

}  // namespace mailwarden
