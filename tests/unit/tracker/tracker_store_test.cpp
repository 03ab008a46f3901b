// The tracker's store: batches are all or nothing, trackers of one file
// (threads here, processes in the CLI tests) count each input once, and the
// feedback tables live beside the senders in one file.
#include "tracker_fixture.hpp"

#include <mailwarden/store.hpp>

#include <atomic>
#include <thread>

using namespace mw_test;

namespace {

// A store that fails the n-th suppression it is asked to write: a fault no
// real database produces on demand.
class FailingStore final : public FeedbackStore {
public:
    FailingStore(std::shared_ptr<FeedbackStore> inner, int fail_at) : inner_(std::move(inner)), fail_at_(fail_at) {}

    Result<std::unique_ptr<FeedbackTransaction>, Error> begin(bool write) override {
        auto tx = inner_->begin(write);
        if (!tx) return tx;
        return std::unique_ptr<FeedbackTransaction>(std::make_unique<Tx>(std::move(*tx), *this));
    }

private:
    struct Tx final : FeedbackTransaction {
        Tx(std::unique_ptr<FeedbackTransaction> inner, FailingStore& owner) : in(std::move(inner)), store(owner) {}
        std::unique_ptr<FeedbackTransaction> in;
        FailingStore& store;
        Result<bool, Error> claim(std::string_view k, TimePoint at) override { return in->claim(k, at); }
        Result<std::optional<SendRecord>, Error> find_send(std::string_view m, std::string_view r) override {
            return in->find_send(m, r);
        }
        Result<std::optional<SendRecord>, Error> find_send_by_seq(std::string_view a, std::int64_t s) override {
            return in->find_send_by_seq(a, s);
        }
        Result<std::optional<SendRecord>, Error> find_message(std::string_view m) override { return in->find_message(m); }
        Result<Done, Error> insert_send(const SendRecord& s) override { return in->insert_send(s); }
        Result<Done, Error> update_send_flags(const SendRecord& s) override { return in->update_send_flags(s); }
        Result<FlagCounts, Error> count_flags(std::string_view a, std::int64_t f, std::int64_t t) override {
            return in->count_flags(a, f, t);
        }
        Result<std::optional<AccountRecord>, Error> find_account(std::string_view a) override { return in->find_account(a); }
        Result<Done, Error> save_account(const AccountRecord& a) override { return in->save_account(a); }
        Result<Done, Error> append_audit(const StatusChange& c, std::int64_t s) override { return in->append_audit(c, s); }
        Result<std::vector<StatusChange>, Error> audit_log(std::string_view a) override { return in->audit_log(a); }
        Result<std::optional<Suppression>, Error> find_suppression(std::string_view a, std::string_view x) override {
            return in->find_suppression(a, x);
        }
        Result<Done, Error> put_suppression(const Suppression& s) override {
            if (++store.puts_ == store.fail_at_) return unexpected(Error(errc::io, "disk full"));
            return in->put_suppression(s);
        }
        Result<bool, Error> remove_suppression(std::string_view a, std::string_view x) override {
            return in->remove_suppression(a, x);
        }
        Result<std::vector<Suppression>, Error> list_suppressions(std::string_view a, std::string_view after,
                                                                  std::size_t n) override {
            return in->list_suppressions(a, after, n);
        }
        Result<std::optional<SoftBounceRecord>, Error> find_soft_bounces(std::string_view a, std::string_view x) override {
            return in->find_soft_bounces(a, x);
        }
        Result<Done, Error> put_soft_bounces(const SoftBounceRecord& r) override { return in->put_soft_bounces(r); }
        Result<Done, Error> remove_soft_bounces(std::string_view a, std::string_view x) override {
            return in->remove_soft_bounces(a, x);
        }
        Result<Done, Error> commit() override { return in->commit(); }
    };

    std::shared_ptr<FeedbackStore> inner_;
    int fail_at_;
    int puts_ = 0;
};

}  // namespace

TEST_CASE("a batch that fails part-way leaves nothing behind, and can be ingested again") {
    TrackerFixture f;
    const std::vector<FeedbackEvent> batch{hard_bounce("b1", "one@example.com"), hard_bounce("b2", "two@example.com"),
                                           hard_bounce("b3", "three@example.com")};
    BounceTracker failing(std::make_shared<FailingStore>(f.store, 3), f.policy, f.clock);
    auto failed = failing.ingest(batch);
    REQUIRE_FALSE(failed.has_value());
    CHECK(failed.error().code == errc::io);
    CHECK(f.tracker->stats("")->sends == 0);
    CHECK(f.tracker->suppressions("")->empty());

    auto retried = f.tracker->ingest(batch);
    REQUIRE(retried.has_value());
    CHECK(retried->duplicates == 0);
    CHECK(retried->hard_bounces == 3);
    CHECK(f.tracker->suppressions("")->size() == 3);
}

TEST_CASE("trackers sharing one file count each input once") {
    TrackerFixture f;
    std::vector<FeedbackEvent> events;
    for (int i = 0; i < 200; ++i)
        events.push_back(i % 2 == 0 ? hard_bounce("t" + std::to_string(i), "u" + std::to_string(i) + "@example.com")
                                    : delivery("t" + std::to_string(i), "u" + std::to_string(i) + "@example.com"));
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int w = 0; w < 4; ++w) {
        threads.emplace_back([&, w] {
            auto store = open_sqlite_feedback_store(f.dir.str("state.db"));
            if (!store) {
                ++failures;
                return;
            }
            BounceTracker mine(*store, f.policy, f.clock);
            // Each worker feeds every event, in batches of 10, from its own offset.
            for (int b = 0; b < 20; ++b) {
                const auto start = static_cast<std::size_t>(((b + w * 5) % 20) * 10);
                if (!mine.ingest(std::span<const FeedbackEvent>(events).subspan(start, 10))) ++failures;
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(failures == 0);
    const auto stats = f.tracker->stats("");
    CHECK(stats->sends == 200);
    CHECK(stats->hard_bounces == 100);
    CHECK(stats->total_deliveries == 100);
    CHECK(f.tracker->suppressions("", 1000)->size() == 100);
}

TEST_CASE("the feedback tables and the senders share one file") {
    TempDir dir;
    const auto path = dir.str("one.db");
    auto senders = open_sqlite_store(path);
    REQUIRE(senders.has_value());
    auto feedback = open_sqlite_feedback_store(path);
    REQUIRE(feedback.has_value());
    BounceTracker tracker(*feedback);
    REQUIRE(tracker.suppress("a@example.com", "", "").has_value());
    Sender s;
    s.id = "s1";
    s.account = "default";
    s.address = "news@example.com";
    REQUIRE((*senders)->insert(s).has_value());
    CHECK(tracker.find_suppression("a@example.com", "")->has_value());
}
