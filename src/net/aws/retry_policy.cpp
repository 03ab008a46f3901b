#include "retry_policy.hpp"

#include <algorithm>

namespace mailwarden::aws {

RetryPolicy::RetryPolicy(RetryOptions options, bool (*throttled)(const Error&) noexcept, std::uint64_t seed)
    : options_(options), throttled_(throttled), rng_(seed) {}

bool RetryPolicy::should_retry(const Error& error, int attempts_made, bool idempotent) const noexcept {
    if (attempts_made >= options_.max_attempts || !error.retryable) return false;
    // A request that may have reached the service is only repeated when doing it twice is
    // harmless or the caller accepted the risk. Throttling answers prove it was not processed.
    if (!idempotent && error.outcome_unknown && !throttled_(error)) return options_.retry_non_idempotent;
    return true;
}

std::chrono::milliseconds RetryPolicy::backoff(int attempts_made) {
    const int exponent = std::clamp(attempts_made - 1, 0, 30);
    const auto ceiling = std::min<std::int64_t>(options_.cap.count(), options_.base.count() << exponent);
    std::uniform_int_distribution<std::int64_t> jitter(0, std::max<std::int64_t>(ceiling, 0));
    return std::chrono::milliseconds(jitter(rng_));
}

}  // namespace mailwarden::aws
