// A token bucket at the account's MaxSendRate, so a burst of sends never
// exceeds the quota SES enforces. Time comes from the caller (testable);
// waiting is the caller's business (an asynchronous timer in the client).
#pragma once

#include <chrono>
#include <mutex>

namespace mailwarden::ses {

class SendRateLimiter {
public:
    using clock = std::chrono::steady_clock;

    /// rate: messages per second (<= 0: unlimited); burst: bucket size,
    /// at least 1 (SES allows a burst of about one second's worth).
    explicit SendRateLimiter(double rate = 0, double burst = 0, clock::time_point now = clock::now());

    void set_rate(double rate, double burst, clock::time_point now);
    double rate() const;

    /// Takes one token if there is one and returns zero; otherwise reserves
    /// the next token and returns how long to wait before sending. Reserved
    /// tokens are handed out in order, so callers that wait what they are told
    /// keep the rate. Thread-safe.
    clock::duration acquire(clock::time_point now);

private:
    void refill(clock::time_point now);

    mutable std::mutex mutex_;
    double rate_ = 0;
    double burst_ = 1;
    double tokens_ = 1;
    clock::time_point last_;
};

}  // namespace mailwarden::ses
