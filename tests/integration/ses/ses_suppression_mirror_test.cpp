// The bounce tracker's suppressions mirrored to the SES account-level list
// (the project's SES fake, which keeps one like SES; moto has none; requests
// signature-checked): bounces and complaints with their reasons,
// removals, what the options leave out, and failures counted, not fatal.
#include "ses_test_support.hpp"

#include "../../support/closed_port.hpp"
#include "../../support/temp_dir.hpp"

#include <mailwarden/bounce_tracker.hpp>
#include <mailwarden/feedback_store.hpp>
#include <mailwarden/ses/suppression_mirror.hpp>

using namespace mailwarden;
using ses_test::client_for;
using ses_test::endpoint_from_env;

namespace {

FeedbackEvent bounce_of(const std::string& address, BounceClass cls, FeedbackKind kind = FeedbackKind::bounce) {
    FeedbackEvent e;
    e.kind = kind;
    e.message_id = "mirror-" + address;
    e.idempotency_key = "ses:" + e.message_id;
    RecipientFeedback r;
    r.address = address;
    r.bounce_class = cls;
    r.idempotency_key = e.idempotency_key + "|" + address;
    e.recipients.push_back(r);
    if (kind == FeedbackKind::complaint) e.feedback_type = "abuse";
    return e;
}

}  // namespace

TEST_CASE("suppressions reach the SES list with their reasons, removals too") {
    TempDir dir;
    auto store = open_sqlite_feedback_store(dir.str("state.db"));
    REQUIRE(store.has_value());
    BounceTracker tracker(*store);
    auto client = client_for(endpoint_from_env("MW_TEST_SES_FAKE_ENDPOINT"));
    tracker.set_mirror(make_ses_suppression_mirror(client));

    REQUIRE(tracker.ingest(bounce_of("mirror-gone@iana.org", BounceClass::hard)).has_value());
    REQUIRE(tracker.ingest(bounce_of("mirror-angry@iana.org", BounceClass::none, FeedbackKind::complaint)).has_value());
    REQUIRE(tracker.suppress("mirror-manual@iana.org", "", "asked by phone").has_value());
    CHECK(tracker.mirror_failures() == 0);

    const auto gone = client->get_suppressed_destination("mirror-gone@iana.org");
    REQUIRE_MESSAGE(gone.has_value(), (gone ? "" : gone.error().describe()));
    CHECK(gone->reason == ses::SuppressionReason::bounce);
    const auto angry = client->get_suppressed_destination("mirror-angry@iana.org");
    REQUIRE(angry.has_value());
    CHECK(angry->reason == ses::SuppressionReason::complaint);
    // Manual entries stay the platform's own by default.
    CHECK(client->get_suppressed_destination("mirror-manual@iana.org").error().kind() == errc::not_found);

    REQUIRE(*tracker.unsuppress("mirror-gone@iana.org", ""));
    CHECK(client->get_suppressed_destination("mirror-gone@iana.org").error().kind() == errc::not_found);
    REQUIRE(*tracker.unsuppress("mirror-manual@iana.org", ""));  // never mirrored: nothing to undo
    REQUIRE(*tracker.unsuppress("mirror-angry@iana.org", ""));   // the fake's list as it was
    CHECK(client->get_suppressed_destination("mirror-angry@iana.org").error().kind() == errc::not_found);
    CHECK(tracker.mirror_failures() == 0);
}

TEST_CASE("an unreachable SES is counted as a mirror failure; the suppression stands") {
    TempDir dir;
    auto store = open_sqlite_feedback_store(dir.str("state.db"));
    REQUIRE(store.has_value());
    BounceTracker tracker(*store);
    test_support::ClosedPort closed;
    tracker.set_mirror(make_ses_suppression_mirror(
        client_for("http://127.0.0.1:" + std::to_string(closed.port()), [](ses::ClientOptions& o) { o.retry.max_attempts = 1; })));
    REQUIRE(tracker.ingest(bounce_of("mirror-down@iana.org", BounceClass::hard)).has_value());
    CHECK(tracker.mirror_failures() == 1);
    CHECK(tracker.find_suppression("mirror-down@iana.org", "")->has_value());
}
