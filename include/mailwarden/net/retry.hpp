// How the AWS clients (SES, SQS) retry a failed call: throttling and
// transient faults only, with capped exponential backoff and full jitter.
#pragma once

#include <chrono>

namespace mailwarden::aws {

struct RetryOptions {
    int max_attempts = 3;                        ///< including the first
    std::chrono::milliseconds base{100};         ///< first backoff ceiling
    std::chrono::milliseconds cap{20'000};       ///< backoff ceiling never exceeds this
    /// Retry a call that is not idempotent (SES SendEmail, SQS SendMessage)
    /// after a failure where the request may have reached the service: it may
    /// then take effect twice.
    bool retry_non_idempotent = false;
};

}  // namespace mailwarden::aws
