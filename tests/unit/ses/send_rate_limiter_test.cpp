// The token bucket never lets a burst exceed the rate.
#include "transport/ses/send_rate_limiter.hpp"

#include <doctest/doctest.h>

using namespace mailwarden::ses;
using namespace std::chrono_literals;
using clock_type = SendRateLimiter::clock;

TEST_CASE("a burst is spread at the rate") {
    const auto t0 = clock_type::time_point{} + 1h;
    SendRateLimiter limiter(10.0, 1.0, t0);  // 10 messages per second, no burst
    CHECK(limiter.acquire(t0) == clock_type::duration::zero());
    // The next nine, asked at the same instant, wait 100 ms more each.
    for (int i = 1; i < 10; ++i) {
        const auto wait = limiter.acquire(t0);
        CHECK(wait == std::chrono::duration_cast<clock_type::duration>(std::chrono::duration<double>(0.1 * i)));
    }
}

TEST_CASE("over any window the number of sends stays within rate x window + burst") {
    const auto t0 = clock_type::time_point{} + 1h;
    SendRateLimiter limiter(14.0, 14.0, t0);
    // 200 callers each send at (arrival + wait); count sends in the first second.
    int in_first_second = 0;
    for (int i = 0; i < 200; ++i) {
        const auto arrival = t0 + std::chrono::milliseconds(i);
        const auto at = arrival + limiter.acquire(arrival);
        if (at < t0 + 1s) ++in_first_second;
    }
    CHECK(in_first_second <= 14 + 14);
    CHECK(in_first_second >= 14);
}

TEST_CASE("unlimited when the rate is not known") {
    SendRateLimiter limiter;
    for (int i = 0; i < 100; ++i) CHECK(limiter.acquire(clock_type::now()) == clock_type::duration::zero());
    limiter.set_rate(2.0, 1.0, clock_type::now());
    CHECK(limiter.rate() == 2.0);
}
