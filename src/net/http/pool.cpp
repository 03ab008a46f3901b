#include "pool.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace mailwarden::http {

Pool::Pool(boost::asio::any_io_executor executor, const HttpOptions& options, PoolCounters& counters)
    : executor_(std::move(executor)), options_(options), counters_(counters) {}

boost::asio::awaitable<Pool::Lease> Pool::acquire(const std::string& key, bool fresh_only, Interruption& interruption) {
    Endpoint& ep = endpoints_[key];
    const std::size_t max_connections = options_.max_connections_per_endpoint ? options_.max_connections_per_endpoint : 1;
    for (;;) {
        if (stopped_ || interruption.requested) co_return Lease{};
        const auto now = std::chrono::steady_clock::now();
        while (!fresh_only && !ep.idle.empty()) {
            auto conn = std::move(ep.idle.back());
            ep.idle.pop_back();
            if (now - conn->idle_since > options_.idle_timeout) {
                conn->close();
                continue;
            }
            // The usual way a kept-alive connection dies: the server closed
            // it while it sat here. Caught before anything is written to it.
            if (!conn->idle_and_usable()) {
                counters_.stale_discarded.fetch_add(1, std::memory_order_relaxed);
                conn->close();
                continue;
            }
            ++ep.busy;
            co_return Lease{true, std::move(conn)};
        }
        // A fresh connection may take the place of an idle one.
        if (ep.busy + ep.idle.size() >= max_connections && ep.busy < max_connections && !ep.idle.empty()) {
            ep.idle.front()->close();
            ep.idle.pop_front();
        }
        if (ep.busy + ep.idle.size() < max_connections) {
            ++ep.busy;
            co_return Lease{true, nullptr};
        }
        boost::asio::steady_timer timer(executor_, std::chrono::steady_clock::time_point::max());
        auto it = ep.waiters.insert(ep.waiters.end(), Waiter{&timer});
        {
            WaitScope scope(interruption, [&timer] { timer.cancel(); });
            co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
        }
        // Woken by release() or shutdown() (they clear the timer pointer so
        // that a second wake-up goes to another waiter), or interrupted: look
        // again. Interrupted with a wake-up pending: pass it on.
        const bool was_woken = it->timer == nullptr;
        ep.waiters.erase(it);
        if (interruption.requested && was_woken) wake_one(ep);
    }
}

void Pool::release(const std::string& key, std::unique_ptr<Connection> conn, bool reusable) {
    Endpoint& ep = endpoints_[key];
    if (ep.busy) --ep.busy;
    if (conn) {
        if (reusable && !stopped_ && ep.idle.size() < options_.max_idle_per_endpoint) {
            conn->idle_since = std::chrono::steady_clock::now();
            ep.idle.push_back(std::move(conn));
        } else {
            conn->close();
        }
    }
    wake_one(ep);
}

void Pool::wake_one(Endpoint& ep) {
    for (auto& w : ep.waiters) {
        if (w.timer) {
            w.timer->cancel();
            w.timer = nullptr;
            return;
        }
    }
}

void Pool::shutdown() {
    stopped_ = true;
    for (auto& [key, ep] : endpoints_) {
        for (auto& conn : ep.idle) conn->close();
        ep.idle.clear();
        for (auto& w : ep.waiters) {
            if (w.timer) w.timer->cancel();
            w.timer = nullptr;
        }
    }
}

std::size_t Pool::idle_count(const std::string& key) const {
    auto it = endpoints_.find(key);
    return it == endpoints_.end() ? 0 : it->second.idle.size();
}

}  // namespace mailwarden::http
