// A tracker over a real SQLite file in a scratch folder, a clock the test
// moves, and builders of feedback events.
#pragma once

#include <mailwarden/bounce_tracker.hpp>
#include <mailwarden/feedback_store.hpp>

#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace mw_test {

using namespace mailwarden;

inline TimePoint test_epoch() { return from_unix_seconds(1'800'000'000); }

struct TrackerFixture {
    explicit TrackerFixture(TrackerPolicy initial = {}) : policy(std::move(initial)) { reopen(); }

    /// A new tracker (and connection) on the same file, as another process would have.
    void reopen() {
        tracker.reset();
        auto opened = open_sqlite_feedback_store(dir.str("state.db"));
        REQUIRE(opened.has_value());
        store = *opened;
        tracker = std::make_unique<BounceTracker>(store, policy, clock);
    }

    TempDir dir;
    TrackerPolicy policy;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(test_epoch());
    std::shared_ptr<FeedbackStore> store;
    std::unique_ptr<BounceTracker> tracker;
};

/// An SES-like event about message `message_id` to `recipients`, each with
/// class `cls`; keys as the SES reader makes them.
inline FeedbackEvent event(FeedbackKind kind, const std::string& message_id, const std::vector<std::string>& recipients,
                           BounceClass cls = BounceClass::none, const std::string& feedback_id = "") {
    FeedbackEvent e;
    e.format = FeedbackFormat::ses_event;
    e.kind = kind;
    e.event_type = kind == FeedbackKind::bounce ? "Bounce" : kind == FeedbackKind::complaint ? "Complaint"
                   : kind == FeedbackKind::delivery                                       ? "Delivery"
                                                                                          : "Send";
    e.message_id = message_id;
    e.feedback_id = feedback_id;
    e.idempotency_key = "ses:" + message_id + "|" + e.event_type + "|" + feedback_id;
    for (const auto& r : recipients) {
        RecipientFeedback f;
        f.address = r;
        f.bounce_class = cls;
        f.status = cls == BounceClass::hard ? "5.1.1" : cls == BounceClass::soft ? "4.2.2" : "";
        f.idempotency_key = "ses:" + message_id + "|" + e.event_type + "|" + r + "|" + feedback_id;
        e.recipients.push_back(std::move(f));
    }
    return e;
}

inline FeedbackEvent hard_bounce(const std::string& message_id, const std::string& recipient,
                                 const std::string& feedback_id = "") {
    return event(FeedbackKind::bounce, message_id, {recipient}, BounceClass::hard, feedback_id);
}

inline FeedbackEvent soft_bounce(const std::string& message_id, const std::string& recipient,
                                 const std::string& feedback_id = "") {
    return event(FeedbackKind::bounce, message_id, {recipient}, BounceClass::soft, feedback_id);
}

inline FeedbackEvent complaint(const std::string& message_id, const std::string& recipient,
                               const std::string& feedback_type = "abuse", const std::string& feedback_id = "") {
    auto e = event(FeedbackKind::complaint, message_id, {recipient}, BounceClass::none, feedback_id);
    e.feedback_type = feedback_type;
    return e;
}

inline FeedbackEvent delivery(const std::string& message_id, const std::string& recipient) {
    return event(FeedbackKind::delivery, message_id, {recipient});
}

/// Records `n` sends of one message each to distinct recipients.
inline void send_many(BounceTracker& tracker, int n, const std::string& account = "default",
                      const std::string& prefix = "m") {
    for (int i = 0; i < n; ++i) {
        const std::string id = prefix + std::to_string(i);
        const std::vector<std::string> to{"user" + std::to_string(i) + "@" + prefix + ".example"};
        REQUIRE(tracker.record_send(account, id, to).has_value());
    }
}

}  // namespace mw_test
