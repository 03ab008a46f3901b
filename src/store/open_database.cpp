#include "store/open_database.hpp"

#include "store/schema.hpp"

namespace mailwarden::store {

Result<Database, Error> open_database(const std::string& path, std::chrono::milliseconds busy_timeout) {
    auto db = Database::open(path, static_cast<int>(busy_timeout.count()));
    if (!db) return db;
    if (path != ":memory:") {
        if (auto r = db->exec("PRAGMA journal_mode = WAL"); !r) return unexpected(std::move(r).error());
        if (auto r = db->exec("PRAGMA synchronous = NORMAL"); !r) return unexpected(std::move(r).error());
    }
    if (auto r = db->exec("PRAGMA foreign_keys = ON"); !r) return unexpected(std::move(r).error());
    if (auto r = migrate(*db); !r) return unexpected(std::move(r).error());
    return db;
}

}  // namespace mailwarden::store
