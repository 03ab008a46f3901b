// HttpClient::async_send with C++20 coroutines (asio::use_awaitable), the
// way an async caller such as the SES client chains requests.
#include "net/http/http_client.hpp"

#include "peers.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace mailwarden::http;

TEST_CASE("async_send with use_awaitable: requests chained in a coroutine") {
    boost::asio::io_context context;
    HttpOptions options;
    options.allow_plaintext = true;
    HttpClient client(context.get_executor(), options);
    std::vector<unsigned> statuses;
    std::vector<bool> reused;
    auto chain = [&]() -> boost::asio::awaitable<void> {
        for (const char* path : {"/ok", "/503", "/ok"}) {
            Request req;
            req.url = mw_test::fault_server().url(path);
            Result r = co_await client.async_send(std::move(req), boost::asio::use_awaitable);
            statuses.push_back(r.has_value() ? r->status : 0);
            reused.push_back(r.has_value() && r->reused_connection);
        }
    };
    (void)mw_test::fault_server();  // started on this thread
    boost::asio::co_spawn(context, chain(), [](std::exception_ptr e) { CHECK(!e); });
    context.run();
    CHECK(statuses == std::vector<unsigned>{200, 503, 200});
    CHECK(reused == std::vector<bool>{false, true, true});
}
