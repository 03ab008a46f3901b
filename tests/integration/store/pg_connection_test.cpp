// The PostgreSQL connection layer against the real server: typed errors, the
// statement timeout, the pool's bound, TLS options handed through to libpq.
#include "store/pg/pg_pool.hpp"
#include "support/postgres_schema.hpp"

#include <mailwarden/stores.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

using namespace mailwarden;
using namespace mailwarden::store::pg;
using namespace std::chrono_literals;

namespace {

Connection connect(const std::string& url, ConnectionOptions options = {}) {
    auto conn = Connection::open(url, options);
    REQUIRE_MESSAGE(conn.has_value(), conn.error().message);
    return std::move(*conn);
}

std::string with_parameters(const std::string& url, const std::string& parameters) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") + parameters;
}

}  // namespace

TEST_CASE("errors are typed: a unique key, bad SQL, a statement over its timeout") {
    auto conn = connect(test::fresh_postgres_schema(), {.statement_timeout = 200ms});
    REQUIRE(conn.exec_script("CREATE TABLE t (k TEXT PRIMARY KEY)").has_value());
    REQUIRE(conn.exec("INSERT INTO t VALUES ($1)", {"a"}).has_value());

    auto twice = conn.exec("INSERT INTO t VALUES ($1)", {"a"});
    REQUIRE_FALSE(twice.has_value());
    CHECK(twice.error().code == errc::already_exists);
    CHECK(twice.error().service_code == "23505");
    CHECK_FALSE(twice.error().retryable);

    auto bad = conn.exec("SELEC 1");
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().code == errc::io);
    CHECK_FALSE(bad.error().retryable);
    CHECK(bad.error().message.find("syntax error") != std::string::npos);

    auto slow = conn.exec("SELECT pg_sleep(2)");
    REQUIRE_FALSE(slow.has_value());
    CHECK(slow.error().code == errc::timed_out);
    CHECK(slow.error().retryable);
    CHECK_FALSE(conn.broken());
    CHECK(conn.exec("SELECT 1").has_value());  // the connection stays usable
}

TEST_CASE("a rolled-back transaction leaves nothing; a committed one stays") {
    auto conn = connect(test::fresh_postgres_schema());
    REQUIRE(conn.exec_script("CREATE TABLE t (k TEXT PRIMARY KEY)").has_value());
    {
        auto tx = Transaction::begin(conn);
        REQUIRE(tx.has_value());
        REQUIRE(conn.exec("INSERT INTO t VALUES ('dropped')").has_value());
    }
    {
        auto tx = Transaction::begin(conn);
        REQUIRE(tx.has_value());
        REQUIRE(conn.exec("INSERT INTO t VALUES ('kept')").has_value());
        REQUIRE(tx->commit().has_value());
    }
    auto rows = conn.exec("SELECT string_agg(k, ',') FROM t");
    REQUIRE(rows.has_value());
    CHECK(rows->text(0, 0) == "kept");
}

// One connection at most, waiting `wait` for it when busy.
static std::shared_ptr<Pool> one_connection_pool(std::chrono::milliseconds wait) {
    PoolOptions options;
    options.max_connections = 1;
    options.acquire_timeout = wait;
    auto pool = Pool::open(test::fresh_postgres_schema(), options);
    REQUIRE_MESSAGE(pool.has_value(), pool.error().message);
    return *pool;
}

TEST_CASE("a caller finding the pool busy waits, then gets a retryable timed_out") {
    auto pool = one_connection_pool(1s);
    auto held = pool->acquire();
    REQUIRE(held.has_value());
    const auto start = std::chrono::steady_clock::now();
    auto waited = pool->acquire();
    REQUIRE_FALSE(waited.has_value());
    CHECK(waited.error().code == errc::timed_out);
    CHECK(waited.error().retryable);
    CHECK(std::chrono::steady_clock::now() - start >= 900ms);
}

TEST_CASE("a waiter gets the connection when it comes back, and it is reused") {
    auto pool = one_connection_pool(60s);  // generous: only the hand-over is tested
    auto held = pool->acquire();
    REQUIRE(held.has_value());
    std::thread releaser([lease = std::move(*held)]() mutable {
        std::this_thread::sleep_for(100ms);
        auto gone = std::move(lease);
    });
    auto next = pool->acquire();
    CHECK(next.has_value());
    releaser.join();
}

TEST_CASE("TLS options pass through to libpq") {
    const char* ca = std::getenv("MW_TEST_POSTGRES_CA");
    const char* other_ca = std::getenv("MW_TEST_POSTGRES_OTHER_CA");
    REQUIRE_MESSAGE(ca != nullptr, "run under run-with-postgres.sh");
    REQUIRE(other_ca != nullptr);
    const std::string url = test::fresh_postgres_schema();

    auto verified = Connection::open(with_parameters(url, "sslmode=verify-full&sslrootcert=" + std::string(ca)), {});
    REQUIRE_MESSAGE(verified.has_value(), verified.error().message);
    auto ssl = verified->exec("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
    REQUIRE(ssl.has_value());
    CHECK(ssl->text(0, 0) == "t");

    auto untrusted =
        open_stores(with_parameters(url, "sslmode=verify-full&sslrootcert=" + std::string(other_ca)));
    REQUIRE_FALSE(untrusted.has_value());
    CHECK(untrusted.error().code == errc::io);
    CHECK(untrusted.error().message.find("certificate verify failed") != std::string::npos);
}

TEST_CASE("messages never show the password") {
    CHECK(redacted("postgresql://mail:s3cret@db.internal:5432/mail?sslmode=require") ==
          "postgresql://mail:***@db.internal:5432/mail?sslmode=require");
    CHECK(redacted("postgresql://mail@db.internal/mail") == "postgresql://mail@db.internal/mail");
    CHECK(redacted("postgres://db.internal/mail?user=a@b") == "postgres://db.internal/mail?user=a@b");
    auto refused = open_stores("postgresql://mail:s3cret@127.0.0.1:1/mail?connect_timeout=2");
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().retryable);
    CHECK(refused.error().message.find("s3cret") == std::string::npos);
}
