// Asio completion tokens for mailwarden's asynchronous calls. Opt-in: this is
// the one public header that includes Boost.Asio (Boost 1.81), so programs
// that only use the blocking API or the C ABI never need Boost's headers.
//
//   auto id = co_await mailwarden::async_send_email(*client, request, asio::use_awaitable);
//   std::future<dns::Answer> f = mailwarden::async_query(*resolver, "iana.org", dns::RecordType::mx, asio::use_future);
//   mailwarden::async_send_email(*client, request, [](ses::SesResult<std::string> id) { ... });
//
// The completion handler runs through its associated executor (a coroutine's
// executor, a strand, a bound executor), which is kept busy (outstanding work)
// until then; a handler without one runs on the library's thread, as the
// callback forms do. The operations cannot be cancelled: they end with the
// client's timeouts and retries, or the resolver's.
#pragma once

#include <mailwarden/dns.hpp>
#include <mailwarden/ses.hpp>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/prefer.hpp>

#include <memory>
#include <string>
#include <utility>

namespace mailwarden {

namespace detail {

/// Starts a callback-style operation with `start(callback)` and completes the
/// token's handler with the callback's single argument of type Result.
template <class Result, class CompletionToken, class Start>
auto async_with_callback(CompletionToken&& token, Start start) {
    return boost::asio::async_initiate<CompletionToken, void(Result)>(
        [](auto handler, Start begin) {
            using Handler = decltype(handler);
            auto work = boost::asio::prefer(boost::asio::get_associated_executor(handler),
                                            boost::asio::execution::outstanding_work.tracked);
            // The library's callbacks are std::function (copyable); handlers
            // may be move-only, so the callback shares one.
            auto shared = std::make_shared<Handler>(std::move(handler));
            begin([shared, work](Result result) mutable {
                boost::asio::dispatch(work, [shared, result = std::move(result)]() mutable {
                    (*shared)(std::move(result));
                });
            });
        },
        token, std::move(start));
}

}  // namespace detail

/// ses::Client::async_send_email with a completion token; the signature is
/// void(ses::SesResult<std::string>): the SES message id, or the error.
template <class CompletionToken>
auto async_send_email(ses::Client& client, ses::SendRequest request, CompletionToken&& token) {
    return detail::async_with_callback<ses::SesResult<std::string>>(
        std::forward<CompletionToken>(token),
        [&client, request = std::move(request)](std::function<void(ses::SesResult<std::string>)> done) mutable {
            client.async_send_email(std::move(request), std::move(done));
        });
}

/// dns::Resolver::async_query with a completion token; the signature is
/// void(dns::Answer) (failures are answers with a non-ok status).
template <class CompletionToken>
auto async_query(dns::Resolver& resolver, std::string name, dns::RecordType type, CompletionToken&& token) {
    return detail::async_with_callback<dns::Answer>(
        std::forward<CompletionToken>(token),
        [&resolver, name = std::move(name), type](std::function<void(dns::Answer)> done) mutable {
            resolver.async_query(std::move(name), type, std::move(done));
        });
}

}  // namespace mailwarden
