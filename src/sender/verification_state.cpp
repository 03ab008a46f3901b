// The verification state machine and the meaning of transport statuses.
#include <mailwarden/verification.hpp>

#include <array>
#include <cctype>

namespace mailwarden {

namespace {

using S = VerificationState;
using E = VerificationEvent;

constexpr std::array<std::string_view, 3> state_names = {"Pending", "Success", "Failed"};

}  // namespace

std::string_view to_string(VerificationState state) noexcept {
    const auto i = static_cast<std::size_t>(state);
    return i < state_names.size() ? state_names[i] : "Unknown";
}

std::optional<VerificationState> parse_verification_state(std::string_view text) noexcept {
    for (std::size_t i = 0; i < state_names.size(); ++i) {
        const std::string_view name = state_names[i];
        if (name.size() != text.size()) continue;
        bool same = true;
        for (std::size_t k = 0; k < name.size() && same; ++k)
            same = std::tolower(static_cast<unsigned char>(name[k])) == std::tolower(static_cast<unsigned char>(text[k]));
        if (same) return static_cast<VerificationState>(i);
    }
    return std::nullopt;
}

std::string_view to_string(VerificationEvent event) noexcept {
    switch (event) {
    case E::verification_sent: return "verification_sent";
    case E::transport_verified: return "transport_verified";
    case E::transport_failed: return "transport_failed";
    case E::identity_revoked: return "identity_revoked";
    case E::link_expired: return "link_expired";
    }
    return "unknown";
}

std::optional<VerificationState> next_state(VerificationState state, VerificationEvent event) noexcept {
    switch (event) {
    case E::verification_sent:
        // A verified sender needs no new link.
        if (state == S::success) return std::nullopt;
        return S::pending;
    case E::transport_verified:
        // The transport is the authority: a click seen late still counts.
        if (state == S::success) return std::nullopt;
        return S::success;
    case E::transport_failed:
    case E::identity_revoked:
        if (state == S::failed) return std::nullopt;
        return S::failed;
    case E::link_expired:
        if (state != S::pending) return std::nullopt;
        return S::failed;
    }
    return std::nullopt;
}

std::string_view to_string(IdentityStatus status) noexcept {
    switch (status) {
    case IdentityStatus::pending: return "pending";
    case IdentityStatus::verified: return "verified";
    case IdentityStatus::failed: return "failed";
    case IdentityStatus::temporary_failure: return "temporary_failure";
    case IdentityStatus::not_started: return "not_started";
    case IdentityStatus::not_found: return "not_found";
    }
    return "unknown";
}

std::optional<VerificationEvent> event_for(VerificationState state, IdentityStatus status) noexcept {
    switch (status) {
    case IdentityStatus::verified: return E::transport_verified;
    case IdentityStatus::failed: return E::transport_failed;
    case IdentityStatus::not_found: return E::identity_revoked;
    case IdentityStatus::pending:
    case IdentityStatus::not_started:
        // Waiting for the click is normal while Pending; for a verified
        // sender it means verification was withdrawn.
        if (state == S::success) return E::identity_revoked;
        return std::nullopt;
    case IdentityStatus::temporary_failure:
        return std::nullopt;  // nothing can be concluded; check again later
    }
    return std::nullopt;
}

}  // namespace mailwarden
