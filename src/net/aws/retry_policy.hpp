// When to try an AWS request again, and how long to wait: capped exponential
// backoff with full jitter (sleep = random(0, min(cap, base * 2^attempt))).
#pragma once

#include <mailwarden/error.hpp>
#include <mailwarden/net/retry.hpp>

#include <chrono>
#include <cstdint>
#include <random>

namespace mailwarden::aws {

class RetryPolicy {
public:
    /// `throttled` tells a throttling answer (the service did not act on the
    /// request, so even a non-idempotent call may go again).
    RetryPolicy(RetryOptions options, bool (*throttled)(const Error&) noexcept,
                std::uint64_t seed = std::random_device{}());

    /// Whether attempt number `attempts_made` (1-based, just failed with
    /// `error`) should be followed by another, for a request that is or is
    /// not idempotent. Only errors marked Error::retryable are retried.
    bool should_retry(const Error& error, int attempts_made, bool idempotent) const noexcept;

    /// The delay before the next attempt after `attempts_made` attempts.
    std::chrono::milliseconds backoff(int attempts_made);

    const RetryOptions& options() const noexcept { return options_; }

private:
    RetryOptions options_;
    bool (*throttled_)(const Error&) noexcept;
    std::mt19937_64 rng_;
};

}  // namespace mailwarden::aws
