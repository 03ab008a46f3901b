// The SQLite store: round trips, uniqueness, optimistic concurrency,
// migrations, persistence in a file. Tests of the SQL alone use an in-memory
// database; what depends on a file (persistence, WAL, schema versions, two
// connections at once) uses one in a temp folder.
#include <mailwarden/store.hpp>

#include "../../support/temp_dir.hpp"

#include <sqlite3.h>

#include <set>

#include <doctest/doctest.h>

using namespace mailwarden;
using namespace std::chrono_literals;

namespace {

Sender make_sender(const std::string& id, const std::string& address, TimePoint t) {
    Sender s;
    s.id = id;
    s.account = "acme";
    s.address = address;
    s.alias = "Acme News";
    s.created_at = t;
    s.requested_at = t;
    s.expires_at = t + 24h;
    s.last_checked_at = t;
    s.warnings = {"first warning", "second warning"};
    s.history.push_back({t, std::nullopt, VerificationState::pending, "verification_sent", "sender added"});
    return s;
}

const TimePoint t0 = from_unix_seconds(1'790'000'000) + 123ms;

}  // namespace

TEST_CASE("insert, find, list and update round-trip every field") {
    auto store = open_sqlite_store(":memory:");
    REQUIRE(store.has_value());
    const Sender s = make_sender("snd_1", "news@iana.org", t0);
    REQUIRE((*store)->insert(s).has_value());

    auto found = (*store)->find("acme", "news@iana.org");
    REQUIRE(found.has_value());
    REQUIRE(found->has_value());
    const Sender& f = **found;
    CHECK(f.id == "snd_1");
    CHECK(f.alias == "Acme News");
    CHECK(f.state == VerificationState::pending);
    CHECK(f.created_at == t0);
    CHECK(f.expires_at == t0 + 24h);
    CHECK_FALSE(f.verified_at.has_value());
    CHECK(f.last_checked_at == t0);
    CHECK(f.warnings == s.warnings);
    REQUIRE(f.history.size() == 1);
    CHECK_FALSE(f.history[0].from.has_value());
    CHECK(f.history[0].reason == "sender added");
    CHECK(f.version == 0);

    Sender changed = f;
    changed.state = VerificationState::success;
    changed.verified_at = t0 + 1h;
    changed.history.push_back({t0 + 1h, VerificationState::pending, VerificationState::success, "transport_verified", ""});
    auto saved = (*store)->update(changed);
    REQUIRE(saved.has_value());
    CHECK(saved->version == 1);
    auto again = (*store)->find("acme", "news@iana.org");
    CHECK((*again)->state == VerificationState::success);
    CHECK((*again)->verified_at == t0 + 1h);
    CHECK((*again)->history.size() == 2);
    CHECK((*again)->history[1].from == VerificationState::pending);

    CHECK((*store)->list("acme", std::nullopt)->size() == 1);
    CHECK((*store)->list("acme", VerificationState::pending)->empty());
    CHECK((*store)->list("other", std::nullopt)->empty());
    CHECK((*store)->list("", std::nullopt)->size() == 1);
    CHECK_FALSE((*store)->find("acme", "nobody@iana.org")->has_value());
}

TEST_CASE("the same address twice in one account is refused; other accounts are separate") {
    auto store = *open_sqlite_store(":memory:");
    REQUIRE(store->insert(make_sender("snd_1", "a@iana.org", t0)).has_value());
    auto dup = store->insert(make_sender("snd_2", "a@iana.org", t0));
    REQUIRE_FALSE(dup.has_value());
    CHECK(dup.error().code == errc::already_exists);
    Sender other = make_sender("snd_3", "a@iana.org", t0);
    other.account = "globex";
    CHECK(store->insert(other).has_value());
}

TEST_CASE("a stale version is refused so concurrent updates are not lost") {
    // Two stores on one file, as two processes sharing a database would be:
    // each loads the sender, both change it, the later update loses.
    TempDir dir;
    const std::string path = dir.str("senders.db");
    auto store = *open_sqlite_store(path);
    auto other = *open_sqlite_store(path);
    REQUIRE(store->insert(make_sender("snd_1", "a@iana.org", t0)).has_value());
    const Sender loaded = **store->find("acme", "a@iana.org");
    Sender first = loaded;
    first.alias = "First";
    Sender second = **other->find("acme", "a@iana.org");  // version 0 too
    second.alias = "Second";
    REQUIRE(store->update(first).has_value());
    auto lost = other->update(second);
    REQUIRE_FALSE(lost.has_value());
    CHECK(lost.error().code == errc::already_exists);
    CHECK((*other->find("acme", "a@iana.org"))->alias == "First");
    CHECK((*store->find("acme", "a@iana.org"))->alias == "First");

    REQUIRE(other->remove(loaded.id).has_value());
    auto gone = store->update(first);
    REQUIRE_FALSE(gone.has_value());
    CHECK(gone.error().code == errc::not_found);
    CHECK(store->remove(loaded.id).error().code == errc::not_found);
}

TEST_CASE("due_for_refresh pages pending senders and verified ones not checked lately") {
    auto store = *open_sqlite_store(":memory:");
    for (int i = 0; i < 5; ++i) REQUIRE(store->insert(make_sender("snd_p" + std::to_string(i), "p" + std::to_string(i) + "@iana.org", t0)).has_value());
    Sender fresh = make_sender("snd_v1", "v1@iana.org", t0);
    fresh.state = VerificationState::success;
    fresh.last_checked_at = t0 + 10h;
    Sender stale = make_sender("snd_v2", "v2@iana.org", t0);
    stale.state = VerificationState::success;
    stale.last_checked_at = t0;
    Sender failed = make_sender("snd_f", "f@iana.org", t0);
    failed.state = VerificationState::failed;
    for (const auto& s : {fresh, stale, failed}) REQUIRE(store->insert(s).has_value());

    const auto page1 = *store->due_for_refresh(t0 + 6h, 4, "");
    REQUIRE(page1.size() == 4);
    const auto page2 = *store->due_for_refresh(t0 + 6h, 4, page1.back().id);
    REQUIRE(page2.size() == 2);  // p4 and v2; never v1 (checked recently) or f
    std::set<std::string> ids;
    for (const auto& s : page1) ids.insert(s.id);
    for (const auto& s : page2) ids.insert(s.id);
    CHECK(ids == std::set<std::string>{"snd_p0", "snd_p1", "snd_p2", "snd_p3", "snd_p4", "snd_v2"});
}

TEST_CASE("a file store persists, is in WAL mode, and carries its schema version") {
    TempDir dir;
    const std::string path = dir.str("senders.db");
    {
        auto store = *open_sqlite_store(path);
        REQUIRE(store->insert(make_sender("snd_1", "a@iana.org", t0)).has_value());
    }
    auto reopened = open_sqlite_store(path);
    REQUIRE(reopened.has_value());
    CHECK((*reopened)->find("acme", "a@iana.org")->has_value());

    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    auto scalar = [db](const char* sql) {
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
        sqlite3_step(st);
        std::string v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return v;
    };
    CHECK(scalar("PRAGMA journal_mode") == "wal");
    CHECK(scalar("PRAGMA user_version") == std::to_string(sqlite_schema_version()));
    // A database from a newer library is refused, not damaged.
    REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    auto newer = open_sqlite_store(path);
    REQUIRE_FALSE(newer.has_value());
    CHECK(newer.error().code == errc::io);
    CHECK(newer.error().message.find("newer") != std::string::npos);
}

TEST_CASE("an unusable path is a typed error") {
    auto bad = open_sqlite_store("/nonexistent-dir/x/senders.db");
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().code == errc::io);
}

TEST_CASE("find_in_all_accounts: one address in several accounts, in creation order") {
    auto store = open_sqlite_store(":memory:");
    REQUIRE(store.has_value());
    Sender a = make_sender("snd_a", "news@iana.org", t0);
    Sender b = make_sender("snd_b", "news@iana.org", t0 + 1s);
    b.account = "globex";
    Sender other = make_sender("snd_c", "press@iana.org", t0);
    REQUIRE((*store)->insert(b).has_value());
    REQUIRE((*store)->insert(a).has_value());
    REQUIRE((*store)->insert(other).has_value());

    auto found = (*store)->find_in_all_accounts("news@iana.org");
    REQUIRE(found.has_value());
    REQUIRE(found->size() == 2);
    CHECK((*found)[0].account == "acme");
    CHECK((*found)[1].account == "globex");
    CHECK((*found)[0].history.size() == 1);
    CHECK((*store)->find_in_all_accounts("nobody@iana.org")->empty());
}

TEST_CASE("a version 1 store gains the address index when opened") {
    TempDir dir;
    const std::string path = dir.str("senders.db");
    REQUIRE(open_sqlite_store(path).has_value());
    // Take the file back to version 1 as the previous library left it.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db,
                         "DROP INDEX senders_by_address; DROP TABLE feedback_seen; DROP TABLE feedback_sends; "
                         "DROP TABLE feedback_accounts; DROP TABLE feedback_audit; DROP TABLE suppressions; "
                         "DROP TABLE soft_bounces; DROP TABLE list_keys; DROP TABLE list_tombstones; DROP TABLE list_tokens; "
                         "DROP TABLE consent_log; DROP TABLE subscribers; DROP TABLE mailing_lists; "
                         "PRAGMA user_version = 1",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    auto count_index = [db] {
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'senders_by_address'",
                           -1, &st, nullptr);
        sqlite3_step(st);
        const int n = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
        return n;
    };
    CHECK(count_index() == 0);
    REQUIRE(open_sqlite_store(path).has_value());
    CHECK(count_index() == 1);
    CHECK(sqlite_schema_version() == 4);
    sqlite3_close(db);
}

TEST_CASE("a damaged time in a row saturates instead of overflowing the clock") {
    TempDir dir;
    const std::string path = dir.str("senders.db");
    REQUIRE((*open_sqlite_store(path))->insert(make_sender("snd_1", "a@iana.org", t0)).has_value());
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "UPDATE senders SET expires_at = 9223372036854775807, created_at = -9223372036854775807",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    auto found = (*open_sqlite_store(path))->find("acme", "a@iana.org");
    REQUIRE(found.has_value());
    REQUIRE(found->has_value());
    CHECK((**found).expires_at > TimePoint::max() - 1ms);  // the last whole millisecond
    CHECK((**found).created_at < TimePoint::min() + 1ms);
}
