// FeedbackStore on SQLite: one connection guarded by a mutex that a
// transaction holds from begin to its end, statements prepared once per
// connection; other processes share the file through WAL and the busy
// timeout (BEGIN IMMEDIATE serialises writers).
#include <mailwarden/feedback_store.hpp>

#include "store/feedback_rows.hpp"
#include "store/open_database.hpp"
#include "store/sqlite_db.hpp"
#include "store/statement_cache.hpp"
#include "store/stored_time.hpp"

#include <mutex>

namespace mailwarden {

FeedbackTransaction::~FeedbackTransaction() = default;
FeedbackStore::~FeedbackStore() = default;

namespace {

using store::Database;
using store::Statement;
using store::StatementCache;
using store::Transaction;
using store::join_times;
using store::send_flags;
using store::split_times;
using store::to_millis;

// Shared by the SQLite connection and its transactions.
struct Connection {
    explicit Connection(Database d) : db(std::move(d)), statements(db) {}
    std::mutex mutex;
    Database db;
    StatementCache statements;
};

class SqliteFeedbackTransaction final : public FeedbackTransaction {
public:
    SqliteFeedbackTransaction(std::unique_lock<std::mutex> lock, Connection& c, Transaction tx)
        : lock_(std::move(lock)), c_(c), tx_(std::move(tx)) {}

    Result<bool, Error> claim(std::string_view key, TimePoint at) override {
        auto stmt = prepare("INSERT OR IGNORE INTO feedback_seen (key, at) VALUES (?1, ?2)");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, key).bind(2, to_millis(at));
        if (auto r = (*stmt)->run(); !r) return unexpected(std::move(r).error());
        return c_.db.changes() > 0;
    }

    Result<std::optional<SendRecord>, Error> find_send(std::string_view message_id,
                                                       std::string_view recipient) override {
        return one_send(std::string(send_columns) + " WHERE message_id = ?1 AND recipient = ?2", message_id,
                        recipient);
    }

    Result<std::optional<SendRecord>, Error> find_send_by_seq(std::string_view account, std::int64_t seq) override {
        auto stmt = prepare(std::string(send_columns) + " WHERE account = ?1 AND seq = ?2");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, account).bind(2, seq);
        return read_send(**stmt);
    }

    Result<std::optional<SendRecord>, Error> find_message(std::string_view message_id) override {
        return one_send(std::string(send_columns) + " WHERE message_id = ?1 LIMIT 1", message_id, {});
    }

    Result<Done, Error> insert_send(const SendRecord& s) override {
        auto stmt = prepare(
            "INSERT INTO feedback_sends (message_id, recipient, account, seq, at, flags) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, s.message_id).bind(2, s.recipient).bind(3, s.account).bind(4, s.seq);
        (*stmt)->bind(5, to_millis(s.at)).bind(6, send_flags(s));
        return (*stmt)->run();
    }

    Result<Done, Error> update_send_flags(const SendRecord& s) override {
        auto stmt = prepare("UPDATE feedback_sends SET flags = ?3 WHERE message_id = ?1 AND recipient = ?2");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, s.message_id).bind(2, s.recipient).bind(3, send_flags(s));
        return (*stmt)->run();
    }

    Result<FlagCounts, Error> count_flags(std::string_view account, std::int64_t from, std::int64_t to) override {
        auto stmt = prepare(
            "SELECT COALESCE(SUM(flags & 1), 0), COALESCE(SUM((flags & 2) / 2), 0), "
            "COALESCE(SUM((flags & 4) / 4), 0) FROM feedback_sends WHERE account = ?1 AND seq >= ?2 AND seq < ?3");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, account).bind(2, from).bind(3, to);
        auto row = (*stmt)->step();
        if (!row) return unexpected(std::move(row).error());
        FlagCounts counts;
        if (*row) counts = {(*stmt)->integer(0), (*stmt)->integer(1), (*stmt)->integer(2)};
        (*stmt)->reset();
        return counts;
    }

    Result<std::optional<AccountRecord>, Error> find_account(std::string_view account) override {
        auto stmt = prepare("SELECT " + std::string(store::account_columns) +
                            " FROM feedback_accounts WHERE account = ?1");
        if (!stmt) return unexpected(std::move(stmt).error());
        Statement& s = **stmt;
        s.bind(1, account);
        auto row = s.step();
        if (!row) return unexpected(std::move(row).error());
        if (!*row) return std::optional<AccountRecord>();
        AccountRecord a = store::read_account(s, account);
        s.reset();
        return std::optional<AccountRecord>(std::move(a));
    }

    Result<Done, Error> save_account(const AccountRecord& a) override {
        auto stmt = prepare(
            "INSERT OR REPLACE INTO feedback_accounts (account, status, status_since, status_reason, next_seq, "
            "window_start, window_size, window_hard, window_soft, window_complaints, total_hard, total_soft, "
            "total_complaints, total_deliveries, audit_entries) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
        if (!stmt) return unexpected(std::move(stmt).error());
        Statement& s = **stmt;
        s.bind(1, a.account).bind(2, static_cast<std::int64_t>(a.status)).bind(3, to_millis(a.status_since));
        s.bind(4, a.status_reason).bind(5, a.next_seq).bind(6, a.window_start).bind(7, a.window_size);
        s.bind(8, a.window_hard).bind(9, a.window_soft).bind(10, a.window_complaints).bind(11, a.total_hard);
        s.bind(12, a.total_soft).bind(13, a.total_complaints).bind(14, a.total_deliveries).bind(15, a.audit_entries);
        return s.run();
    }

    Result<Done, Error> append_audit(const StatusChange& c, std::int64_t seq) override {
        auto stmt = prepare(
            "INSERT INTO feedback_audit (account, seq, at, from_status, to_status, actor, reason) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, c.account).bind(2, seq).bind(3, to_millis(c.at));
        (*stmt)->bind(4, static_cast<std::int64_t>(c.from)).bind(5, static_cast<std::int64_t>(c.to));
        (*stmt)->bind(6, c.actor).bind(7, c.reason);
        return (*stmt)->run();
    }

    Result<std::vector<StatusChange>, Error> audit_log(std::string_view account) override {
        auto stmt = prepare("SELECT " + std::string(store::audit_columns) +
                            " FROM feedback_audit WHERE account = ?1 ORDER BY seq");
        if (!stmt) return unexpected(std::move(stmt).error());
        Statement& s = **stmt;
        s.bind(1, account);
        std::vector<StatusChange> out;
        auto read = store::for_each_row(s, [&](const Statement& r) {
            out.push_back(store::read_status_change(r, account));
        });
        if (!read) return unexpected(std::move(read).error());
        return out;
    }

    Result<std::optional<Suppression>, Error> find_suppression(std::string_view account,
                                                               std::string_view address) override {
        auto stmt = prepare(std::string(suppression_columns) + " WHERE account = ?1 AND address = ?2");
        if (!stmt) return unexpected(std::move(stmt).error());
        Statement& s = **stmt;
        s.bind(1, account).bind(2, address);
        auto row = s.step();
        if (!row) return unexpected(std::move(row).error());
        if (!*row) return std::optional<Suppression>();
        auto found = store::read_suppression(s);
        s.reset();
        return std::optional<Suppression>(std::move(found));
    }

    Result<Done, Error> put_suppression(const Suppression& x) override {
        auto stmt = prepare(
            "INSERT OR REPLACE INTO suppressions (account, address, reason, at, evidence_key, status, diagnostic, "
            "note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        if (!stmt) return unexpected(std::move(stmt).error());
        Statement& s = **stmt;
        s.bind(1, x.account).bind(2, x.address).bind(3, static_cast<std::int64_t>(x.reason)).bind(4, to_millis(x.at));
        s.bind(5, x.evidence_key).bind(6, x.status).bind(7, x.diagnostic).bind(8, x.note);
        return s.run();
    }

    Result<bool, Error> remove_suppression(std::string_view account, std::string_view address) override {
        auto stmt = prepare("DELETE FROM suppressions WHERE account = ?1 AND address = ?2");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, account).bind(2, address);
        if (auto r = (*stmt)->run(); !r) return unexpected(std::move(r).error());
        return c_.db.changes() > 0;
    }

    Result<std::vector<Suppression>, Error> list_suppressions(std::string_view account, std::string_view after,
                                                              std::size_t limit) override {
        auto stmt = prepare(std::string(suppression_columns) +
                            " WHERE account = ?1 AND address > ?2 ORDER BY address LIMIT ?3");
        if (!stmt) return unexpected(std::move(stmt).error());
        Statement& s = **stmt;
        s.bind(1, account).bind(2, after).bind(3, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
        std::vector<Suppression> out;
        auto read = store::for_each_row(s, [&](const Statement& r) { out.push_back(store::read_suppression(r)); });
        if (!read) return unexpected(std::move(read).error());
        return out;
    }

    Result<std::optional<SoftBounceRecord>, Error> find_soft_bounces(std::string_view account,
                                                                     std::string_view address) override {
        auto stmt = prepare("SELECT times FROM soft_bounces WHERE account = ?1 AND address = ?2");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, account).bind(2, address);
        auto row = (*stmt)->step();
        if (!row) return unexpected(std::move(row).error());
        if (!*row) return std::optional<SoftBounceRecord>();
        SoftBounceRecord r{std::string(account), std::string(address), split_times((*stmt)->text(0))};
        (*stmt)->reset();
        return std::optional<SoftBounceRecord>(std::move(r));
    }

    Result<Done, Error> put_soft_bounces(const SoftBounceRecord& r) override {
        auto stmt = prepare("INSERT OR REPLACE INTO soft_bounces (account, address, times) VALUES (?1, ?2, ?3)");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, r.account).bind(2, r.address).bind(3, join_times(r.times));
        return (*stmt)->run();
    }

    Result<Done, Error> remove_soft_bounces(std::string_view account, std::string_view address) override {
        auto stmt = prepare("DELETE FROM soft_bounces WHERE account = ?1 AND address = ?2");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, account).bind(2, address);
        return (*stmt)->run();
    }

    Result<Done, Error> commit() override { return tx_.commit(); }

private:
    static constexpr std::string_view send_columns = store::send_select;
    static constexpr std::string_view suppression_columns = store::suppression_select;

    Result<Statement*, Error> prepare(std::string_view sql) { return c_.statements.get(sql); }

    Result<std::optional<SendRecord>, Error> one_send(const std::string& sql, std::string_view a, std::string_view b) {
        auto stmt = prepare(sql);
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, a);
        if (!b.empty()) (*stmt)->bind(2, b);
        return read_send(**stmt);
    }

    static Result<std::optional<SendRecord>, Error> read_send(Statement& s) {
        auto row = s.step();
        if (!row) return unexpected(std::move(row).error());
        if (!*row) return std::optional<SendRecord>();
        SendRecord r = store::read_send(s);
        s.reset();
        return std::optional<SendRecord>(std::move(r));
    }

    std::unique_lock<std::mutex> lock_;
    Connection& c_;
    Transaction tx_;
};

class SqliteFeedbackStore final : public FeedbackStore {
public:
    explicit SqliteFeedbackStore(Database db) : c_(std::move(db)) {}

    Result<std::unique_ptr<FeedbackTransaction>, Error> begin(bool write) override {
        std::unique_lock lock(c_.mutex);
        auto tx = Transaction::begin(c_.db, write ? Transaction::Mode::write : Transaction::Mode::read);
        if (!tx) return unexpected(std::move(tx).error());
        return std::unique_ptr<FeedbackTransaction>(
            std::make_unique<SqliteFeedbackTransaction>(std::move(lock), c_, std::move(*tx)));
    }

private:
    Connection c_;
};

}  // namespace

Result<std::shared_ptr<FeedbackStore>, Error> open_sqlite_feedback_store(const std::string& path,
                                                                         std::chrono::milliseconds busy_timeout) {
    auto db = store::open_database(path, busy_timeout);
    if (!db) return unexpected(std::move(db).error());
    return std::shared_ptr<FeedbackStore>(std::make_shared<SqliteFeedbackStore>(std::move(*db)));
}

}  // namespace mailwarden
