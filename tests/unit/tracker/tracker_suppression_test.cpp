// Suppressions: what each kind of feedback suppresses, with what evidence,
// in which scope, and that feeding the same feedback again changes nothing.
#include "tracker_fixture.hpp"

#include <mailwarden/bounce.hpp>

#include <fstream>
#include <sstream>

using namespace mw_test;

TEST_CASE("a hard bounce suppresses the address with its evidence, once") {
    TrackerFixture f;
    auto report = f.tracker->ingest(hard_bounce("msg-1", "Gone@Example.COM"));
    REQUIRE(report.has_value());
    CHECK(report->hard_bounces == 1);
    CHECK(report->sends == 1);  // the bounced send is counted even though it was not recorded
    REQUIRE(report->suppressed.size() == 1);
    const auto& s = report->suppressed[0];
    CHECK(s.account == "default");
    CHECK(s.address == "gone@example.com");
    CHECK(s.reason == SuppressionReason::bounce);
    CHECK(s.status == "5.1.1");
    CHECK(s.evidence_key == "ses:msg-1|Bounce|Gone@Example.COM|");
    CHECK(s.at == test_epoch());

    auto again = f.tracker->ingest(hard_bounce("msg-1", "Gone@Example.COM"));
    REQUIRE(again.has_value());
    CHECK(again->duplicates == 1);
    CHECK(again->hard_bounces == 0);
    CHECK(again->suppressed.empty());

    const auto stats = f.tracker->stats("default");
    REQUIRE(stats.has_value());
    CHECK(stats->sends == 1);
    CHECK(stats->hard_bounces == 1);

    auto found = f.tracker->find_suppression("gone@EXAMPLE.com", "default");
    REQUIRE(found.has_value());
    REQUIRE(found->has_value());
    CHECK((*found)->reason == SuppressionReason::bounce);
    CHECK_FALSE(f.tracker->find_suppression("gone@example.com", "other")->has_value());
}

TEST_CASE("soft bounces suppress only when enough come within the period without a delivery") {
    TrackerFixture f;
    auto& t = *f.tracker;
    REQUIRE(t.ingest(soft_bounce("a1", "full@example.com")).has_value());
    REQUIRE(t.ingest(soft_bounce("a2", "full@example.com")).has_value());
    REQUIRE(t.ingest(delivery("a3", "full@example.com")).has_value());  // the run ends here
    REQUIRE(t.ingest(soft_bounce("a4", "full@example.com")).has_value());
    REQUIRE(t.ingest(soft_bounce("a5", "full@example.com")).has_value());
    CHECK_FALSE(t.find_suppression("full@example.com", "")->has_value());

    f.clock->advance(std::chrono::hours(24 * 8));  // the two before are out of the period now
    REQUIRE(t.ingest(soft_bounce("a6", "full@example.com")).has_value());
    REQUIRE(t.ingest(soft_bounce("a7", "full@example.com")).has_value());
    CHECK_FALSE(t.find_suppression("full@example.com", "")->has_value());
    auto third = t.ingest(soft_bounce("a8", "full@example.com"));
    REQUIRE(third.has_value());
    REQUIRE(third->suppressed.size() == 1);
    CHECK(third->suppressed[0].reason == SuppressionReason::bounce);
    CHECK(third->suppressed[0].note == "3 soft bounces without a delivery in between");

    const auto stats = t.stats("");
    CHECK(stats->soft_bounces == 7);
    CHECK(stats->hard_bounces == 0);
    CHECK(stats->total_deliveries == 1);
}

TEST_CASE("the event's own time places soft bounces in the period") {
    TrackerFixture f;
    f.clock->set(from_unix_seconds(1'800'000'000 + 30 * 86400));
    auto old1 = soft_bounce("b1", "late@example.com");
    old1.timestamp = format_rfc3339(test_epoch());
    auto old2 = soft_bounce("b2", "late@example.com");
    old2.timestamp = format_rfc3339(test_epoch() + std::chrono::hours(1));
    auto now = soft_bounce("b3", "late@example.com");  // no timestamp: now, 30 days later
    const std::vector<FeedbackEvent> batch{old1, old2, now};
    REQUIRE(f.tracker->ingest(batch).has_value());
    CHECK_FALSE(f.tracker->find_suppression("late@example.com", "")->has_value());
}

TEST_CASE("complaints suppress, not-spam feedback is recorded only") {
    TrackerFixture f;
    auto spam = f.tracker->ingest(complaint("c1", "angry@example.com"));
    REQUIRE(spam.has_value());
    CHECK(spam->complaints == 1);
    REQUIRE(spam->suppressed.size() == 1);
    CHECK(spam->suppressed[0].reason == SuppressionReason::complaint);

    auto not_spam = f.tracker->ingest(complaint("c2", "happy@example.com", "not-spam"));
    REQUIRE(not_spam.has_value());
    CHECK(not_spam->complaints == 0);
    CHECK(not_spam->ignored == 1);
    CHECK(not_spam->suppressed.empty());
    CHECK(f.tracker->stats("")->complaints == 1);
}

TEST_CASE("bounces that SES does not count are not counted") {
    TrackerFixture f;
    auto listed = hard_bounce("s1", "listed@example.com");
    listed.ses_bounce_subtype = "OnAccountSuppressionList";
    auto simulator = hard_bounce("s2", "bounce@simulator.amazonses.com");
    const std::vector<FeedbackEvent> batch{listed, simulator};
    auto report = f.tracker->ingest(batch);
    REQUIRE(report.has_value());
    CHECK(report->hard_bounces == 0);
    CHECK(report->ignored == 2);
    CHECK(f.tracker->stats("")->sends == 0);

    f.policy.count_simulator = true;  // as the offline demo runs
    f.reopen();
    auto counted = f.tracker->ingest(hard_bounce("s3", "bounce@simulator.amazonses.com"));
    CHECK(counted->hard_bounces == 1);
}

TEST_CASE("feedback belongs to the account of the recorded send") {
    TrackerFixture f;
    const std::vector<std::string> to{"x@example.com", "y@example.com"};
    REQUIRE(f.tracker->record_send("acme", "m-acme", to).has_value());
    REQUIRE(f.tracker->ingest(hard_bounce("m-acme", "y@example.com")).has_value());
    CHECK(f.tracker->stats("acme")->hard_bounces == 1);
    CHECK(f.tracker->stats("acme")->sends == 2);
    CHECK(f.tracker->stats("default")->sends == 0);
    CHECK(f.tracker->find_suppression("y@example.com", "acme")->has_value());
    // A named account does not take over a send recorded for another one.
    REQUIRE(f.tracker->ingest(complaint("m-acme", "x@example.com"), "other").has_value());
    CHECK(f.tracker->stats("acme")->complaints == 1);
    CHECK(f.tracker->stats("other")->sends == 0);
}

TEST_CASE("admission skips suppressed recipients, own and global, and reports them") {
    TrackerPolicy policy;
    policy.suppress_globally = true;
    TrackerFixture f(policy);
    REQUIRE(f.tracker->ingest(hard_bounce("g1", "nobody@example.com")).has_value());
    REQUIRE(f.tracker->suppress("manual@example.com", "acme", "asked to be removed").has_value());

    const std::vector<std::string> to{"ok@example.com", "Nobody@example.com", "manual@example.com",
                                      "ok@example.com"};
    auto acme = f.tracker->admit("acme", to);
    REQUIRE(acme.has_value());
    CHECK(acme->allowed == std::vector<std::string>{"ok@example.com"});
    REQUIRE(acme->suppressed.size() == 2);
    CHECK(acme->suppressed[0].account == "*");
    CHECK(acme->suppressed[1].reason == SuppressionReason::manual);
    CHECK(acme->suppressed[1].note == "asked to be removed");

    auto other = f.tracker->admit("other", to);
    CHECK(other->allowed == std::vector<std::string>{"ok@example.com", "manual@example.com"});

    CHECK(*f.tracker->unsuppress("nobody@example.com", "*"));
    CHECK_FALSE(*f.tracker->unsuppress("nobody@example.com", "*"));
    CHECK(f.tracker->admit("other", to)->suppressed.empty());
    CHECK(f.tracker->suppress("not an address", "acme", "").error().code == errc::invalid_argument);
}

TEST_CASE("suppressions list in address order, page by page") {
    TrackerFixture f;
    for (const char* a : {"c@example.com", "a@example.com", "b@example.com"})
        REQUIRE(f.tracker->suppress(a, "", "").has_value());
    auto first = f.tracker->suppressions("", 2);
    REQUIRE(first->size() == 2);
    CHECK((*first)[0].address == "a@example.com");
    auto rest = f.tracker->suppressions("", 2, (*first)[1].address);
    REQUIRE(rest->size() == 1);
    CHECK((*rest)[0].address == "c@example.com");
}

namespace {

struct RecordingMirror final : SuppressionMirror {
    std::vector<std::string> calls;
    Result<Done, Error> suppressed(const Suppression& s) override {
        calls.push_back("+" + s.address + ":" + std::string(to_string(s.reason)));
        return Done{};
    }
    Result<Done, Error> unsuppressed(std::string_view address) override {
        calls.push_back("-" + std::string(address));
        return unexpected(Error(errc::transport, "the mirror is down"));
    }
};

}  // namespace

TEST_CASE("the mirror hears of committed suppressions; its failures are counted, not fatal") {
    TrackerFixture f;
    auto mirror = std::make_shared<RecordingMirror>();
    f.tracker->set_mirror(mirror);
    REQUIRE(f.tracker->ingest(complaint("k1", "spam@example.com")).has_value());
    REQUIRE(f.tracker->ingest(complaint("k1", "spam@example.com")).has_value());  // a duplicate: nothing new
    REQUIRE(f.tracker->unsuppress("spam@example.com", "").has_value());
    CHECK(mirror->calls == std::vector<std::string>{"+spam@example.com:complaint", "-spam@example.com"});
    CHECK(f.tracker->mirror_failures() == 1);
    CHECK_FALSE(f.tracker->find_suppression("spam@example.com", "")->has_value());
}

TEST_CASE("a real SES bounce notification suppresses its permanent recipients") {
    std::ifstream in(std::string(MW_TEST_DATA_DIR) + "/ses-events/notif-bounce-with-dsn.json");
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    auto event = parse_ses_json(text.str());
    REQUIRE(event.has_value());
    TrackerFixture f;
    auto report = f.tracker->ingest(*event);
    REQUIRE(report.has_value());
    REQUIRE(report->hard_bounces == 1);
    REQUIRE(report->suppressed.size() == 1);
    CHECK(report->suppressed[0].address == "jane@example.com");
    CHECK(report->suppressed[0].status == "5.1.1");
}
