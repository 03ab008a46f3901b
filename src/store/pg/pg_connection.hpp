// A thin RAII layer over libpq: one connection, parameterised statements
// (prepared once per connection), results with typed columns, and errors
// as values carrying whether a retry may succeed.
#pragma once

#include <mailwarden/error.hpp>
#include <mailwarden/result.hpp>

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>

struct pg_conn;
struct pg_result;

namespace mailwarden::store::pg {

struct ConnectionOptions {
    std::chrono::milliseconds statement_timeout{30000};  ///< 0: none
    std::chrono::seconds connect_timeout{10};
};

/// One statement parameter: SQL NULL, text, or an integer.
class Param {
public:
    Param(std::nullptr_t) {}
    Param(std::string_view text) : value_(std::string(text)) {}
    Param(const std::string& text) : value_(text) {}
    Param(const char* text) : value_(std::string(text)) {}
    Param(std::int64_t number) : value_(std::to_string(number)) {}
    Param(int number) : value_(std::to_string(number)) {}
    Param(std::optional<std::int64_t> number) {
        if (number) value_ = std::to_string(*number);
    }
    /// NULL when not set, else the value as text (libpq's text format).
    const char* c_str() const noexcept { return value_ ? value_->c_str() : nullptr; }

private:
    std::optional<std::string> value_;
};

/// A statement's result. Columns are read as text or integers.
class Rows {
public:
    explicit Rows(pg_result* result) noexcept;
    Rows(Rows&& other) noexcept;
    Rows& operator=(Rows&& other) noexcept;
    Rows(const Rows&) = delete;
    Rows& operator=(const Rows&) = delete;
    ~Rows();

    int size() const noexcept;
    /// Rows an INSERT, UPDATE or DELETE touched.
    std::int64_t affected() const noexcept;
    bool is_null(int row, int column) const noexcept;
    std::string text(int row, int column) const;
    std::int64_t integer(int row, int column) const;
    std::optional<std::int64_t> optional_integer(int row, int column) const;

    /// One row, read like a SQLite statement's current row.
    class Row {
    public:
        Row(const Rows& rows, int index) noexcept : rows_(&rows), index_(index) {}
        std::string text(int column) const { return rows_->text(index_, column); }
        std::int64_t integer(int column) const { return rows_->integer(index_, column); }
        std::optional<std::int64_t> optional_integer(int column) const {
            return rows_->optional_integer(index_, column);
        }
        bool is_null(int column) const noexcept { return rows_->is_null(index_, column); }

    private:
        const Rows* rows_;
        int index_;
    };
    Row row(int index) const noexcept { return Row(*this, index); }

private:
    pg_result* result_ = nullptr;
};

class Connection {
public:
    /// Connects to `url` (a libpq connection URI or key=value string; TLS
    /// options such as sslmode and sslrootcert pass through to libpq).
    /// Errors: io (retryable when the server could not be reached), timed_out.
    static Result<Connection, Error> open(const std::string& url, const ConnectionOptions& options);
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    /// Runs one statement with $1.. parameters, prepared on first use.
    /// Errors: already_exists (a unique key), timed_out (statement timeout),
    /// io — retryable for a lost connection, a serialization failure or a
    /// deadlock; the connection is then broken() when it was lost.
    Result<Rows, Error> exec(std::string_view sql, std::initializer_list<Param> params = {});
    /// Runs statements without parameters or results (a migration).
    Result<Done, Error> exec_script(std::string_view sql);
    /// The connection was lost (the server restarted or went away).
    bool broken() const noexcept;

private:
    explicit Connection(pg_conn* conn) noexcept : conn_(conn) {}
    Error failure(std::string_view what, pg_result* result) const;
    pg_conn* conn_ = nullptr;
    std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
};

/// BEGIN ... COMMIT on one connection, rolled back unless commit() is reached.
class Transaction {
public:
    /// `isolation` e.g. "READ COMMITTED" (the default) or "SERIALIZABLE".
    static Result<Transaction, Error> begin(Connection& conn, std::string_view isolation = {});
    Transaction(Transaction&& other) noexcept;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();
    /// Errors as Connection::exec; a commit whose answer was lost is
    /// outcome_unknown: it may or may not have been applied.
    Result<Done, Error> commit();

private:
    explicit Transaction(Connection* conn) noexcept : conn_(conn) {}
    Connection* conn_;
};

/// Whether `location` names a PostgreSQL database ("postgresql://" or
/// "postgres://") rather than a SQLite file.
bool is_url(std::string_view location) noexcept;

/// The URL without its password, for messages.
std::string redacted(std::string_view url);

}  // namespace mailwarden::store::pg
