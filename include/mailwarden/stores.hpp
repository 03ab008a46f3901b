// Opening every store the library persists — senders, the bounce tracker's
// feedback, mailing lists — from one location: a SQLite file (the embedded
// default) or a PostgreSQL database shared by many service instances.
#pragma once

#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/feedback_store.hpp>
#include <mailwarden/result.hpp>
#include <mailwarden/store.hpp>
#include <mailwarden/subscriber_store.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace mailwarden {

/// How the PostgreSQL stores talk to the server.
struct PostgresOptions {
    /// Connections one process keeps at most, shared by its three stores;
    /// a caller finding them all busy waits up to connect_timeout.
    std::size_t max_connections = 4;
    /// Each statement's limit (the server cancels it: errc::timed_out); 0: none.
    std::chrono::milliseconds statement_timeout{30000};
    std::chrono::seconds connect_timeout{10};
};

struct StoreOptions {
    std::chrono::milliseconds busy_timeout{5000};  ///< SQLite: wait for another process's lock
    PostgresOptions postgres;
};

/// The three stores of one location.
struct Stores {
    std::shared_ptr<SenderStore> senders;
    std::shared_ptr<FeedbackStore> feedback;
    std::shared_ptr<SubscriberStore> subscribers;
};

/// True for "postgresql://…" and "postgres://…" (libpq's connection URI);
/// anything else is a SQLite path.
MAILWARDEN_EXPORT bool is_postgres_location(std::string_view location) noexcept;

/// Opens (creating and migrating as needed) the stores at `location`:
/// a SQLite file, ":memory:", or a PostgreSQL URL such as
/// "postgresql://mailwarden@db.internal/mail?sslmode=verify-full&sslrootcert=/etc/ca.pem"
/// — every libpq parameter (TLS, timeouts, application_name) passes
/// through. PostgreSQL migrations run once under an advisory lock however
/// many processes start together.
/// Errors: io (unreachable, refused; retryable when a retry may succeed;
/// a schema newer than this library's), invalid_argument.
MAILWARDEN_EXPORT Result<Stores, Error> open_stores(const std::string& location, const StoreOptions& options = {});

/// The PostgreSQL schema version this library writes.
MAILWARDEN_EXPORT int postgres_schema_version() noexcept;

}  // namespace mailwarden
