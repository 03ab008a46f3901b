// Which SES failures are retried; the backoff itself is the AWS clients'
// shared RetryPolicy (net/aws/retry_policy.hpp).
#pragma once

#include "net/aws/retry_policy.hpp"

#include <mailwarden/ses/client.hpp>
#include <mailwarden/ses/error.hpp>

#include <cstdint>
#include <random>

namespace mailwarden::ses {

/// Throttling (429, TooManyRequests) and transient faults (5xx, connection
/// failures, resets, timeouts) are retryable; anything the service refused
/// on its merits is not.
bool is_retryable(const Error& error) noexcept;

/// A throttling answer: SES did not act on the request.
bool is_throttled(const Error& error) noexcept;

/// The shared policy with SES's throttling rule.
class RetryPolicy : public aws::RetryPolicy {
public:
    explicit RetryPolicy(RetryOptions options, std::uint64_t seed = std::random_device{}())
        : aws::RetryPolicy(options, &is_throttled, seed) {}
};

}  // namespace mailwarden::ses
