// async_send_email with Asio completion tokens (mailwarden/asio.hpp) against
// aws-ses-v2-local: a C++20 coroutine on the caller's own io_context, a
// future, a handler bound to a strand, a move-only handler; cancellation of a
// send still waiting for the pacer, by SendCancellation and by a timer that
// wins an `||`.
#include "ses_test_support.hpp"

#include <mailwarden/asio.hpp>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <future>
#include <thread>

namespace asio = boost::asio;
using mailwarden::ses::SendRequest;
using mailwarden::ses::SesResult;

namespace {

SendRequest hello() { return ses_test::small_message(); }

std::shared_ptr<mailwarden::ses::Client> local_client() {
    return ses_test::client_for(ses_test::endpoint_from_env("MW_TEST_SES_LOCAL_ENDPOINT"), ses_test::no_pacing);
}

}  // namespace

TEST_CASE("use_awaitable: the coroutine resumes on its own io_context's thread") {
    auto client = local_client();
    asio::io_context io;
    std::thread::id resumed_on;
    std::string message_id;
    bool finished = false;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            auto first = co_await mailwarden::async_send_email(*client, hello(), asio::use_awaitable);
            REQUIRE_MESSAGE(first.has_value(), (first ? "" : first.error().describe()));
            auto second = co_await mailwarden::async_send_email(*client, hello(), asio::use_awaitable);
            REQUIRE(second.has_value());
            CHECK(*first != *second);
            resumed_on = std::this_thread::get_id();
            message_id = *second;
            finished = true;
        },
        asio::detached);
    io.run();  // returns when the coroutine is done
    CHECK(finished);
    CHECK(resumed_on == std::this_thread::get_id());
    CHECK_FALSE(message_id.empty());
}

TEST_CASE("use_future: a std::future of the result") {
    auto client = local_client();
    std::future<SesResult<std::string>> f = mailwarden::async_send_email(*client, hello(), asio::use_future);
    REQUIRE(f.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
    auto r = f.get();
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().describe()));
    CHECK_FALSE(r->empty());

    // A failure is a value in the future too: a line break in the From
    // display name is refused before anything is sent.
    SendRequest bad = hello();
    bad.from_display_name = "News\r\nBcc: everyone@iana.org";
    auto failed = mailwarden::async_send_email(*client, bad, asio::use_future).get();
    CHECK_FALSE(failed.has_value());
}

TEST_CASE("a handler bound to a strand runs on that strand; a move-only handler works") {
    auto client = local_client();
    asio::io_context io;
    auto strand = asio::make_strand(io);
    bool on_strand = false;
    auto owned = std::make_unique<int>(7);  // makes the handler move-only
    int seen = 0;
    mailwarden::async_send_email(*client, hello(),
                                 asio::bind_executor(strand, [&, owned = std::move(owned)](SesResult<std::string> r) {
                                     on_strand = strand.running_in_this_thread();
                                     seen = r.has_value() ? *owned : -1;
                                 }));
    // `io` has nothing else to do: only the work the pending send holds on
    // the strand's executor keeps run() going until the handler has run.
    io.run();
    CHECK(on_strand);
    CHECK(seen == 7);
}

namespace {

// A client paced at one send every 100 s: the first send goes at once, the
// next waits 100 s for the pacer. A send that ends within pacer_wait_bound_s
// was ended by its cancellation, however slow the machine.
std::shared_ptr<mailwarden::ses::Client> paced_client() {
    return ses_test::client_for(ses_test::endpoint_from_env("MW_TEST_SES_LOCAL_ENDPOINT"),
                                [](mailwarden::ses::ClientOptions& o) { o.max_send_rate = 0.01; });
}
constexpr double pacer_wait_bound_s = 30;

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("SendCancellation ends a send waiting for the pacer; nothing is sent") {
    auto client = paced_client();
    REQUIRE(client->send_email(hello()).has_value());  // takes the one token there is
    mailwarden::ses::SendCancellation cancellation;
    std::promise<SesResult<std::string>> ended;
    const auto start = std::chrono::steady_clock::now();
    client->async_send_email(hello(), [&ended](SesResult<std::string> r) { ended.set_value(std::move(r)); },
                             cancellation);
    cancellation.cancel();
    auto r = ended.get_future().get();
    CHECK(seconds_since(start) < pacer_wait_bound_s);  // the pacer would have held it 100 s
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == mailwarden::ses::errc::cancelled);
    CHECK_FALSE(r.error().outcome_unknown);
    CHECK(client->stats().attempts == 1);  // only the first send reached the server
    CHECK(cancellation.cancel_requested());
    cancellation.cancel();  // again, after the end: nothing happens
}

TEST_CASE("co_await (send || timer): the timer wins, the waiting send is cancelled") {
    using namespace asio::experimental::awaitable_operators;
    auto client = paced_client();
    REQUIRE(client->send_email(hello()).has_value());
    asio::io_context io;
    std::size_t winner = 99;
    double took = 0;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            asio::steady_timer timer(io, std::chrono::milliseconds(100));
            const auto start = std::chrono::steady_clock::now();
            auto result = co_await (mailwarden::async_send_email(*client, hello(), asio::use_awaitable) ||
                                    timer.async_wait(asio::use_awaitable));
            took = seconds_since(start);
            winner = result.index();
        },
        asio::detached);
    io.run();
    CHECK(winner == 1);
    CHECK(took < pacer_wait_bound_s);  // not the pacer's 100 s
    CHECK(client->stats().attempts == 1);
}
