// Destroying a client with sends still waiting: sends held by the pacer and a
// send sleeping its retry backoff end at once with "the client is shutting
// down" instead of keeping the destructor waiting for their timers.
#include "peers.hpp"
#include "ses_test_support.hpp"

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

bool wait_for(Results& results, std::size_t n, std::chrono::seconds limit) {
    const auto until = clock_type::now() + limit;
    while (results.size() < n && clock_type::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return results.size() >= n;
}

double seconds_to_destroy(std::shared_ptr<Client>& client) {
    const auto start = clock_type::now();
    client.reset();
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

}  // namespace

TEST_CASE("sends held by the pacer end with 'shutting down' when the client goes") {
    auto client = ses_test::client_for(ses_test::endpoint_from_env("MW_TEST_SES_LOCAL_ENDPOINT"),
                                       [](ClientOptions& o) { o.max_send_rate = 1; });
    auto results = std::make_shared<Results>();
    constexpr std::size_t total = 6;  // one at once, then one a second: 5 s of waiting
    for (std::size_t i = 0; i < total; ++i)
        client->async_send_email(ses_test::small_message(), [results](SesResult<std::string> r) { results->add(std::move(r)); });
    REQUIRE(wait_for(*results, 1, std::chrono::seconds(10)));

    CHECK(seconds_to_destroy(client) < 1.0);
    REQUIRE(results->size() == total);  // every callback ran, before the destructor returned
    CHECK(results->items[0].has_value());
    for (std::size_t i = 1; i < total; ++i) {
        REQUIRE_FALSE(results->items[i].has_value());
        CHECK(results->items[i].error().message.find("shutting down") != std::string::npos);
    }
}

TEST_CASE("a send sleeping its retry backoff ends when the client goes") {
    // 503 on every attempt, SendEmail retried on request, backoff up to 30 s.
    auto client = ses_test::client_for(mw_test::fault_server().url("/503"), [](ClientOptions& o) {
        o.rate_limit = false;
        o.retry.retry_non_idempotent = true;
        o.retry.max_attempts = 2;
        o.retry.base = std::chrono::seconds(30);
        o.retry.cap = std::chrono::seconds(30);
    });
    auto results = std::make_shared<Results>();
    client->async_send_email(ses_test::small_message(), [results](SesResult<std::string> r) { results->add(std::move(r)); });
    // Let the first attempt fail; the backoff is then up to 30 s (full jitter).
    const auto start = clock_type::now();
    while (client->stats().retries == 0 && clock_type::now() - start < std::chrono::seconds(10))
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    REQUIRE(client->stats().retries == 1);

    CHECK(seconds_to_destroy(client) < 1.0);
    REQUIRE(results->size() == 1);
    // Ended by the shutdown, or (when the jitter drew a very short wait) by
    // the second 503: never by a 30 s sleep.
    REQUIRE_FALSE(results->items[0].has_value());
    const std::string& message = results->items[0].error().message;
    CHECK((message.find("shutting down") != std::string::npos || results->items[0].error().http_status == 503));
}
