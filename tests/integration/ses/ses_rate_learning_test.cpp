// How the client learns the account's MaxSendRate for pacing: one
// asynchronous GetAccount, whoever sends first and from whatever thread,
// with sends held (not blocked) until it ends, and 1 per second when it
// fails. Against aws-ses-v2-local and the fault server's SES-shaped modes;
// where a test needs GetAccount in flight, the fault server holds it until
// the test opens its gate, so nothing depends on how fast anything runs.
#include "peers.hpp"
#include "ses_test_support.hpp"
#include "../../support/eventually.hpp"

#include "net/http/http_client.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

using namespace mailwarden;
using namespace mailwarden::ses;
using namespace std::chrono_literals;
using ses_test::client_for;

namespace {

using clock_type = std::chrono::steady_clock;

SendRequest message() { return ses_test::small_message(); }

double seconds_since(clock_type::time_point start) {
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

// How many requests the fault server saw for `key` ("k1/v2/email/account":
// GetAccount requests under k1).
int server_count(const std::string& key) {
    static http::HttpClient probe(ses_test::plaintext_http());
    const auto r = probe.send({"GET", mw_test::fault_server().url("/count?key=" + key), {}, "", {}});
    REQUIRE(r.has_value());
    return std::stoi(r->body);
}

// Lets the fault server answer the GetAccount it holds under `key`.
void open_gate(const std::string& key) {
    static http::HttpClient probe(ses_test::plaintext_http());
    const auto r = probe.send({"GET", mw_test::fault_server().url("/open?key=" + key), {}, "", {}});
    REQUIRE(r.has_value());
}

// Waits until the fault server has received `n` requests counted under `key`.
void wait_until_server_saw(const std::string& key, int n = 1) {
    REQUIRE_MESSAGE(test_support::eventually([&] { return server_count(key) >= n; }),
                    "the server never saw " << key);
}

// Waits for `future`. A client whose I/O thread waits for itself never
// finishes; its destructor would join that thread and hang the test program,
// so on a timeout the client is kept alive for good and the test fails. The
// limit only ends a hang.
template <class T>
bool arrives(std::future<T>& future, const std::shared_ptr<Client>& client,
             std::chrono::steady_clock::duration limit = test_support::hang_limit) {
    if (future.wait_for(limit) == std::future_status::ready) return true;
    static auto* stuck = new std::vector<std::shared_ptr<Client>>();
    stuck->push_back(client);
    return false;
}

// Collects the results of `expected` asynchronous sends.
struct Results {
    explicit Results(int expected) : expected_(expected) {}
    void add(SesResult<std::string> r) {
        std::lock_guard lock(mutex_);
        results_.push_back(std::move(r));
        if (static_cast<int>(results_.size()) == expected_) all_.set_value();
    }
    std::future<void> all() { return all_.get_future(); }
    // Only after all() is ready.
    const std::vector<SesResult<std::string>>& results() const { return results_; }

private:
    int expected_;
    std::mutex mutex_;
    std::vector<SesResult<std::string>> results_;
    std::promise<void> all_;
};

void check_all_sent(const Results& r) {
    for (const auto& one : r.results()) CHECK_MESSAGE(one.has_value(), (one ? "" : one.error().describe()));
}

}  // namespace

TEST_CASE("the first send, made inside a completion on the client's I/O thread, learns the rate without waiting for itself") {
    // aws-ses-v2-local answers GetAccount with MaxSendRate 14.
    auto client = client_for(ses_test::endpoint_from_env("MW_TEST_SES_LOCAL_ENDPOINT"));
    Client* c = client.get();  // callbacks must not own the client (it would end on its own thread)
    const auto test_thread = std::this_thread::get_id();

    struct Seen {
        std::thread::id callback_thread;
        std::error_code refused;
        std::promise<SesResult<std::string>> sent;
    };
    auto seen = std::make_shared<Seen>();
    auto sent = seen->sent.get_future();

    // A refused request completes on the I/O thread too (never inside the
    // call): from there, the client's first real send, with no rate known.
    SendRequest refused = message();
    refused.from_display_name = "News\r\nBcc: everyone@iana.org";
    c->async_send_email(refused, [c, seen](SesResult<std::string> r) {
        seen->callback_thread = std::this_thread::get_id();
        if (!r) seen->refused = r.error().code;
        c->async_send_email(message(), [seen](SesResult<std::string> s) { seen->sent.set_value(std::move(s)); });
    });
    REQUIRE_MESSAGE(arrives(sent, client), "the send never completed: the I/O thread waits for itself");
    const auto id = sent.get();
    REQUIRE_MESSAGE(id.has_value(), (id ? "" : id.error().describe()));
    CHECK_FALSE(id->empty());
    CHECK(seen->refused == ses::errc::bad_request);
    CHECK(seen->callback_thread != test_thread);
    CHECK(client->stats().calls == 2);  // GetAccount, then SendEmail
}

TEST_CASE("blocking calls inside a completion are refused instead of waiting for themselves") {
    auto client = client_for(mw_test::fault_server().url("/ses-account-slow/k-blocking"));
    Client* c = client.get();
    struct Seen {
        std::promise<void> done;
        SesResult<std::string> blocking_send = std::string();
        SesResult<Account> blocking_account = Account{};
    };
    auto seen = std::make_shared<Seen>();
    auto done = seen->done.get_future();
    c->async_send_email(message(), [c, seen](SesResult<std::string>) {
        seen->blocking_send = c->send_email(message());
        seen->blocking_account = c->get_account();
        seen->done.set_value();
    });
    REQUIRE_MESSAGE(arrives(done, client), "a blocking call inside a completion waited for itself");
    REQUIRE_FALSE(seen->blocking_send.has_value());
    CHECK(seen->blocking_send.error().code == ses::errc::invalid_configuration);
    CHECK(seen->blocking_send.error().message.find("I/O thread") != std::string::npos);
    REQUIRE_FALSE(seen->blocking_account.has_value());
    CHECK(seen->blocking_account.error().code == ses::errc::invalid_configuration);
    // From another thread the same calls work.
    CHECK(client->send_email(message()).has_value());
    CHECK(client->get_account().has_value());
}

TEST_CASE("concurrent first sends share one GetAccount, are held without blocking, then go at MaxSendRate") {
    // GetAccount (MaxSendRate 4) answers only when the test opens the gate.
    auto client = client_for(mw_test::fault_server().url("/ses-account-held/k-first-sends"));
    constexpr int threads = 4;
    constexpr int per_thread = 2;
    constexpr int total = threads * per_thread;
    auto results = std::make_shared<Results>(total);
    auto all = results->all();

    std::atomic<int> ready{0};
    std::atomic<int> returned{0};
    std::vector<std::thread> senders;
    for (int t = 0; t < threads; ++t) {
        senders.emplace_back([&] {
            ++ready;
            while (ready.load() < threads) std::this_thread::yield();
            for (int i = 0; i < per_thread; ++i)
                client->async_send_email(message(),
                                         [results](SesResult<std::string> r) { results->add(std::move(r)); });
            ++returned;
        });
    }
    // Every call returns while GetAccount is still held: none waits for it.
    // (Threads are joined before any REQUIRE can end the test.)
    const bool none_blocked = test_support::eventually([&] { return returned.load() == threads; });
    const bool asked = test_support::eventually([] { return server_count("k-first-sends/v2/email/account") >= 1; });
    const int sent_while_held = server_count("k-first-sends/v2/email/outbound-emails");
    const auto opened = clock_type::now();
    open_gate("k-first-sends");
    for (auto& s : senders) s.join();
    REQUIRE_MESSAGE(none_blocked, "async_send_email waited for GetAccount");
    REQUIRE_MESSAGE(asked, "GetAccount never reached the server");
    CHECK(sent_while_held == 0);  // all held until GetAccount answered
    REQUIRE_MESSAGE(arrives(all, client), "the sends never completed");
    const double took = seconds_since(opened);
    check_all_sent(*results);

    CHECK(server_count("k-first-sends/v2/email/account") == 1);
    CHECK(server_count("k-first-sends/v2/email/outbound-emails") == total);
    const auto stats = client->stats();
    CHECK(stats.calls == total + 1);
    // Released when GetAccount answered, then 4 per second from a bucket of
    // one: the eighth goes 7/4 s after the first.
    CHECK(took >= 1.75 - 0.1);
    CHECK(stats.paced_sends >= total - 1);

    // The blocking send takes the same path: no second GetAccount.
    const auto blocking = client->send_email(message());
    CHECK_MESSAGE(blocking.has_value(), (blocking ? "" : blocking.error().describe()));
    CHECK(server_count("k-first-sends/v2/email/account") == 1);
    CHECK(client->stats().calls == total + 2);
}

TEST_CASE("when GetAccount fails the sends still go, at 1 per second, and GetAccount is not asked again at once") {
    // GetAccount: 503 every time; SendEmail: 200.
    auto client = client_for(mw_test::fault_server().url("/ses-account-503/k-no-account"));
    constexpr int total = 3;
    auto results = std::make_shared<Results>(total);
    auto all = results->all();
    const auto start = clock_type::now();
    for (int i = 0; i < total; ++i)
        client->async_send_email(message(), [results](SesResult<std::string> r) { results->add(std::move(r)); });
    REQUIRE_MESSAGE(arrives(all, client), "the sends never completed");
    const double took = seconds_since(start);
    check_all_sent(*results);

    // One GetAccount (its three attempts: RetryOptions::max_attempts), then
    // the sends at the SES sandbox rate: the third one 2 s after the first.
    CHECK(server_count("k-no-account/v2/email/account") == 3);
    CHECK(client->stats().calls == total + 1);
    CHECK(took >= 1.9);
    CHECK(client->stats().paced_sends >= total - 1);

    // Within 30 s of the failure a send does not ask again.
    const auto later = client->send_email(message());
    CHECK_MESSAGE(later.has_value(), (later ? "" : later.error().describe()));
    CHECK(server_count("k-no-account/v2/email/account") == 3);
    CHECK(client->stats().calls == total + 2);
}

TEST_CASE("a configured max_send_rate, or no pacing at all, never asks GetAccount") {
    constexpr int total = 5;
    auto fixed = client_for(mw_test::fault_server().url("/ses-account-503/k-fixed-rate"),
                            [](ClientOptions& o) { o.max_send_rate = 5; });
    auto paced = std::make_shared<Results>(total);
    auto paced_all = paced->all();
    const auto start = clock_type::now();
    for (int i = 0; i < total; ++i)
        fixed->async_send_email(message(), [paced](SesResult<std::string> r) { paced->add(std::move(r)); });
    REQUIRE(arrives(paced_all, fixed));
    check_all_sent(*paced);
    CHECK(seconds_since(start) >= 4 * 0.2 - 0.1);  // 5 per second
    CHECK(fixed->stats().paced_sends >= total - 2);
    CHECK(server_count("k-fixed-rate/v2/email/account") == 0);

    auto unpaced = client_for(mw_test::fault_server().url("/ses-account-503/k-no-limit"),
                              ses_test::no_pacing);
    auto unlimited = std::make_shared<Results>(total);
    auto unlimited_all = unlimited->all();
    for (int i = 0; i < total; ++i)
        unpaced->async_send_email(message(), [unlimited](SesResult<std::string> r) { unlimited->add(std::move(r)); });
    REQUIRE(arrives(unlimited_all, unpaced));
    check_all_sent(*unlimited);
    CHECK(unpaced->stats().paced_sends == 0);
    CHECK(server_count("k-no-limit/v2/email/account") == 0);
    CHECK(server_count("k-no-limit/v2/email/outbound-emails") == total);
}

TEST_CASE("a send held for the first GetAccount can be cancelled: it ends at once and is never sent") {
    // GetAccount answers only when the test opens the gate; the send waits for it.
    auto client = client_for(mw_test::fault_server().url("/ses-account-held/k-cancel-held"));
    SendCancellation cancellation;
    std::promise<SesResult<std::string>> ended;
    auto result = ended.get_future();
    client->async_send_email(message(), [&ended](SesResult<std::string> r) { ended.set_value(std::move(r)); },
                             cancellation);
    wait_until_server_saw("k-cancel-held/v2/email/account");  // GetAccount in flight: the send is held
    cancellation.cancel();
    // It ends while GetAccount is still held: by the cancellation.
    REQUIRE(arrives(result, client));
    const auto r = result.get();
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == ses::errc::cancelled);
    CHECK(server_count("k-cancel-held/v2/email/outbound-emails") == 0);
    // GetAccount still ends, and a later send goes normally.
    open_gate("k-cancel-held");
    REQUIRE(client->send_email(message()).has_value());
    CHECK(server_count("k-cancel-held/v2/email/account") == 1);
    CHECK(server_count("k-cancel-held/v2/email/outbound-emails") == 1);  // the later send only
}
