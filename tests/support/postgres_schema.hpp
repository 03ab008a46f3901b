// A fresh, empty PostgreSQL schema for one test, in the server that
// tests/peers/postgres/run-with-postgres.sh started (MW_TEST_POSTGRES_URL):
// the URL it returns makes that schema the connection's search path, so
// each test starts from an empty database and migrates it itself.
#pragma once

#include <libpq-fe.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace mailwarden::test {

/// The server's URL; throws when the test was not started by run-with-postgres.sh.
inline std::string postgres_url() {
    const char* url = std::getenv("MW_TEST_POSTGRES_URL");
    if (url == nullptr || *url == '\0')
        throw std::runtime_error("MW_TEST_POSTGRES_URL is not set: run under tests/peers/postgres/run-with-postgres.sh");
    return url;
}

/// Runs one statement on the server as its superuser and returns the first
/// column of its first row ("" when none); throws on failure.
inline std::string postgres_exec(const std::string& sql, const std::string& url = postgres_url()) {
    std::string value;
    PGconn* conn = PQconnectdb(url.c_str());
    std::string error;
    if (PQstatus(conn) != CONNECTION_OK) {
        error = PQerrorMessage(conn);
    } else {
        PGresult* result = PQexec(conn, sql.c_str());
        const auto status = PQresultStatus(result);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) error = PQresultErrorMessage(result);
        if (status == PGRES_TUPLES_OK && PQntuples(result) > 0) value = PQgetvalue(result, 0, 0);
        PQclear(result);
    }
    PQfinish(conn);
    if (!error.empty()) throw std::runtime_error(sql + ": " + error);
    return value;
}

/// The URL of a new empty schema, named after this process and a counter.
inline std::string fresh_postgres_schema() {
    static std::atomic<int> counter{0};
    const std::string schema = "t" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    postgres_exec("CREATE SCHEMA " + schema);
    const std::string url = postgres_url();
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

}  // namespace mailwarden::test
