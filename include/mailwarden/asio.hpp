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
// callback forms do. A send still waiting (for the pacer or GetAccount) can
// be cancelled through the token's cancellation slot; queries cannot.
#pragma once

#include <mailwarden/dns.hpp>
#include <mailwarden/ses.hpp>

#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/prefer.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace mailwarden {

namespace detail {

/// The library callback that completes `handler` with its single argument,
/// through the handler's associated executor (kept busy until then). The
/// handler's cancellation slot is cleared first: nothing is left to cancel.
template <class Result, class Handler>
std::function<void(Result)> completion_for(Handler handler) {
    auto work = boost::asio::prefer(boost::asio::get_associated_executor(handler),
                                    boost::asio::execution::outstanding_work.tracked);
    // The library's callbacks are std::function (copyable); handlers may be
    // move-only, so the callback shares one.
    auto shared = std::make_shared<std::optional<Handler>>(std::move(handler));
    return [shared, work](Result result) mutable {
        boost::asio::dispatch(work, [shared, result = std::move(result)]() mutable {
            // The handler, and what is left of it once moved from, is
            // destroyed here on its own executor, before the work count lets
            // that executor's run() return. Left to the library's copies of
            // this callback, it could be destroyed on the library's thread
            // after the caller's io_context, and an executor it holds (a
            // strand) would reach into a destroyed service.
            Handler local = std::move(**shared);
            shared->reset();
            auto slot = boost::asio::get_associated_cancellation_slot(local);
            if (slot.is_connected()) slot.clear();
            std::move(local)(std::move(result));
        });
    };
}

}  // namespace detail

/// ses::Client::async_send_email with a completion token; the signature is
/// void(ses::SesResult<std::string>): the SES message id, or the error.
/// A cancellation slot bound to the token (co_await with a timer through
/// `||`, bind_cancellation_slot) ends a send that is still waiting for the
/// pacer or GetAccount with errc::cancelled, as ses::SendCancellation does.
template <class CompletionToken>
auto async_send_email(ses::Client& client, ses::SendRequest request, CompletionToken&& token) {
    return boost::asio::async_initiate<CompletionToken, void(ses::SesResult<std::string>)>(
        [&client](auto handler, ses::SendRequest r) {
            ses::SendCancellation cancellation;
            auto slot = boost::asio::get_associated_cancellation_slot(handler);
            if (slot.is_connected())
                slot.assign([cancellation](boost::asio::cancellation_type) mutable { cancellation.cancel(); });
            client.async_send_email(std::move(r),
                                    detail::completion_for<ses::SesResult<std::string>>(std::move(handler)),
                                    cancellation);
        },
        token, std::move(request));
}

/// dns::Resolver::async_query with a completion token; the signature is
/// void(dns::Answer) (failures are answers with a non-ok status). Not
/// cancellable: the resolver's timeouts end every query.
template <class CompletionToken>
auto async_query(dns::Resolver& resolver, std::string name, dns::RecordType type, CompletionToken&& token) {
    return boost::asio::async_initiate<CompletionToken, void(dns::Answer)>(
        [&resolver, type](auto handler, std::string n) {
            resolver.async_query(std::move(n), type, detail::completion_for<dns::Answer>(std::move(handler)));
        },
        token, std::move(name));
}

}  // namespace mailwarden
