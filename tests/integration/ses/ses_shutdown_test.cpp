// Destroying a client with sends still waiting: sends held by the pacer and a
// send sleeping its retry backoff end at once with "the client is shutting
// down" instead of keeping the destructor waiting for their timers. The
// timers are minutes long and the bounds half a minute: only a destructor
// that waits for them fails.
#include "peers.hpp"
#include "ses_test_support.hpp"
#include "../../support/eventually.hpp"

#include <chrono>
#include <mutex>
#include <vector>

using namespace mailwarden::ses;

namespace {

using clock_type = std::chrono::steady_clock;

// Results of async sends, in arrival order.
struct Results {
    std::mutex mutex;
    std::vector<SesResult<std::string>> items;
    void add(SesResult<std::string> r) {
        const std::lock_guard lock(mutex);
        items.push_back(std::move(r));
    }
    std::size_t size() {
        const std::lock_guard lock(mutex);
        return items.size();
    }
};

// Far shorter than the timers the sends wait for, far longer than a
// destructor that ends them needs.
constexpr double destroy_limit_s = 30;

double seconds_to_destroy(std::shared_ptr<Client>& client) {
    const auto start = clock_type::now();
    client.reset();
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

}  // namespace

TEST_CASE("sends held by the pacer end with 'shutting down' when the client goes") {
    auto client = ses_test::client_for(ses_test::endpoint_from_env("MW_TEST_SES_LOCAL_ENDPOINT"),
                                       [](ClientOptions& o) { o.max_send_rate = 0.01; });
    auto results = std::make_shared<Results>();
    constexpr std::size_t total = 6;  // one at once, then one every 100 s
    for (std::size_t i = 0; i < total; ++i)
        client->async_send_email(ses_test::small_message(), [results](SesResult<std::string> r) { results->add(std::move(r)); });
    REQUIRE(test_support::eventually([&] { return results->size() >= 1; }));

    CHECK(seconds_to_destroy(client) < destroy_limit_s);
    REQUIRE(results->size() == total);  // every callback ran, before the destructor returned
    CHECK(results->items[0].has_value());
    for (std::size_t i = 1; i < total; ++i) {
        REQUIRE_FALSE(results->items[i].has_value());
        CHECK(results->items[i].error().message.find("shutting down") != std::string::npos);
    }
}

TEST_CASE("a send sleeping its retry backoff ends when the client goes") {
    // 503 on every attempt, SendEmail retried on request, backoff up to 10 min.
    auto client = ses_test::client_for(mw_test::fault_server().url("/503"), [](ClientOptions& o) {
        o.rate_limit = false;
        o.retry.retry_non_idempotent = true;
        o.retry.max_attempts = 2;
        o.retry.base = std::chrono::minutes(10);
        o.retry.cap = std::chrono::minutes(10);
    });
    auto results = std::make_shared<Results>();
    client->async_send_email(ses_test::small_message(), [results](SesResult<std::string> r) { results->add(std::move(r)); });
    // Once the first attempt failed, the backoff is up to 10 min (full jitter).
    REQUIRE(test_support::eventually([&] { return client->stats().retries == 1; }));

    CHECK(seconds_to_destroy(client) < destroy_limit_s);
    REQUIRE(results->size() == 1);
    // Ended by the shutdown, or (when the jitter drew a wait shorter than
    // the bound) by the second 503: never by a sleep of minutes.
    REQUIRE_FALSE(results->items[0].has_value());
    const std::string& message = results->items[0].error().message;
    CHECK((message.find("shutting down") != std::string::npos || results->items[0].error().http_status == 503));
}
