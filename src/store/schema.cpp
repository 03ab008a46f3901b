#include "store/schema.hpp"

#include <array>
#include <string>

namespace mailwarden::store {

namespace {

// Migration N takes the schema from version N to N+1. Never edit one that
// has shipped: add the next.
constexpr std::array<std::string_view, 4> migrations = {
    // 0 -> 1: senders and their history.
    R"sql(
    CREATE TABLE senders (
        id              TEXT PRIMARY KEY,
        account         TEXT NOT NULL,
        type            TEXT NOT NULL,
        address         TEXT NOT NULL,
        alias           TEXT NOT NULL,
        state           INTEGER NOT NULL,
        created_at      INTEGER NOT NULL,
        requested_at    INTEGER NOT NULL,
        expires_at      INTEGER NOT NULL,
        verified_at     INTEGER,
        failed_at       INTEGER,
        last_checked_at INTEGER,
        failure_reason  TEXT NOT NULL DEFAULT '',
        warnings        TEXT NOT NULL DEFAULT '',
        version         INTEGER NOT NULL DEFAULT 0,
        UNIQUE (account, address)
    );
    CREATE INDEX senders_by_check ON senders (state, last_checked_at);
    CREATE TABLE sender_history (
        sender_id  TEXT NOT NULL REFERENCES senders (id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,
        at         INTEGER NOT NULL,
        from_state INTEGER,
        to_state   INTEGER NOT NULL,
        event      TEXT NOT NULL,
        reason     TEXT NOT NULL,
        PRIMARY KEY (sender_id, seq)
    );
    )sql",
    // 1 -> 2: senders by address across accounts (a link's click names only
    // the address).
    R"sql(
    CREATE INDEX senders_by_address ON senders (address);
    )sql",
    // 2 -> 3: the bounce tracker. Keys of what was ingested; one row per
    // counted send (message, recipient) numbered per account so the rate
    // window is a range of seq; each account's standing and counters;
    // suppressions (account '*' = global); recent soft bounces; the audit log.
    R"sql(
    CREATE TABLE feedback_seen (
        key TEXT PRIMARY KEY,
        at  INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE feedback_sends (
        message_id TEXT NOT NULL,
        recipient  TEXT NOT NULL,
        account    TEXT NOT NULL,
        seq        INTEGER NOT NULL,
        at         INTEGER NOT NULL,
        flags      INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (message_id, recipient)
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX feedback_sends_by_seq ON feedback_sends (account, seq);
    CREATE TABLE feedback_accounts (
        account           TEXT PRIMARY KEY,
        status            INTEGER NOT NULL,
        status_since      INTEGER,
        status_reason     TEXT NOT NULL,
        next_seq          INTEGER NOT NULL,
        window_start      INTEGER NOT NULL,
        window_size       INTEGER NOT NULL,
        window_hard       INTEGER NOT NULL,
        window_soft       INTEGER NOT NULL,
        window_complaints INTEGER NOT NULL,
        total_hard        INTEGER NOT NULL,
        total_soft        INTEGER NOT NULL,
        total_complaints  INTEGER NOT NULL,
        total_deliveries  INTEGER NOT NULL,
        audit_entries     INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE feedback_audit (
        account     TEXT NOT NULL,
        seq         INTEGER NOT NULL,
        at          INTEGER NOT NULL,
        from_status INTEGER NOT NULL,
        to_status   INTEGER NOT NULL,
        actor       TEXT NOT NULL,
        reason      TEXT NOT NULL,
        PRIMARY KEY (account, seq)
    ) WITHOUT ROWID;
    CREATE TABLE suppressions (
        account      TEXT NOT NULL,
        address      TEXT NOT NULL,
        reason       INTEGER NOT NULL,
        at           INTEGER NOT NULL,
        evidence_key TEXT NOT NULL,
        status       TEXT NOT NULL,
        diagnostic   TEXT NOT NULL,
        note         TEXT NOT NULL,
        PRIMARY KEY (account, address)
    ) WITHOUT ROWID;
    CREATE TABLE soft_bounces (
        account TEXT NOT NULL,
        address TEXT NOT NULL,
        times   TEXT NOT NULL,
        PRIMARY KEY (account, address)
    ) WITHOUT ROWID;
    )sql",
    // 3 -> 4: mailing lists. Subscribers keyed by (list, fold key); the
    // consent log is append-only; tokens are kept as hashes; tombstones keep
    // a hash of an address that left; one random key signs unsubscribe links.
    R"sql(
    CREATE TABLE mailing_lists (
        id         INTEGER PRIMARY KEY,
        account    TEXT NOT NULL,
        name       TEXT NOT NULL,
        sender     TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (account, name)
    );
    CREATE TABLE subscribers (
        id              INTEGER PRIMARY KEY,
        list_id         INTEGER NOT NULL REFERENCES mailing_lists (id) ON DELETE CASCADE,
        address         TEXT NOT NULL,
        fold_key        TEXT NOT NULL,
        name            TEXT NOT NULL,
        state           INTEGER NOT NULL,
        flags           TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        confirmed_at    INTEGER,
        sends           INTEGER NOT NULL DEFAULT 0,
        opens           INTEGER NOT NULL DEFAULT 0,
        clicks          INTEGER NOT NULL DEFAULT 0,
        last_sent_at    INTEGER,
        last_engaged_at INTEGER,
        UNIQUE (list_id, fold_key)
    );
    CREATE INDEX subscribers_by_state ON subscribers (list_id, state, id);
    CREATE TABLE consent_log (
        subscriber_id  INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
        seq            INTEGER NOT NULL,
        at             INTEGER NOT NULL,
        action         TEXT NOT NULL,
        source         TEXT NOT NULL,
        ip             TEXT NOT NULL,
        user_agent     TEXT NOT NULL,
        notice_text    TEXT NOT NULL,
        notice_version TEXT NOT NULL,
        detail         TEXT NOT NULL,
        PRIMARY KEY (subscriber_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE list_tokens (
        hash          TEXT PRIMARY KEY,
        purpose       TEXT NOT NULL,
        subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
        expires_at    INTEGER NOT NULL,
        used_at       INTEGER
    ) WITHOUT ROWID;
    CREATE INDEX list_tokens_by_subscriber ON list_tokens (subscriber_id, purpose);
    CREATE TABLE list_tombstones (
        list_id INTEGER NOT NULL REFERENCES mailing_lists (id) ON DELETE CASCADE,
        hash    TEXT NOT NULL,
        reason  TEXT NOT NULL,
        at      INTEGER NOT NULL,
        PRIMARY KEY (list_id, hash)
    ) WITHOUT ROWID;
    CREATE TABLE list_keys (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    )sql",
};

Result<int, Error> user_version(Database& db) {
    auto stmt = db.prepare("PRAGMA user_version");
    if (!stmt) return unexpected(std::move(stmt).error());
    auto row = stmt->step();
    if (!row) return unexpected(std::move(row).error());
    return static_cast<int>(stmt->integer(0));
}

}  // namespace

int current_schema_version() noexcept { return static_cast<int>(migrations.size()); }

Result<Done, Error> migrate(Database& db) {
    // Most opens find the schema current: a read says so without taking the
    // write lock, which many processes opening one file at once would queue on.
    auto seen = user_version(db);
    if (!seen) return unexpected(std::move(seen).error());
    if (*seen == current_schema_version()) return Done{};
    for (;;) {
        auto tx = Transaction::begin(db);  // serialises migrating processes
        if (!tx) return unexpected(std::move(tx).error());
        auto version = user_version(db);
        if (!version) return unexpected(std::move(version).error());
        if (*version == current_schema_version()) return tx->commit();
        if (*version > current_schema_version())
            return unexpected(Error(errc::io, "the store has schema version " + std::to_string(*version) +
                                                  ", newer than this library's " +
                                                  std::to_string(current_schema_version())));
        auto applied = db.exec(migrations[static_cast<std::size_t>(*version)]);
        if (!applied) return unexpected(std::move(applied).error());
        auto bumped = db.exec("PRAGMA user_version = " + std::to_string(*version + 1));
        if (!bumped) return unexpected(std::move(bumped).error());
        auto committed = tx->commit();
        if (!committed) return committed;
    }
}

}  // namespace mailwarden::store
