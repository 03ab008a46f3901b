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
#include <mailwarden/ses/client.hpp>

#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/prefer.hpp>

#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

namespace mailwarden {

namespace detail {

/// The library callback that completes `handler` with its single argument,
/// through the handler's associated executor (kept busy until then). The
/// handler's cancellation slot is cleared first: nothing is left to cancel.
///
/// The first call takes the handler and its work out of the callback and
/// hands them to the executor: no copy of the callback keeps them. The
/// library destroys its callbacks on its own thread, after the caller may
/// have destroyed its io_context; a handler bound to a strand destroyed there
/// would touch the strand's service after it is gone.
template <class Result, class Handler>
std::function<void(Result)> completion_for(Handler handler) {
    using Work = std::decay_t<decltype(boost::asio::prefer(boost::asio::get_associated_executor(handler),
                                                           boost::asio::execution::outstanding_work.tracked))>;
    struct Pending {
        Handler handler;
        Work work;
    };
    auto work = boost::asio::prefer(boost::asio::get_associated_executor(handler),
                                    boost::asio::execution::outstanding_work.tracked);
    // The library's callbacks are std::function (copyable); handlers may be
    // move-only, so the copies share one slot, emptied by the call.
    auto slot = std::make_shared<std::unique_ptr<Pending>>(
        std::make_unique<Pending>(Pending{std::move(handler), std::move(work)}));
    return [slot](Result result) {
        std::unique_ptr<Pending> pending = std::move(*slot);
        if (!pending) return;  // completions fire once
        // Tracked work, released last on leaving: until then the caller's
        // io_context cannot run out of work (and be destroyed) while
        // dispatch() and the executor copies it made still unwind here.
        const Work keep = pending->work;
        boost::asio::dispatch(keep, [pending = std::move(pending), result = std::move(result)]() mutable {
            auto cancel = boost::asio::get_associated_cancellation_slot(pending->handler);
            if (cancel.is_connected()) cancel.clear();
            // Runs here; dies with this function object, on the same executor.
            std::move(pending->handler)(std::move(result));
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
