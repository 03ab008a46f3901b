#include "store/pg/pg_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <utility>
#include <vector>

namespace mailwarden::store::pg {

namespace {

// SQLSTATE classes and codes the stores act on (PostgreSQL, Appendix A).
constexpr std::string_view unique_violation = "23505";
constexpr std::string_view serialization_failure = "40001";
constexpr std::string_view deadlock_detected = "40P01";
constexpr std::string_view query_canceled = "57014";  // statement_timeout

bool lost_connection(std::string_view state) {
    // 08: connection exceptions; 57P01..57P03: the server shut down or is
    // starting; both say "connect again and retry".
    return state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03";
}

// libpq's messages span lines ("...\n\tThis probably means..."): one line,
// as every error message of the library.
std::string one_line(const char* message) {
    std::string out;
    bool space = false;
    for (const char* p = message != nullptr ? message : ""; *p != '\0'; ++p) {
        const bool blank = *p == '\n' || *p == '\t' || *p == '\r' || *p == ' ';
        if (blank) {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(*p);
    }
    return out;
}

}  // namespace

bool is_url(std::string_view location) noexcept {
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string redacted(std::string_view url) {
    // scheme://user:password@host... -> scheme://user:***@host...
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return std::string(url);
    const auto at = url.find('@', scheme_end + 3);
    const auto slash = url.find('/', scheme_end + 3);
    if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) return std::string(url);
    const auto colon = url.find(':', scheme_end + 3);
    if (colon == std::string_view::npos || colon > at) return std::string(url);
    return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

// ---- Rows

Rows::Rows(pg_result* result) noexcept : result_(result) {}
Rows::Rows(Rows&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}
Rows& Rows::operator=(Rows&& other) noexcept {
    if (this != &other) {
        PQclear(result_);
        result_ = std::exchange(other.result_, nullptr);
    }
    return *this;
}
Rows::~Rows() { PQclear(result_); }

int Rows::size() const noexcept { return PQntuples(result_); }

std::int64_t Rows::affected() const noexcept {
    const char* n = PQcmdTuples(result_);
    std::int64_t value = 0;
    if (n != nullptr) std::from_chars(n, n + std::char_traits<char>::length(n), value);
    return value;
}

bool Rows::is_null(int row, int column) const noexcept { return PQgetisnull(result_, row, column) != 0; }

std::string Rows::text(int row, int column) const {
    return std::string(PQgetvalue(result_, row, column), static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::int64_t Rows::integer(int row, int column) const {
    const char* v = PQgetvalue(result_, row, column);
    std::int64_t value = 0;
    std::from_chars(v, v + PQgetlength(result_, row, column), value);
    return value;
}

std::optional<std::int64_t> Rows::optional_integer(int row, int column) const {
    if (is_null(row, column)) return std::nullopt;
    return integer(row, column);
}

// ---- Connection

Result<Connection, Error> Connection::open(const std::string& url, const ConnectionOptions& options) {
    const std::string timeout = std::to_string(std::max<std::int64_t>(1, options.connect_timeout.count()));
    const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
    const char* values[] = {url.c_str(), timeout.c_str(), "mailwarden", nullptr};
    // expand_dbname=1: the URL's own parameters win over these defaults.
    Connection conn(PQconnectdbParams(keys, values, 1));
    if (conn.conn_ == nullptr) return unexpected(Error(errc::out_of_memory, "connecting to PostgreSQL"));
    if (PQstatus(conn.conn_) != CONNECTION_OK) {
        Error e(errc::io, "connecting to PostgreSQL at " + redacted(url) + ": " + one_line(PQerrorMessage(conn.conn_)));
        e.retryable = true;
        return unexpected(std::move(e));
    }
    // The server's notices ("already exists, skipping") are not the host's
    // business: libpq would print them on stderr.
    PQsetNoticeProcessor(conn.conn_, [](void*, const char*) {}, nullptr);
    // Times are stored as integers; text is UTF-8 whatever the server's locale.
    std::string setup = "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET statement_timeout = " +
                        std::to_string(options.statement_timeout.count());
    if (auto r = conn.exec_script(setup); !r) return unexpected(std::move(r).error());
    return conn;
}

Connection::Connection(Connection&& other) noexcept
    : conn_(std::exchange(other.conn_, nullptr)), prepared_(std::move(other.prepared_)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        PQfinish(conn_);
        conn_ = std::exchange(other.conn_, nullptr);
        prepared_ = std::move(other.prepared_);
    }
    return *this;
}

Connection::~Connection() { PQfinish(conn_); }

bool Connection::broken() const noexcept { return conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK; }

Error Connection::failure(std::string_view what, pg_result* result) const {
    const char* state_field = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string state = state_field != nullptr ? state_field : "";
    std::string message = std::string(what) + ": " +
                          one_line(result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
    if (message.ends_with(": ")) message += one_line(PQerrorMessage(conn_));
    errc kind = errc::io;
    if (state == unique_violation) kind = errc::already_exists;
    if (state == query_canceled) kind = errc::timed_out;
    Error e(kind, std::move(message));
    e.service_code = state;
    e.retryable = state == serialization_failure || state == deadlock_detected || state == query_canceled ||
                  lost_connection(state) || broken();
    return e;
}

Result<Rows, Error> Connection::exec(std::string_view sql, std::initializer_list<Param> params) {
    auto it = prepared_.find(std::string(sql));
    if (it == prepared_.end()) {
        std::string name = "mw" + std::to_string(prepared_.size());
        const std::string text(sql);
        pg_result* prepared = PQprepare(conn_, name.c_str(), text.c_str(), static_cast<int>(params.size()), nullptr);
        if (prepared == nullptr || PQresultStatus(prepared) != PGRES_COMMAND_OK) {
            Error e = failure("preparing SQL", prepared);
            PQclear(prepared);
            return unexpected(std::move(e));
        }
        PQclear(prepared);
        it = prepared_.emplace(text, std::move(name)).first;
    }
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p.c_str());
    pg_result* result = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()), values.data(),
                                       nullptr, nullptr, 0);
    const auto status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Rows(result);
    Error e = failure("running SQL", result);
    PQclear(result);
    return unexpected(std::move(e));
}

Result<Done, Error> Connection::exec_script(std::string_view sql) {
    const std::string text(sql);
    pg_result* result = PQexec(conn_, text.c_str());
    const auto status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
        PQclear(result);
        return Done{};
    }
    Error e = failure("running SQL", result);
    PQclear(result);
    return unexpected(std::move(e));
}

// ---- Transaction

Result<Transaction, Error> Transaction::begin(Connection& conn, std::string_view isolation) {
    const std::string sql = isolation.empty() ? "BEGIN" : "BEGIN ISOLATION LEVEL " + std::string(isolation);
    if (auto r = conn.exec_script(sql); !r) return unexpected(std::move(r).error());
    return Transaction(&conn);
}

Transaction::Transaction(Transaction&& other) noexcept : conn_(std::exchange(other.conn_, nullptr)) {}

Transaction::~Transaction() {
    if (conn_ != nullptr && !conn_->broken()) (void)conn_->exec_script("ROLLBACK");
}

Result<Done, Error> Transaction::commit() {
    Connection* conn = std::exchange(conn_, nullptr);
    auto r = conn->exec_script("COMMIT");
    if (r || !conn->broken()) return r;
    Error lost = std::move(r).error();
    lost.outcome_unknown = true;
    return unexpected(std::move(lost));
}

}  // namespace mailwarden::store::pg
