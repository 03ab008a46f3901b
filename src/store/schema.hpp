// The versioned schema of the SQLite store and its migrations.
#pragma once

#include "store/sqlite_db.hpp"

namespace mailwarden::store {

/// The version the current code writes (PRAGMA user_version).
int current_schema_version() noexcept;

/// Brings the database from whatever version it has up to the current one,
/// each step in its own transaction. A database newer than this code is
/// refused rather than damaged. Errors: io.
Result<Done, Error> migrate(Database& db);

}  // namespace mailwarden::store
