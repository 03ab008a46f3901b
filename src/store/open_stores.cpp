// open_stores(): the location decides the database.
#include <mailwarden/stores.hpp>

#include "store/pg/pg_schema.hpp"
#include "store/pg/pg_stores.hpp"

namespace mailwarden {

bool is_postgres_location(std::string_view location) noexcept { return store::pg::is_url(location); }

int postgres_schema_version() noexcept { return store::pg::current_schema_version(); }

Result<Stores, Error> open_stores(const std::string& location, const StoreOptions& options) {
    if (location.empty()) return unexpected(Error(errc::invalid_argument, "the store location is empty"));
    if (is_postgres_location(location)) {
        store::pg::PoolOptions pool_options;
        pool_options.max_connections = options.postgres.max_connections;
        pool_options.connection.statement_timeout = options.postgres.statement_timeout;
        pool_options.connection.connect_timeout = options.postgres.connect_timeout;
        auto pool = store::pg::Pool::open(location, pool_options);
        if (!pool) return unexpected(std::move(pool).error());
        return Stores{store::pg::make_sender_store(*pool), store::pg::make_feedback_store(*pool),
                      store::pg::make_subscriber_store(*pool)};
    }
    Stores stores;
    auto senders = open_sqlite_store(location, {.busy_timeout = options.busy_timeout});
    if (!senders) return unexpected(std::move(senders).error());
    auto feedback = open_sqlite_feedback_store(location, options.busy_timeout);
    if (!feedback) return unexpected(std::move(feedback).error());
    auto subscribers = open_sqlite_subscriber_store(location, {.busy_timeout = options.busy_timeout});
    if (!subscribers) return unexpected(std::move(subscribers).error());
    return Stores{*senders, *feedback, *subscribers};
}

}  // namespace mailwarden
