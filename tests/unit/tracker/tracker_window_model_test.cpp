// The window's counters, kept incrementally in the store, against a model
// that recounts everything from scratch after each step, over random
// sequences of sends, bounces, complaints, duplicates, resumes and changes
// of the window's size.
#include "tracker_fixture.hpp"

#include <random>

using namespace mw_test;

namespace {

struct ModelSend {
    bool hard = false, soft = false, complaint = false;
};

struct Model {
    std::vector<ModelSend> sends;  // by seq
    std::map<std::string, std::size_t> seq_of;
    std::int64_t window_start = 0;

    std::size_t ensure(const std::string& id) {
        auto [it, fresh] = seq_of.emplace(id, sends.size());
        if (fresh) sends.emplace_back();
        return it->second;
    }

    AccountStats expected(std::int64_t window) const {
        AccountStats s;
        const auto n = static_cast<std::int64_t>(sends.size());
        const auto from = std::max(window_start, n - window);
        s.sends = n - from;
        for (auto i = from; i < n; ++i) {
            const auto& x = sends[static_cast<std::size_t>(i)];
            s.hard_bounces += x.hard;
            s.soft_bounces += x.soft;
            s.complaints += x.complaint;
        }
        for (const auto& x : sends) {
            s.total_hard_bounces += x.hard;
            s.total_complaints += x.complaint;
        }
        s.total_sends = n;
        return s;
    }
};

}  // namespace

TEST_CASE("the incremental window agrees with a recount after every step") {
    for (unsigned seed = 1; seed <= 6; ++seed) {
        CAPTURE(seed);
        std::mt19937 rng(seed);
        TrackerPolicy p;
        p.window_sends = 20;
        p.minimum_sends = 1'000'000;  // statuses are not what this test is about
        p.soft_bounce_limit = 0;
        TrackerFixture f(p);
        Model model;
        int next_message = 0;
        for (int step = 0; step < 300; ++step) {
            CAPTURE(step);
            const int op = static_cast<int>(rng() % 100);
            const int known = next_message == 0 ? 0 : static_cast<int>(rng() % static_cast<unsigned>(next_message));
            const std::string old_id = "m" + std::to_string(known);
            const std::string rcpt = "r@example.com";
            const std::string fid = "f" + std::to_string(step);
            if (op < 40 || next_message == 0) {
                const std::string id = "m" + std::to_string(next_message++);
                REQUIRE(f.tracker->record_send("", id, std::vector<std::string>{rcpt}).has_value());
                model.ensure(id);
            } else if (op < 55) {
                REQUIRE(f.tracker->ingest(hard_bounce(old_id, rcpt, fid)).has_value());
                model.sends[model.ensure(old_id)].hard = true;
            } else if (op < 70) {
                REQUIRE(f.tracker->ingest(soft_bounce(old_id, rcpt, fid)).has_value());
                model.sends[model.ensure(old_id)].soft = true;
            } else if (op < 80) {
                REQUIRE(f.tracker->ingest(complaint(old_id, rcpt, "abuse", fid)).has_value());
                model.sends[model.ensure(old_id)].complaint = true;
            } else if (op < 88) {
                // Feedback about a message never recorded counts as a send.
                const std::string id = "m" + std::to_string(next_message++);
                REQUIRE(f.tracker->ingest(hard_bounce(id, rcpt, fid)).has_value());
                model.sends[model.ensure(id)].hard = true;
            } else if (op < 92) {
                REQUIRE(f.tracker->resume("", "test", "model step").has_value());
                model.window_start = static_cast<std::int64_t>(model.sends.size());
            } else if (op < 96) {
                f.policy.window_sends = 5 + static_cast<std::int64_t>(rng() % 30);
                f.reopen();
            } else {
                REQUIRE(f.tracker->ingest(hard_bounce(old_id, rcpt, "again")).has_value());  // maybe a duplicate
                model.sends[model.ensure(old_id)].hard = true;
            }
            const auto want = model.expected(f.policy.window_sends);
            const auto got = f.tracker->stats("");
            REQUIRE(got.has_value());
            CHECK(got->sends == want.sends);
            CHECK(got->hard_bounces == want.hard_bounces);
            CHECK(got->soft_bounces == want.soft_bounces);
            CHECK(got->complaints == want.complaints);
            CHECK(got->total_sends == want.total_sends);
            CHECK(got->total_hard_bounces == want.total_hard_bounces);
            CHECK(got->total_complaints == want.total_complaints);
        }
    }
}
