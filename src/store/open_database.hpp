// The one way the stores open their SQLite file: WAL (readers never wait
// for the writer; a committed transaction survives the process being
// killed), foreign keys on, schema migrated to this library's version.
#pragma once

#include "store/sqlite_db.hpp"

#include <chrono>
#include <string>

namespace mailwarden::store {

/// ":memory:" opens a private in-memory database. Errors: io (unusable
/// file, a schema newer than this library's).
Result<Database, Error> open_database(const std::string& path, std::chrono::milliseconds busy_timeout);

}  // namespace mailwarden::store
