// The verification state machine, exhaustively: every state x event.
#include <mailwarden/verification.hpp>

#include <doctest/doctest.h>

using namespace mailwarden;
using S = VerificationState;
using E = VerificationEvent;

TEST_CASE("every state x event pair") {
    struct Row {
        S from;
        E event;
        std::optional<S> to;
    };
    const Row table[] = {
        {S::pending, E::verification_sent, S::pending},  // resend: a new window
        {S::pending, E::transport_verified, S::success},
        {S::pending, E::transport_failed, S::failed},
        {S::pending, E::identity_revoked, S::failed},
        {S::pending, E::link_expired, S::failed},
        {S::success, E::verification_sent, std::nullopt},  // nothing to resend
        {S::success, E::transport_verified, std::nullopt},
        {S::success, E::transport_failed, S::failed},
        {S::success, E::identity_revoked, S::failed},
        {S::success, E::link_expired, std::nullopt},  // the link no longer matters
        {S::failed, E::verification_sent, S::pending},
        {S::failed, E::transport_verified, S::success},  // the transport is the authority
        {S::failed, E::transport_failed, std::nullopt},
        {S::failed, E::identity_revoked, std::nullopt},
        {S::failed, E::link_expired, std::nullopt},
    };
    int rows = 0;
    for (const auto& r : table) {
        INFO(to_string(r.from) << " + " << to_string(r.event));
        CHECK(next_state(r.from, r.event) == r.to);
        ++rows;
    }
    CHECK(rows == 3 * 5);
}

TEST_CASE("transport statuses, including all five of SES, per state") {
    using I = IdentityStatus;
    CHECK(event_for(S::pending, I::pending) == std::nullopt);
    CHECK(event_for(S::pending, I::not_started) == std::nullopt);
    CHECK(event_for(S::pending, I::temporary_failure) == std::nullopt);
    CHECK(event_for(S::pending, I::verified) == E::transport_verified);
    CHECK(event_for(S::pending, I::failed) == E::transport_failed);
    CHECK(event_for(S::pending, I::not_found) == E::identity_revoked);
    CHECK(event_for(S::success, I::verified) == E::transport_verified);  // no-op via next_state
    CHECK(event_for(S::success, I::pending) == E::identity_revoked);
    CHECK(event_for(S::success, I::not_started) == E::identity_revoked);
    CHECK(event_for(S::success, I::not_found) == E::identity_revoked);
    CHECK(event_for(S::success, I::temporary_failure) == std::nullopt);
    CHECK(event_for(S::failed, I::verified) == E::transport_verified);
}

TEST_CASE("names") {
    CHECK(to_string(S::pending) == "Pending");
    CHECK(to_string(S::success) == "Success");
    CHECK(to_string(S::failed) == "Failed");
    CHECK(parse_verification_state("success") == S::success);
    CHECK(parse_verification_state("FAILED") == S::failed);
    CHECK(parse_verification_state("done") == std::nullopt);
}
