// Resolver::async_query with Asio completion tokens (mailwarden/asio.hpp)
// against unbound: a coroutine on the caller's io_context asking several
// questions at once, and a future.
#include <mailwarden/asio.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace asio = boost::asio;
using mailwarden::dns::Answer;
using mailwarden::dns::RecordType;
using mailwarden::dns::Status;

namespace {

std::shared_ptr<mailwarden::dns::Resolver> unbound_resolver() {
    const char* server = std::getenv("MW_TEST_DNS");
    REQUIRE_MESSAGE(server != nullptr, "MW_TEST_DNS is not set: run through tests/peers/unbound/run-with-unbound.sh");
    mailwarden::dns::ResolverOptions o;
    o.servers = {server};
    o.cache = false;
    std::error_code ec;
    auto r = mailwarden::dns::make_resolver(o, ec);
    REQUIRE_MESSAGE(r != nullptr, ec.message());
    return r;
}

}  // namespace

TEST_CASE("use_awaitable: questions in parallel from a coroutine, resumed on the caller's thread") {
    using namespace asio::experimental::awaitable_operators;
    auto resolver = unbound_resolver();
    asio::io_context io;
    Answer mx;
    Answer missing;
    std::thread::id resumed_on;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            std::tie(mx, missing) =
                co_await (mailwarden::async_query(*resolver, "mailwarden.test", RecordType::mx, asio::use_awaitable) &&
                          mailwarden::async_query(*resolver, "nothing-here.mailwarden.test", RecordType::mx,
                                                  asio::use_awaitable));
            resumed_on = std::this_thread::get_id();
        },
        asio::detached);
    io.run();
    CHECK(resumed_on == std::this_thread::get_id());
    CHECK(mx.status == Status::ok);
    CHECK(mx.mx.size() == 2);
    CHECK(missing.status == Status::nxdomain);
}

TEST_CASE("use_future") {
    auto resolver = unbound_resolver();
    auto f = mailwarden::async_query(*resolver, "mailwarden.test", RecordType::mx, asio::use_future);
    REQUIRE(f.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    CHECK(f.get().mx.size() == 2);
}
