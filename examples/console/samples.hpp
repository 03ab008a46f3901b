// The deliverability chart's points: the account's rates each time they
// changed (after /sns ingestion, or when read), the last 500. Thread-safe.
#pragma once

#include <mailwarden/bounce_tracker.hpp>

#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

namespace console {

struct Sample {
    mailwarden::TimePoint at{};
    double bounce_rate = 0;
    double complaint_rate = 0;
    std::int64_t sends = 0;
    std::int64_t hard_bounces = 0;
    std::int64_t complaints = 0;
    mailwarden::AccountStatus status = mailwarden::AccountStatus::active;
};

class SampleRing {
public:
    explicit SampleRing(std::size_t capacity = 500) : capacity_(capacity) {}
    /// Appends the stats as a sample at `at` unless they equal the last one.
    void record(const mailwarden::AccountStats& stats, mailwarden::TimePoint at);
    std::vector<Sample> snapshot() const;

private:
    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::deque<Sample> samples_;
};

}  // namespace console
