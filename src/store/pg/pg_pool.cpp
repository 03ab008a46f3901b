#include "store/pg/pg_pool.hpp"

#include "store/pg/pg_schema.hpp"

namespace mailwarden::store::pg {

bool is_conflict(const Error& error) noexcept {
    return error.service_code == "40001" || error.service_code == "40P01";
}

Result<std::shared_ptr<Pool>, Error> Pool::open(const std::string& url, const PoolOptions& options) {
    if (options.max_connections == 0)
        return unexpected(Error(errc::invalid_argument, "the PostgreSQL pool needs at least one connection"));
    auto pool = std::make_shared<Pool>(url, options);
    auto lease = pool->acquire();
    if (!lease) return unexpected(std::move(lease).error());
    if (auto r = migrate(**lease); !r) return unexpected(std::move(r).error());
    return pool;
}

Pool::Lease::~Lease() {
    if (pool_ && conn_) pool_->give_back(std::move(conn_));
}

Result<Pool::Lease, Error> Pool::acquire() {
    std::unique_lock lock(mutex_);
    const std::chrono::milliseconds wait = options_.acquire_timeout.count() > 0
                                               ? options_.acquire_timeout
                                               : std::chrono::milliseconds(options_.connection.connect_timeout);
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (idle_.empty() && open_ >= options_.max_connections) {
        if (returned_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
            open_ >= options_.max_connections) {
            Error e(errc::timed_out, "every one of the " + std::to_string(options_.max_connections) +
                                         " PostgreSQL connections stayed busy");
            e.retryable = true;
            return unexpected(std::move(e));
        }
    }
    if (!idle_.empty()) {
        auto conn = std::move(idle_.back());
        idle_.pop_back();
        return Lease(shared_from_this(), std::move(conn));
    }
    ++open_;  // reserved while connecting, outside the lock
    lock.unlock();
    auto conn = Connection::open(url_, options_.connection);
    if (!conn) {
        lock.lock();
        --open_;
        returned_.notify_one();
        return unexpected(std::move(conn).error());
    }
    return Lease(shared_from_this(), std::make_unique<Connection>(std::move(*conn)));
}

void Pool::give_back(std::unique_ptr<Connection> conn) {
    std::lock_guard lock(mutex_);
    if (conn->broken()) {
        --open_;  // dropped: the next acquire connects afresh
    } else {
        idle_.push_back(std::move(conn));
    }
    returned_.notify_one();
}

}  // namespace mailwarden::store::pg
