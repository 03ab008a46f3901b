#include "store/sqlite_db.hpp"

#include <utility>

namespace mailwarden::store {

Result<Database, Error> Database::open(const std::string& path, int busy_timeout_ms) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    Database database(db);
    if (rc != SQLITE_OK) return unexpected(database.error("opening " + path));
    sqlite3_busy_timeout(db, busy_timeout_ms);
    sqlite3_extended_result_codes(db, 1);
    return database;
}

Database::Database(Database&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
}

Database::~Database() { sqlite3_close_v2(db_); }

Error Database::error(std::string_view what) const {
    std::string message(what);
    message += ": ";
    message += db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    return Error(errc::io, std::move(message));
}

int Database::changes() const noexcept { return sqlite3_changes(db_); }

Result<Done, Error> Database::exec(std::string_view sql) {
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        return unexpected(error("executing SQL"));
    return Done{};
}

Result<Statement, Error> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
        return unexpected(error("preparing SQL"));
    return Statement(stmt, this);
}

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), db_(other.db_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        stmt_ = std::exchange(other.stmt_, nullptr);
        db_ = other.db_;
    }
    return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::string_view text) {
    // An empty view may have no data pointer, which SQLite would bind as NULL.
    sqlite3_bind_text(stmt_, index, text.empty() ? "" : text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::optional<std::int64_t> value) {
    if (value) sqlite3_bind_int64(stmt_, index, *value);
    else sqlite3_bind_null(stmt_, index);
    return *this;
}

Result<bool, Error> Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    if ((rc & 0xff) == SQLITE_CONSTRAINT) return unexpected(Error(errc::already_exists, sqlite3_errmsg(db_->handle())));
    return unexpected(db_->error("running SQL"));
}

Result<Done, Error> Statement::run() {
    for (;;) {
        auto row = step();
        if (!row) return unexpected(std::move(row).error());
        if (!*row) return Done{};
    }
}

void Statement::reset() noexcept {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    const int n = sqlite3_column_bytes(stmt_, column);
    return p != nullptr ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

std::optional<std::int64_t> Statement::optional_integer(int column) const {
    if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_int64(stmt_, column);
}

Result<Transaction, Error> Transaction::begin(Database& db, Mode mode) {
    auto begun = db.exec(mode == Mode::write ? "BEGIN IMMEDIATE" : "BEGIN");
    if (!begun) return unexpected(std::move(begun).error());
    return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Transaction::~Transaction() {
    if (db_ != nullptr) (void)db_->exec("ROLLBACK");
}

Result<Done, Error> Transaction::commit() {
    Database* db = std::exchange(db_, nullptr);
    return db->exec("COMMIT");
}

}  // namespace mailwarden::store
