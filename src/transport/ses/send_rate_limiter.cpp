#include "send_rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace mailwarden::ses {

SendRateLimiter::SendRateLimiter(double rate, double burst, clock::time_point now) { set_rate(rate, burst, now); }

void SendRateLimiter::set_rate(double rate, double burst, clock::time_point now) {
    std::lock_guard lock(mutex_);
    rate_ = rate;
    burst_ = std::max(1.0, burst > 0 ? burst : rate);
    tokens_ = std::min(tokens_, burst_);
    if (last_ == clock::time_point{}) tokens_ = burst_;
    last_ = now;
}

double SendRateLimiter::rate() const {
    std::lock_guard lock(mutex_);
    return rate_;
}

void SendRateLimiter::refill(clock::time_point now) {
    if (now <= last_) return;
    const std::chrono::duration<double> elapsed = now - last_;
    tokens_ = std::min(burst_, tokens_ + elapsed.count() * rate_);
    last_ = now;
}

SendRateLimiter::clock::duration SendRateLimiter::acquire(clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (rate_ <= 0) return clock::duration::zero();
    refill(now);
    tokens_ -= 1.0;  // may go negative: a debt later callers wait behind
    if (tokens_ >= 0) return clock::duration::zero();
    const std::chrono::duration<double> wait(-tokens_ / rate_);
    return std::chrono::duration_cast<clock::duration>(wait);
}

}  // namespace mailwarden::ses
