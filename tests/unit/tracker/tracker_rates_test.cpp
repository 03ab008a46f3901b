// Rates and status: the lines, the minimum volume, the audit log, the
// callbacks, refusal while suspended and the explicit resume.
#include "tracker_fixture.hpp"

using namespace mw_test;

namespace {

TrackerPolicy small_policy() {
    TrackerPolicy p;
    p.minimum_sends = 500;
    return p;
}

}  // namespace

TEST_CASE("below the minimum volume nothing changes; at 5.00 % the account is suspended") {
    TrackerFixture f(small_policy());
    auto& t = *f.tracker;
    std::vector<StatusChange> heard;
    t.subscribe([&](const StatusChange& c) { heard.push_back(c); });

    send_many(t, 499);
    for (int i = 0; i < 25; ++i) REQUIRE(t.ingest(hard_bounce("m" + std::to_string(i), "user" + std::to_string(i) + "@m.example")).has_value());
    auto stats = t.stats("");
    CHECK(stats->sends == 499);
    CHECK(stats->hard_bounces == 25);
    CHECK(stats->status == AccountStatus::active);  // 5.01 %, but only 499 sends

    // The 500th send: 25 / 500 = 5.00 %.
    const std::vector<std::string> to{"last@example.com"};
    auto report = t.record_send("", "m-last", to);
    REQUIRE(report.has_value());
    REQUIRE(report->status_changes.size() == 1);
    CHECK(report->status_changes[0].to == AccountStatus::suspended);
    CHECK(report->status_changes[0].reason == "bounce rate 5.00 % (25 of the last 500 sends) reached 5.00 %");
    REQUIRE(heard.size() == 1);
    CHECK(heard[0].actor == "mailwarden");
    stats = t.stats("");
    CHECK(stats->status == AccountStatus::suspended);
    CHECK(stats->bounce_rate == doctest::Approx(0.05));

    auto refused = t.admit("", to);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == errc::suspended);
    CHECK(refused.error().message.find("bounce rate 5.00 %") != std::string::npos);

    // Good news does not lift a suspension.
    send_many(t, 1000, "default", "n");
    CHECK(t.stats("")->status == AccountStatus::suspended);

    CHECK(t.resume("", "", "fixed").error().code == errc::invalid_argument);
    CHECK(t.resume("", "ops@example.com", "").error().code == errc::invalid_argument);
    auto resumed = t.resume("", "ops@example.com", "list cleaned");
    REQUIRE(resumed.has_value());
    CHECK(resumed->status == AccountStatus::active);
    CHECK(resumed->sends == 0);  // the window starts afresh
    CHECK(resumed->total_sends == 1500);
    CHECK(t.admit("", to).has_value());
    REQUIRE(heard.size() == 2);

    f.reopen();  // persisted, with who and why
    auto log = f.tracker->audit_log("");
    REQUIRE(log->size() == 2);
    CHECK((*log)[0].to == AccountStatus::suspended);
    CHECK((*log)[1].from == AccountStatus::suspended);
    CHECK((*log)[1].to == AccountStatus::active);
    CHECK((*log)[1].actor == "ops@example.com");
    CHECK((*log)[1].reason == "list cleaned");
    CHECK(f.tracker->stats("")->status_reason == "list cleaned");
}

TEST_CASE("complaint rates give a warning at 0.1 % and a suspension at 0.5 %") {
    TrackerFixture f(small_policy());
    auto& t = *f.tracker;
    send_many(t, 1000);
    REQUIRE(t.ingest(complaint("m1", "user1@m.example")).has_value());
    // 1 of 1000 is exactly 0.1 %: the line is reached.
    CHECK(t.stats("")->status == AccountStatus::warning);
    CHECK(t.stats("")->complaint_rate == doctest::Approx(0.001));
    CHECK(t.audit_log("")->back().to == AccountStatus::warning);
    for (int i = 2; i <= 4; ++i) REQUIRE(t.ingest(complaint("m" + std::to_string(i), "user" + std::to_string(i) + "@m.example")).has_value());
    CHECK(t.stats("")->status == AccountStatus::warning);
    REQUIRE(t.ingest(complaint("m5", "user5@m.example")).has_value());
    CHECK(t.stats("")->status == AccountStatus::suspended);
}

TEST_CASE("a warning clears by itself when the rate falls; the lines are configurable") {
    TrackerPolicy p = small_policy();
    p.minimum_sends = 10;
    p.window_sends = 100;
    p.bounce_warning = 0.02;
    p.bounce_suspend = 0.10;
    TrackerFixture f(p);
    auto& t = *f.tracker;
    send_many(t, 100);
    REQUIRE(t.ingest(hard_bounce("m0", "user0@m.example")).has_value());
    REQUIRE(t.ingest(hard_bounce("m1", "user1@m.example")).has_value());
    CHECK(t.stats("")->status == AccountStatus::warning);
    send_many(t, 100, "default", "later");  // both bounces leave the window
    const auto stats = t.stats("");
    CHECK(stats->sends == 100);
    CHECK(stats->hard_bounces == 0);
    CHECK(stats->total_hard_bounces == 2);
    CHECK(stats->status == AccountStatus::active);
}

TEST_CASE("accounts are counted apart") {
    TrackerPolicy p;
    p.minimum_sends = 10;
    TrackerFixture f(p);
    send_many(*f.tracker, 10, "a", "a");
    send_many(*f.tracker, 10, "b", "b");
    REQUIRE(f.tracker->ingest(hard_bounce("a1", "user1@a.example")).has_value());
    CHECK(f.tracker->stats("a")->status == AccountStatus::suspended);  // 1 in 10
    CHECK(f.tracker->stats("b")->status == AccountStatus::active);
    CHECK(f.tracker->admit("b", std::vector<std::string>{"x@example.com"}).has_value());
}
