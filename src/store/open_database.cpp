#include "store/open_database.hpp"

#include "store/schema.hpp"

#include <thread>

namespace mailwarden::store {

namespace {

// Switches the file to WAL and brings the schema up to date. Switching the
// journal mode of a new file needs it to itself: SQLite answers "database is
// locked" at once, without waiting, while other processes open it too.
Result<Done, Error> prepare(Database& db, const std::string& path) {
    if (path != ":memory:") {
        if (auto r = db.exec("PRAGMA journal_mode = WAL"); !r) return r;
        if (auto r = db.exec("PRAGMA synchronous = NORMAL"); !r) return r;
    }
    if (auto r = db.exec("PRAGMA foreign_keys = ON"); !r) return r;
    return migrate(db);
}

bool busy(const Database& db) {
    const int code = sqlite3_errcode(db.handle()) & 0xff;
    return code == SQLITE_BUSY || code == SQLITE_LOCKED;
}

}  // namespace

Result<Database, Error> open_database(const std::string& path, std::chrono::milliseconds busy_timeout) {
    auto db = Database::open(path, static_cast<int>(busy_timeout.count()));
    if (!db) return db;
    // Several processes opening one new file at once: retry within the
    // same busy timeout the statements themselves wait.
    const auto deadline = std::chrono::steady_clock::now() + busy_timeout;
    for (;;) {
        auto ready = prepare(*db, path);
        if (ready) return db;
        if (!busy(*db) || std::chrono::steady_clock::now() >= deadline) return unexpected(std::move(ready).error());
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace mailwarden::store
