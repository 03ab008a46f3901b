// A thin RAII layer over the SQLite C API: a connection, prepared
// statements with typed binds and columns, and errors as values.
#pragma once

#include <mailwarden/error.hpp>
#include <mailwarden/result.hpp>

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mailwarden::store {

class Statement;

class Database {
public:
    static Result<Database, Error> open(const std::string& path, int busy_timeout_ms);
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    /// Runs one or more statements without results.
    Result<Done, Error> exec(std::string_view sql);
    Result<Statement, Error> prepare(std::string_view sql);
    /// An errc::io Error naming what failed and SQLite's message.
    Error error(std::string_view what) const;
    int changes() const noexcept;
    sqlite3* handle() const noexcept { return db_; }

private:
    explicit Database(sqlite3* db) : db_(db) {}
    sqlite3* db_ = nullptr;
};

class Statement {
public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::optional<std::int64_t> value);

    /// Steps once: true with a row, false when done. Errors: io; constraint
    /// violations as already_exists.
    Result<bool, Error> step();
    Result<Done, Error> run();  ///< steps to the end, ignoring rows
    /// Makes the statement ready to run again, its bindings cleared.
    void reset() noexcept;

    std::string text(int column) const;
    std::int64_t integer(int column) const;
    std::optional<std::int64_t> optional_integer(int column) const;

private:
    friend class Database;
    Statement(sqlite3_stmt* stmt, const Database* db) : stmt_(stmt), db_(db) {}
    sqlite3_stmt* stmt_ = nullptr;
    const Database* db_ = nullptr;
};

/// Steps `stmt` to its end, calling `on_row(stmt)` at each row (the one
/// loop of the stores' multi-row reads). Errors: as Statement::step.
template <class OnRow>
Result<Done, Error> for_each_row(Statement& stmt, OnRow&& on_row) {
    for (;;) {
        auto row = stmt.step();
        if (!row) return unexpected(std::move(row).error());
        if (!*row) return Done{};
        on_row(stmt);
    }
}

/// BEGIN IMMEDIATE (or, for reading, BEGIN) ... COMMIT, rolled back unless
/// commit() is reached.
class Transaction {
public:
    enum class Mode { write, read };
    static Result<Transaction, Error> begin(Database& db, Mode mode = Mode::write);
    Transaction(Transaction&& other) noexcept;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();
    Result<Done, Error> commit();

private:
    explicit Transaction(Database* db) : db_(db) {}
    Database* db_;
};

}  // namespace mailwarden::store
