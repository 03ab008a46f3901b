// Keep-alive connections per endpoint (scheme, host, port): a bounded number
// of connections in use and idle together, a bounded idle list, waiting when
// all are busy. Lives on the client's strand: no locks.
#pragma once

#include "connection.hpp"
#include "interrupt.hpp"

#include <mailwarden/net/http.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>

namespace mailwarden::http {

struct PoolCounters {
    std::atomic<std::uint64_t> stale_discarded{0};
};

class Pool {
public:
    Pool(boost::asio::any_io_executor executor, const HttpOptions& options, PoolCounters& counters);

    struct Lease {
        bool granted = false;              ///< false: the pool shut down
        std::unique_ptr<Connection> conn;  ///< a live idle connection, or null: open one
    };

    /// Reserves one of the endpoint's connection slots, waiting while all are
    /// in use. Hands out the most recently used idle connection that is still
    /// open, unless `fresh_only`. Every granted lease is ended by release().
    /// Not granted after shutdown() or when `interruption` is requested.
    boost::asio::awaitable<Lease> acquire(const std::string& key, bool fresh_only, Interruption& interruption);

    /// Ends a lease: keeps `conn` idle when `reusable` and there is room,
    /// else closes it; `conn` may be null (opening failed).
    void release(const std::string& key, std::unique_ptr<Connection> conn, bool reusable);

    /// Closes idle connections and ends every wait with granted == false.
    void shutdown();

    std::size_t idle_count(const std::string& key) const;

private:
    struct Waiter {
        boost::asio::steady_timer* timer;
    };
    struct Endpoint {
        std::deque<std::unique_ptr<Connection>> idle;  // oldest first
        std::size_t busy = 0;                           // leased, connected or not
        std::list<Waiter> waiters;
    };

    void wake_one(Endpoint& ep);

    boost::asio::any_io_executor executor_;
    const HttpOptions& options_;
    PoolCounters& counters_;
    std::unordered_map<std::string, Endpoint> endpoints_;  // references stay valid on rehash
    bool stopped_ = false;
};

}  // namespace mailwarden::http
