// Which failures are retried, and the backoff's bounds.
#include "transport/ses/retry_policy.hpp"
#include "transport/ses/ses_error_mapping.hpp"

#include <doctest/doctest.h>

using namespace mailwarden::ses;
using namespace std::chrono_literals;

TEST_CASE("throttling and transient faults are retried, refusals are not") {
    const RetryPolicy policy(RetryOptions{}, 1);
    CHECK(policy.should_retry(error_from_response(429, "TooManyRequestsException", "", ""), 1, true));
    CHECK(policy.should_retry(error_from_response(503, "", "", ""), 1, true));
    CHECK(policy.should_retry(local_error(errc::transport_failure, "refused"), 2, true));
    CHECK_FALSE(policy.should_retry(error_from_response(503, "", "", ""), 3, true));  // attempts used up
    CHECK_FALSE(policy.should_retry(error_from_response(400, "MessageRejected", "", ""), 1, true));
    CHECK_FALSE(policy.should_retry(error_from_response(404, "NotFoundException", "", ""), 1, true));
    CHECK_FALSE(policy.should_retry(local_error(errc::malformed_response, "x"), 1, true));
}

TEST_CASE("a send that may have reached SES is not repeated unless the caller opts in") {
    Error lost = local_error(errc::timeout, "read timed out");
    lost.outcome_unknown = true;
    const RetryPolicy strict(RetryOptions{}, 1);
    CHECK_FALSE(strict.should_retry(lost, 1, false));
    CHECK(strict.should_retry(lost, 1, true));
    // Never sent at all (connect failed): safe to retry.
    CHECK(strict.should_retry(local_error(errc::transport_failure, "connect"), 1, false));
    // Throttled: SES answered and did not process it.
    CHECK(strict.should_retry(error_from_response(429, "", "", ""), 1, false));

    RetryOptions opt_in;
    opt_in.retry_non_idempotent = true;
    CHECK(RetryPolicy(opt_in, 1).should_retry(lost, 1, false));
}

TEST_CASE("full jitter stays within the capped exponential ceiling") {
    RetryOptions o;
    o.base = 100ms;
    o.cap = 1000ms;
    RetryPolicy policy(o, 42);
    bool saw_nonzero = false;
    for (int i = 0; i < 200; ++i) {
        const auto first = policy.backoff(1);
        CHECK(first >= 0ms);
        CHECK(first <= 100ms);
        const auto third = policy.backoff(3);
        CHECK(third <= 400ms);
        const auto late = policy.backoff(20);
        CHECK(late <= 1000ms);
        saw_nonzero = saw_nonzero || late > 0ms;
    }
    CHECK(saw_nonzero);
}
