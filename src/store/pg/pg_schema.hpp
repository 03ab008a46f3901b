// The PostgreSQL schema and its versioned migrations.
#pragma once

#include "store/pg/pg_connection.hpp"

namespace mailwarden::store::pg {

/// The schema version this library writes.
int current_schema_version() noexcept;

/// Brings the database to current_schema_version(): each missing migration
/// in its own transaction, all of them under one advisory lock, so that any
/// number of processes starting at once migrate exactly once. Errors: io,
/// and io naming both versions when the database is newer than the library.
Result<Done, Error> migrate(Connection& conn);

}  // namespace mailwarden::store::pg
