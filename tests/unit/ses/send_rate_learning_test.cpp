// When GetAccount is asked for MaxSendRate, and what sends do meanwhile.
#include "transport/ses/send_rate_learning.hpp"

#include <doctest/doctest.h>

using namespace mailwarden::ses;
using namespace std::chrono_literals;
using Step = SendRateLearning::Step;

namespace {

const auto t0 = SendRateLearning::clock::time_point{} + 1h;

}  // namespace

TEST_CASE("the first send asks; sends while it is in flight wait; MaxSendRate then holds for good") {
    SendRateLearning learning;
    CHECK_FALSE(learning.asking());
    CHECK(learning.on_send(t0) == Step::ask_and_wait);
    CHECK(learning.asking());
    for (int i = 0; i < 5; ++i) CHECK(learning.on_send(t0 + 10ms * i) == Step::wait);
    CHECK(learning.on_account(14.0, t0 + 100ms) == 14.0);
    CHECK(learning.learned());
    CHECK_FALSE(learning.asking());
    // Never asked again, however long the client lives.
    for (auto t : {t0 + 1s, t0 + 1h, t0 + 240h}) CHECK(learning.on_send(t) == Step::send);
}

TEST_CASE("a failed GetAccount paces at 1/s and is asked again only after the interval, without holding sends") {
    SendRateLearning learning;
    REQUIRE(learning.on_send(t0) == Step::ask_and_wait);
    const auto failed_at = t0 + 2s;  // after its timeouts and retries
    CHECK(learning.on_account(std::nullopt, failed_at) == SendRateLearning::fallback_rate);
    CHECK(SendRateLearning::fallback_rate == 1.0);
    CHECK_FALSE(learning.learned());
    // Within the interval (counted from the failure): no GetAccount, sends go at the fallback rate.
    CHECK(learning.on_send(failed_at) == Step::send);
    CHECK(learning.on_send(failed_at + SendRateLearning::retry_interval - 1ms) == Step::send);
    // The first send after it asks again, in the background; one ask at a time.
    CHECK(learning.on_send(failed_at + SendRateLearning::retry_interval) == Step::ask_and_send);
    CHECK(learning.asking());
    CHECK(learning.on_send(failed_at + SendRateLearning::retry_interval + 1ms) == Step::send);

    SUBCASE("failing again waits another interval") {
        const auto again = failed_at + 40s;
        CHECK(learning.on_account(std::nullopt, again) == 1.0);
        CHECK(learning.on_send(again + 29s) == Step::send);
        CHECK(learning.on_send(again + 30s) == Step::ask_and_send);
    }
    SUBCASE("succeeding sets the account's rate") {
        CHECK(learning.on_account(200.0, failed_at + 31s) == 200.0);
        CHECK(learning.learned());
        CHECK(learning.on_send(failed_at + 1h) == Step::send);
    }
}

TEST_CASE("an answer without a usable MaxSendRate counts as a failure") {
    for (double rate : {0.0, -3.0}) {
        SendRateLearning learning;
        REQUIRE(learning.on_send(t0) == Step::ask_and_wait);
        CHECK(learning.on_account(rate, t0) == SendRateLearning::fallback_rate);
        CHECK_FALSE(learning.learned());
        CHECK(learning.on_send(t0 + 1s) == Step::send);
        CHECK(learning.on_send(t0 + 30s) == Step::ask_and_send);
    }
}
