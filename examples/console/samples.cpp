#include "samples.hpp"

namespace console {

void SampleRing::record(const mailwarden::AccountStats& stats, mailwarden::TimePoint at) {
    const Sample s{at, stats.bounce_rate, stats.complaint_rate, stats.sends, stats.hard_bounces, stats.complaints,
                   stats.status};
    std::lock_guard lock(mutex_);
    if (!samples_.empty()) {
        const Sample& last = samples_.back();
        if (last.bounce_rate == s.bounce_rate && last.complaint_rate == s.complaint_rate && last.sends == s.sends &&
            last.hard_bounces == s.hard_bounces && last.complaints == s.complaints && last.status == s.status)
            return;
    }
    samples_.push_back(s);
    while (samples_.size() > capacity_) samples_.pop_front();
}

std::vector<Sample> SampleRing::snapshot() const {
    std::lock_guard lock(mutex_);
    return {samples_.begin(), samples_.end()};
}

}  // namespace console
