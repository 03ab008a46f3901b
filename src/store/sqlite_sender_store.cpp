// SenderStore on SQLite: one connection guarded by a mutex (statements and
// transactions of one thread at a time); other processes share the file
// through WAL and the busy timeout; concurrent updates of one sender are
// caught by its version.
#include <mailwarden/store.hpp>

#include "store/open_database.hpp"
#include "store/schema.hpp"
#include "store/sender_rows.hpp"
#include "store/stored_time.hpp"
#include "store/sqlite_db.hpp"

#include <algorithm>
#include <mutex>
#include <unordered_map>

namespace mailwarden {

SenderStore::~SenderStore() = default;

Result<std::vector<Sender>, Error> SenderStore::find_in_all_accounts(std::string_view address) {
    auto all = list("", std::nullopt);
    if (!all) return all;
    std::erase_if(*all, [&](const Sender& s) { return s.address != address; });
    return all;
}

namespace {

using store::Database;
using store::Statement;
using store::Transaction;

using store::read_history;
using store::read_sender;
using store::sender_columns;
using store::state_number;
using store::to_millis;

class SqliteSenderStore final : public SenderStore {
public:
    explicit SqliteSenderStore(Database db) : db_(std::move(db)) {}

    Result<Done, Error> insert(const Sender& sender) override {
        std::lock_guard lock(mutex_);
        auto tx = Transaction::begin(db_);
        if (!tx) return unexpected(std::move(tx).error());
        auto stmt = db_.prepare("INSERT INTO senders (" + std::string(sender_columns) +
                                ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 0)");
        if (!stmt) return unexpected(std::move(stmt).error());
        bind_fields(*stmt, sender);
        if (auto r = stmt->run(); !r) {
            if (r.error().code == errc::already_exists)
                return unexpected(Error(errc::already_exists, "a sender " + sender.address + " already exists in account " +
                                                                  sender.account));
            return r;
        }
        if (auto r = append_history(sender, 0); !r) return r;
        return tx->commit();
    }

    Result<Sender, Error> update(const Sender& sender) override {
        std::lock_guard lock(mutex_);
        auto tx = Transaction::begin(db_);
        if (!tx) return unexpected(std::move(tx).error());
        auto stmt = db_.prepare(
            "UPDATE senders SET id = ?1, account = ?2, type = ?3, address = ?4, alias = ?5, state = ?6, created_at = ?7, "
            "requested_at = ?8, expires_at = ?9, verified_at = ?10, failed_at = ?11, last_checked_at = ?12, "
            "failure_reason = ?13, warnings = ?14, version = version + 1 WHERE id = ?1 AND version = ?15");
        if (!stmt) return unexpected(std::move(stmt).error());
        bind_fields(*stmt, sender);
        stmt->bind(15, sender.version);
        if (auto r = stmt->run(); !r) return unexpected(std::move(r).error());
        if (db_.changes() == 0) {
            auto current = load_by_id(sender.id);
            if (!current) return unexpected(std::move(current).error());
            if (!*current) return unexpected(Error(errc::not_found, "sender " + sender.address + " no longer exists"));
            return unexpected(Error(errc::already_exists, "sender " + sender.address + " was changed concurrently"));
        }
        auto stored = history_count(sender.id);
        if (!stored) return unexpected(std::move(stored).error());
        if (auto r = append_history(sender, static_cast<std::size_t>(*stored)); !r) return unexpected(std::move(r).error());
        if (auto r = tx->commit(); !r) return unexpected(std::move(r).error());
        Sender saved = sender;
        saved.version = sender.version + 1;
        return saved;
    }

    Result<std::optional<Sender>, Error> find(std::string_view account, std::string_view address) override {
        std::lock_guard lock(mutex_);
        auto stmt = db_.prepare("SELECT " + std::string(sender_columns) +
                                " FROM senders WHERE account = ?1 AND address = ?2");
        if (!stmt) return unexpected(std::move(stmt).error());
        stmt->bind(1, account).bind(2, address);
        return read_one(*stmt);
    }

    Result<std::vector<Sender>, Error> find_in_all_accounts(std::string_view address) override {
        std::lock_guard lock(mutex_);
        auto stmt = db_.prepare("SELECT " + std::string(sender_columns) +
                                " FROM senders WHERE address = ?1 ORDER BY created_at, rowid");
        if (!stmt) return unexpected(std::move(stmt).error());
        stmt->bind(1, address);
        return read_all(*stmt);
    }

    Result<std::vector<Sender>, Error> list(std::string_view account,
                                            std::optional<VerificationState> state) override {
        std::lock_guard lock(mutex_);
        auto stmt = db_.prepare("SELECT " + std::string(sender_columns) +
                                " FROM senders WHERE (?1 = '' OR account = ?1) AND (?2 < 0 OR state = ?2)"
                                " ORDER BY created_at, rowid");  // rowid: insertion order within one instant
        if (!stmt) return unexpected(std::move(stmt).error());
        stmt->bind(1, account).bind(2, state ? state_number(*state) : std::int64_t{-1});
        return read_all(*stmt);
    }

    Result<std::vector<Sender>, Error> due_for_refresh(TimePoint recheck_before, std::size_t limit,
                                                       std::string_view after_id) override {
        std::lock_guard lock(mutex_);
        auto stmt = db_.prepare("SELECT " + std::string(sender_columns) +
                                " FROM senders WHERE id > ?1 AND (state = ?2 OR (state = ?3 AND"
                                " (last_checked_at IS NULL OR last_checked_at < ?4))) ORDER BY id LIMIT ?5");
        if (!stmt) return unexpected(std::move(stmt).error());
        stmt->bind(1, after_id)
            .bind(2, state_number(VerificationState::pending))
            .bind(3, state_number(VerificationState::success))
            .bind(4, to_millis(recheck_before))
            .bind(5, static_cast<std::int64_t>(limit));
        return read_all(*stmt);
    }

    Result<Done, Error> remove(std::string_view id) override {
        std::lock_guard lock(mutex_);
        auto stmt = db_.prepare("DELETE FROM senders WHERE id = ?1");
        if (!stmt) return unexpected(std::move(stmt).error());
        stmt->bind(1, id);
        if (auto r = stmt->run(); !r) return r;
        if (db_.changes() == 0) return unexpected(Error(errc::not_found, "no sender with that id"));
        return Done{};
    }

private:
    static void bind_fields(Statement& stmt, const Sender& s) {
        stmt.bind(1, s.id)
            .bind(2, s.account)
            .bind(3, s.type)
            .bind(4, s.address)
            .bind(5, s.alias)
            .bind(6, state_number(s.state))
            .bind(7, to_millis(s.created_at))
            .bind(8, to_millis(s.requested_at))
            .bind(9, to_millis(s.expires_at))
            .bind(10, to_millis(s.verified_at))
            .bind(11, to_millis(s.failed_at))
            .bind(12, to_millis(s.last_checked_at))
            .bind(13, s.failure_reason)
            .bind(14, store::join_lines(s.warnings));
    }

    Result<Done, Error> append_history(const Sender& s, std::size_t stored) {
        for (std::size_t i = stored; i < s.history.size(); ++i) {
            const auto& h = s.history[i];
            auto stmt = db_.prepare(
                "INSERT INTO sender_history (sender_id, seq, at, from_state, to_state, event, reason)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
            if (!stmt) return unexpected(std::move(stmt).error());
            stmt->bind(1, s.id)
                .bind(2, static_cast<std::int64_t>(i))
                .bind(3, to_millis(h.at))
                .bind(4, state_number(h.from))
                .bind(5, state_number(h.to))
                .bind(6, h.event)
                .bind(7, h.reason);
            if (auto r = stmt->run(); !r) return r;
        }
        return Done{};
    }

    Result<std::int64_t, Error> history_count(const std::string& id) {
        auto stmt = db_.prepare("SELECT count(*) FROM sender_history WHERE sender_id = ?1");
        if (!stmt) return unexpected(std::move(stmt).error());
        stmt->bind(1, id);
        auto row = stmt->step();
        if (!row) return unexpected(std::move(row).error());
        return stmt->integer(0);
    }

    Result<Done, Error> load_history(Sender& s) {
        auto stmt = db_.prepare(
            "SELECT " + std::string(store::history_columns) + " FROM sender_history WHERE sender_id = ?1 ORDER BY seq");
        if (!stmt) return unexpected(std::move(stmt).error());
        stmt->bind(1, s.id);
        for (;;) {
            auto row = stmt->step();
            if (!row) return unexpected(std::move(row).error());
            if (!*row) return Done{};
            s.history.push_back(read_history(*stmt, 0));
        }
    }

    Result<std::optional<Sender>, Error> load_by_id(const std::string& id) {
        auto stmt = db_.prepare("SELECT " + std::string(sender_columns) + " FROM senders WHERE id = ?1");
        if (!stmt) return unexpected(std::move(stmt).error());
        stmt->bind(1, id);
        return read_one(*stmt);
    }

    Result<std::optional<Sender>, Error> read_one(Statement& stmt) {
        auto row = stmt.step();
        if (!row) return unexpected(std::move(row).error());
        if (!*row) return std::optional<Sender>();
        Sender s = read_sender(stmt);
        if (auto r = load_history(s); !r) return unexpected(std::move(r).error());
        return std::optional<Sender>(std::move(s));
    }

    Result<std::vector<Sender>, Error> read_all(Statement& stmt) {
        std::vector<Sender> out;
        auto read = store::for_each_row(stmt, [&](const Statement& r) { out.push_back(read_sender(r)); });
        if (!read) return unexpected(std::move(read).error());
        if (auto r = load_histories(out); !r) return unexpected(std::move(r).error());
        return out;
    }

    // The histories of many senders with one query per 500 ids, not one per sender.
    Result<Done, Error> load_histories(std::vector<Sender>& senders) {
        std::unordered_map<std::string, Sender*> by_id;
        for (auto& s : senders) by_id.emplace(s.id, &s);
        constexpr std::size_t chunk = 500;
        for (std::size_t first = 0; first < senders.size(); first += chunk) {
            const std::size_t n = std::min(chunk, senders.size() - first);
            std::string sql = "SELECT sender_id, " + std::string(store::history_columns) +
                              " FROM sender_history WHERE sender_id IN (";
            for (std::size_t i = 0; i < n; ++i) sql += i == 0 ? "?" : ",?";
            sql += ") ORDER BY sender_id, seq";
            auto stmt = db_.prepare(sql);
            if (!stmt) return unexpected(std::move(stmt).error());
            for (std::size_t i = 0; i < n; ++i) stmt->bind(static_cast<int>(i + 1), senders[first + i].id);
            auto read = store::for_each_row(*stmt, [&](const Statement& r) {
                by_id.at(r.text(0))->history.push_back(read_history(r, 1));
            });
            if (!read) return read;
        }
        return Done{};
    }

    std::mutex mutex_;
    Database db_;
};

}  // namespace

Result<std::shared_ptr<SenderStore>, Error> open_sqlite_store(const std::string& path, SqliteStoreOptions options) {
    auto db = store::open_database(path, options.busy_timeout);
    if (!db) return unexpected(std::move(db).error());
    return std::shared_ptr<SenderStore>(std::make_shared<SqliteSenderStore>(std::move(*db)));
}

int sqlite_schema_version() noexcept { return store::current_schema_version(); }

}  // namespace mailwarden
