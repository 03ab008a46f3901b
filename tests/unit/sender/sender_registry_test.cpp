// The registry on the SQLite store and the local transport, with a manual
// clock: the seed's flow and every rule around it.
#include <mailwarden/sender.hpp>
#include <mailwarden/store.hpp>
#include <mailwarden/transport.hpp>

#include "../../support/eventually.hpp"
#include "../../support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

using namespace mailwarden;
using namespace std::chrono_literals;

namespace {

struct Fixture {
    TempDir dir;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(from_unix_seconds(1'790'000'000));
    std::shared_ptr<SenderStore> store = *open_sqlite_store(dir.str("senders.db"));
    std::shared_ptr<LocalTransport> transport = *LocalTransport::open({dir.str("outbox")}, clock);
    SenderRegistry registry{store, transport, RegistryOptions{}, clock};
};

}  // namespace

TEST_CASE("add -> Pending; the click -> Success on refresh; sending allowed only then") {
    Fixture f;
    std::vector<std::string> changes;
    f.registry.subscribe([&](const Sender& s, const SenderHistoryEntry& c) {
        changes.push_back(s.address + ":" + std::string(to_string(c.to)));
    });

    auto added = f.registry.add("Letters@IANA.org", "IANA News");
    REQUIRE(added.has_value());
    CHECK(added->address == "Letters@iana.org");
    CHECK(added->state == VerificationState::pending);
    CHECK(added->expires_at == added->requested_at + 24h);
    CHECK(added->account == "default");
    CHECK(added->warnings.empty());

    OutgoingMessage m{"Letters@iana.org", {"reader@iana.org"}, "Hi", "text", "", "", "", {}};
    CHECK(f.registry.send(m).error().code == errc::not_verified);

    f.clock->advance(2h);
    REQUIRE(f.transport->confirm(*f.transport->last_link("Letters@iana.org")).has_value());
    auto report = f.registry.refresh();
    REQUIRE(report.has_value());
    CHECK(report->checked == 1);
    CHECK(report->changed == 1);

    const Sender s = *f.registry.get("Letters@IANA.ORG");  // the domain is normalised on lookup
    CHECK(s.state == VerificationState::success);
    CHECK(s.verified_at == from_unix_seconds(1'790'000'000) + 2h);
    REQUIRE(s.history.size() == 2);
    CHECK(s.history[1].event == "transport_verified");
    CHECK(f.registry.send(m).has_value());
    CHECK(changes == std::vector<std::string>{"Letters@iana.org:Pending", "Letters@iana.org:Success"});
}

TEST_CASE("the 24-hour boundary: Pending at 23:59:59, Failed at 24:00:00") {
    Fixture f;
    REQUIRE(f.registry.add("late@iana.org", "").has_value());
    f.clock->advance(24h - 1s);
    CHECK(f.registry.get("late@iana.org")->state == VerificationState::pending);
    f.clock->advance(1s);
    const Sender s = *f.registry.get("late@iana.org");
    CHECK(s.state == VerificationState::failed);
    CHECK(s.failed_at == s.expires_at);
    CHECK(s.failure_reason.find("expired") != std::string::npos);
    CHECK(f.registry.list(VerificationState::failed)->size() == 1);
    CHECK(f.registry.list(VerificationState::pending)->empty());

    // Resend: Pending again with a new 24 h window; the new link works.
    auto again = f.registry.resend("late@iana.org");
    REQUIRE(again.has_value());
    CHECK(again->state == VerificationState::pending);
    CHECK(again->expires_at == f.clock->now() + 24h);
    CHECK(again->failure_reason.empty());
    REQUIRE(f.transport->confirm(*f.transport->last_link("late@iana.org")).has_value());
    REQUIRE(f.registry.refresh().has_value());
    CHECK(f.registry.get("late@iana.org")->state == VerificationState::success);
    CHECK(f.registry.resend("late@iana.org").error().code == errc::invalid_argument);
}

TEST_CASE("a verified sender whose identity disappears becomes Failed, with the reason") {
    Fixture f;
    REQUIRE(f.registry.add("a@iana.org", "").has_value());
    REQUIRE(f.transport->confirm(*f.transport->last_link("a@iana.org")).has_value());
    REQUIRE(f.registry.refresh().has_value());
    REQUIRE(f.transport->delete_identity("a@iana.org").has_value());
    // Not re-checked before recheck_verified_after has passed...
    CHECK(f.registry.refresh()->checked == 0);
    f.clock->advance(7h);
    const auto report = *f.registry.refresh();
    CHECK(report.checked == 1);
    CHECK(report.changed == 1);
    const Sender s = *f.registry.get("a@iana.org");
    CHECK(s.state == VerificationState::failed);
    CHECK(s.failure_reason.find("no longer verified") != std::string::npos);
}

TEST_CASE("adding validates, refuses duplicates and line breaks, and gives From-address advice") {
    Fixture f;
    CHECK(f.registry.add("not-an-address", "").error().code == errc::invalid_argument);
    CHECK(f.registry.add("a@iana.org", "Evil\r\nBcc: x@y.org").error().code == errc::invalid_argument);
    REQUIRE(f.registry.add("a@iana.org", "").has_value());
    CHECK(f.registry.add("a@IANA.ORG", "").error().code == errc::already_exists);
    CHECK(f.registry.add("a@iana.org", "", "another-account").has_value());

    const auto noreply = f.registry.add("no-reply@iana.org", "");
    REQUIRE(noreply.has_value());
    REQUIRE(noreply->warnings.size() == 1);
    CHECK(noreply->warnings[0].find("no-reply") == 0);
    CHECK(f.registry.add("support@iana.org", "")->warnings.size() == 1);

    RegistryOptions strict;
    strict.reject_noreply = true;
    strict.reject_role = true;
    SenderRegistry picky(f.store, f.transport, strict, f.clock);
    CHECK(picky.add("noreply@iana.org", "").error().code == errc::policy);
    CHECK(picky.add("postmaster@iana.org", "").error().code == errc::policy);
    // Nothing was written for refused senders.
    CHECK_FALSE(f.store->find("default", "noreply@iana.org")->has_value());
}

TEST_CASE("remove, optionally at the transport too") {
    Fixture f;
    REQUIRE(f.registry.add("a@iana.org", "").has_value());
    REQUIRE(f.registry.add("b@iana.org", "").has_value());
    REQUIRE(f.registry.remove("a@iana.org", false).has_value());
    CHECK(*f.transport->identity_status("a@iana.org") == IdentityStatus::pending);
    REQUIRE(f.registry.remove("b@iana.org", true).has_value());
    CHECK(*f.transport->identity_status("b@iana.org") == IdentityStatus::not_found);
    CHECK(f.registry.get("a@iana.org").error().code == errc::not_found);
    CHECK(f.registry.remove("a@iana.org", false).error().code == errc::not_found);
}

TEST_CASE("refresh handles many senders with bounded concurrency, and a background refresher runs it") {
    Fixture f;
    for (int i = 0; i < 40; ++i) REQUIRE(f.registry.add("s" + std::to_string(i) + "@iana.org", "").has_value());
    for (int i = 0; i < 40; i += 2)
        REQUIRE(f.transport->confirm(*f.transport->last_link("s" + std::to_string(i) + "@iana.org")).has_value());
    auto report = f.registry.refresh();
    REQUIRE(report.has_value());
    CHECK(report->checked == 40);
    CHECK(report->changed == 20);
    CHECK(f.registry.list(VerificationState::success)->size() == 20);

    std::atomic<int> seen{0};
    f.registry.subscribe([&](const Sender&, const SenderHistoryEntry& c) {
        if (c.to == VerificationState::success) ++seen;
    });
    REQUIRE(f.transport->confirm(*f.transport->last_link("s1@iana.org")).has_value());
    f.registry.start_background_refresh(10ms);
    const bool changed = test_support::eventually([&] { return seen.load() > 0; });
    f.registry.stop_background_refresh();
    CHECK(changed);
    CHECK(seen.load() == 1);
}

TEST_CASE("state survives a restart: 25 hours later a new registry shows Failed") {
    TempDir dir;
    auto clock = std::make_shared<ManualClock>(from_unix_seconds(1'790'000'000));
    {
        auto store = *open_sqlite_store(dir.str("senders.db"));
        auto transport = *LocalTransport::open({dir.str("outbox")}, clock);
        SenderRegistry registry(store, transport, {}, clock);
        REQUIRE(registry.add("a@iana.org", "A").has_value());
    }
    clock->advance(25h);
    auto store = *open_sqlite_store(dir.str("senders.db"));
    auto transport = *LocalTransport::open({dir.str("outbox")}, clock);
    SenderRegistry registry(store, transport, {}, clock);
    const auto all = *registry.list();
    REQUIRE(all.size() == 1);
    CHECK(all[0].state == VerificationState::failed);
    CHECK(all[0].alias == "A");
}

namespace {

// Accepts verification requests, then fails every status check, noting
// when each came.
class FailingTransport final : public Transport {
public:
    using Clock = std::chrono::steady_clock;
    std::string_view name() const noexcept override { return "failing"; }
    Result<Done, Error> request_verification(const VerificationRequest&) override { return Done{}; }
    Result<IdentityStatus, Error> identity_status(std::string_view) override {
        const std::lock_guard lock(mutex);
        checks.push_back(Clock::now());
        checked.notify_all();
        return unexpected(Error(errc::transport, "unreachable"));
    }
    Result<Done, Error> delete_identity(std::string_view) override { return Done{}; }
    Result<std::string, Error> send(const OutgoingMessage&, std::string_view) override { return std::string(); }

    /// Waits until `n` checks came (false after the hang limit).
    bool wait_for_checks(std::size_t n) {
        std::unique_lock lock(mutex);
        return checked.wait_for(lock, test_support::hang_limit, [&] { return checks.size() >= n; });
    }
    std::vector<Clock::time_point> times() {
        const std::lock_guard lock(mutex);
        return checks;
    }

private:
    std::mutex mutex;
    std::condition_variable checked;
    std::vector<Clock::time_point> checks;
};

}  // namespace

TEST_CASE("the background refresher backs off while the transport fails") {
    TempDir dir;
    auto transport = std::make_shared<FailingTransport>();
    SenderRegistry registry(*open_sqlite_store(dir.str("s.db")), transport);
    REQUIRE(registry.add("a@iana.org", "").has_value());
    registry.start_background_refresh(10ms);
    const bool six_rounds = transport->wait_for_checks(6);
    registry.stop_background_refresh();
    REQUIRE(six_rounds);
    // Each failed round doubles the wait before the next, up to 16 intervals:
    // 20, 40, 80, 160, 160 ms at least between the checks (a busy machine
    // only makes them longer).
    const auto times = transport->times();
    const std::chrono::milliseconds least[] = {20ms, 40ms, 80ms, 160ms, 160ms};
    for (std::size_t i = 0; i < 5; ++i) {
        CAPTURE(i);
        CHECK(times[i + 1] - times[i] >= least[i]);
    }
    CHECK(registry.get("a@iana.org")->state == VerificationState::pending);
}

TEST_CASE("refresh_address checks the senders of one address, in every account, and no other") {
    Fixture f;
    REQUIRE(f.registry.add("news@iana.org", "", "acme").has_value());
    REQUIRE(f.registry.add("news@iana.org", "", "globex").has_value());
    REQUIRE(f.registry.add("other@iana.org", "", "acme").has_value());
    // Both clicked; only the address asked about is checked.
    REQUIRE(f.transport->confirm(*f.transport->last_link("news@iana.org")).has_value());
    REQUIRE(f.transport->confirm(*f.transport->last_link("other@iana.org")).has_value());

    auto report = f.registry.refresh_address("news@IANA.org");  // domain normalised, as get() does
    REQUIRE(report.has_value());
    CHECK(report->checked == 2);
    CHECK(report->changed == 2);
    CHECK(f.registry.get("news@iana.org", "acme")->state == VerificationState::success);
    CHECK(f.registry.get("news@iana.org", "globex")->state == VerificationState::success);
    CHECK(f.registry.get("other@iana.org", "acme")->state == VerificationState::pending);

    auto none = f.registry.refresh_address("nobody@iana.org");
    REQUIRE(none.has_value());
    CHECK(none->checked == 0);
}

TEST_CASE("from_unix_seconds saturates at the clock's range") {
    CHECK(to_unix_seconds(from_unix_seconds(1'790'000'000)) == 1'790'000'000);
    const TimePoint far = from_unix_seconds(INT64_MAX);
    CHECK(far.time_since_epoch() <= TimePoint::duration::max());
    CHECK(to_unix_seconds(far) == 9'223'372'036);
    CHECK(to_unix_seconds(from_unix_seconds(INT64_MIN)) == -9'223'372'036);
}
