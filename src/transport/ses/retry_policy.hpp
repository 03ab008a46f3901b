// When to try an SES request again, and how long to wait: capped exponential
// backoff with full jitter (sleep = random(0, min(cap, base * 2^attempt))).
#pragma once

#include <mailwarden/ses/client.hpp>
#include <mailwarden/ses/error.hpp>

#include <chrono>
#include <cstdint>
#include <random>

namespace mailwarden::ses {

/// Throttling (429, TooManyRequests) and transient faults (5xx, connection
/// failures, resets, timeouts) are retryable; anything the service refused
/// on its merits is not.
bool is_retryable(const Error& error) noexcept;

class RetryPolicy {
public:
    explicit RetryPolicy(RetryOptions options, std::uint64_t seed = std::random_device{}());

    /// Whether attempt number `attempts_made` (1-based, just failed with
    /// `error`) should be followed by another, for a request that is or is
    /// not idempotent.
    bool should_retry(const Error& error, int attempts_made, bool idempotent) const noexcept;

    /// The delay before the next attempt after `attempts_made` attempts.
    std::chrono::milliseconds backoff(int attempts_made);

    const RetryOptions& options() const noexcept { return options_; }

private:
    RetryOptions options_;
    std::mt19937_64 rng_;
};

}  // namespace mailwarden::ses
