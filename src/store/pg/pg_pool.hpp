// A bounded pool of libpq connections shared by the PostgreSQL stores of
// one process. A connection found broken (the server restarted) is dropped
// and the next lease connects afresh, so a restart costs the callers that
// were mid-statement one retryable error and nothing else.
#pragma once

#include "store/pg/pg_connection.hpp"

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace mailwarden::store::pg {

struct PoolOptions {
    std::size_t max_connections = 4;
    ConnectionOptions connection;
    /// How long acquire() waits for a busy pool; 0: the connect timeout.
    std::chrono::milliseconds acquire_timeout{0};
};

class Pool : public std::enable_shared_from_this<Pool> {
public:
    /// Connects once (so a wrong URL fails here) and migrates the schema.
    /// Errors: as Connection::open, and migrate().
    static Result<std::shared_ptr<Pool>, Error> open(const std::string& url, const PoolOptions& options);

    /// A connection held until the lease is destroyed; broken ones are not
    /// given back.
    class Lease {
    public:
        Lease(std::shared_ptr<Pool> pool, std::unique_ptr<Connection> conn) noexcept
            : pool_(std::move(pool)), conn_(std::move(conn)) {}
        Lease(Lease&&) noexcept = default;
        Lease& operator=(Lease&&) noexcept = default;
        ~Lease();
        Connection& operator*() const noexcept { return *conn_; }
        Connection* operator->() const noexcept { return conn_.get(); }

    private:
        std::shared_ptr<Pool> pool_;
        std::unique_ptr<Connection> conn_;
    };

    /// An idle connection, a new one while under the bound, or waits for
    /// one to come back (up to the acquire timeout: then timed_out).
    Result<Lease, Error> acquire();

    Pool(std::string url, PoolOptions options) : url_(std::move(url)), options_(options) {}

private:
    void give_back(std::unique_ptr<Connection> conn);

    const std::string url_;
    const PoolOptions options_;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<Connection>> idle_;
    std::size_t open_ = 0;  // leased + idle
};

/// A serialization failure or deadlock: the whole transaction may be retried.
bool is_conflict(const Error& error) noexcept;

/// Runs `work(connection)` inside one transaction, again from the start
/// (up to `attempts` times) when it fails with a serialization failure or
/// a deadlock, which PostgreSQL asks callers to retry. `work` returns a
/// Result; its value is returned after COMMIT.
template <class Work>
auto in_transaction(Pool& pool, Work&& work, int attempts = 5) -> decltype(work(std::declval<Connection&>())) {
    for (int attempt = 1;; ++attempt) {
        auto lease = pool.acquire();
        if (!lease) return unexpected(std::move(lease).error());
        auto tx = Transaction::begin(**lease);
        if (!tx) return unexpected(std::move(tx).error());
        auto result = work(**lease);
        if (result) {
            auto committed = tx->commit();
            if (committed) return result;
            result = unexpected(std::move(committed).error());
        }
        if (attempt >= attempts || !is_conflict(result.error())) return result;
    }
}

}  // namespace mailwarden::store::pg
