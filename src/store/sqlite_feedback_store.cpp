// FeedbackStore on SQLite: one connection guarded by a mutex that a
// transaction holds from begin to its end, statements prepared once per
// connection; other processes share the file through WAL and the busy
// timeout (BEGIN IMMEDIATE serialises writers).
#include <mailwarden/feedback_store.hpp>

#include "store/open_database.hpp"
#include "store/sqlite_db.hpp"
#include "store/statement_cache.hpp"
#include "store/stored_time.hpp"

#include <charconv>
#include <mutex>

namespace mailwarden {

FeedbackTransaction::~FeedbackTransaction() = default;
FeedbackStore::~FeedbackStore() = default;

namespace {

using store::Database;
using store::Statement;
using store::StatementCache;
using store::Transaction;
using store::from_millis;
using store::to_millis;

constexpr std::int64_t flag_hard = 1, flag_soft = 2, flag_complaint = 4;

std::int64_t send_flags(const SendRecord& s) {
    return (s.hard_bounced ? flag_hard : 0) | (s.soft_bounced ? flag_soft : 0) | (s.complained ? flag_complaint : 0);
}

// Soft-bounce times as stored: milliseconds, space-separated.
std::string join_times(const std::vector<TimePoint>& times) {
    std::string out;
    for (const auto t : times) {
        if (!out.empty()) out.push_back(' ');
        out += std::to_string(to_millis(t));
    }
    return out;
}

std::vector<TimePoint> split_times(std::string_view text) {
    std::vector<TimePoint> out;
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
        std::int64_t ms = 0;
        const auto [next, ec] = std::from_chars(p, end, ms);
        if (ec != std::errc()) break;  // a damaged row keeps what it could read
        out.push_back(from_millis(ms));
        p = next;
        while (p < end && *p == ' ') ++p;
    }
    return out;
}

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
        return one_send(send_columns + std::string(" WHERE message_id = ?1 AND recipient = ?2"), message_id,
                        recipient);
    }

    Result<std::optional<SendRecord>, Error> find_send_by_seq(std::string_view account, std::int64_t seq) override {
        auto stmt = prepare(send_columns + std::string(" WHERE account = ?1 AND seq = ?2"));
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, account).bind(2, seq);
        return read_send(**stmt);
    }

    Result<std::optional<SendRecord>, Error> find_message(std::string_view message_id) override {
        return one_send(send_columns + std::string(" WHERE message_id = ?1 LIMIT 1"), message_id, {});
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
        auto stmt = prepare(
            "SELECT status, status_since, status_reason, next_seq, window_start, window_size, window_hard, "
            "window_soft, window_complaints, total_hard, total_soft, total_complaints, total_deliveries, "
            "audit_entries FROM feedback_accounts WHERE account = ?1");
        if (!stmt) return unexpected(std::move(stmt).error());
        Statement& s = **stmt;
        s.bind(1, account);
        auto row = s.step();
        if (!row) return unexpected(std::move(row).error());
        if (!*row) return std::optional<AccountRecord>();
        AccountRecord a;
        a.account = std::string(account);
        a.status = static_cast<AccountStatus>(s.integer(0));
        a.status_since = from_millis(s.optional_integer(1));
        a.status_reason = s.text(2);
        a.next_seq = s.integer(3);
        a.window_start = s.integer(4);
        a.window_size = s.integer(5);
        a.window_hard = s.integer(6);
        a.window_soft = s.integer(7);
        a.window_complaints = s.integer(8);
        a.total_hard = s.integer(9);
        a.total_soft = s.integer(10);
        a.total_complaints = s.integer(11);
        a.total_deliveries = s.integer(12);
        a.audit_entries = s.integer(13);
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
        auto stmt = prepare(
            "SELECT at, from_status, to_status, actor, reason FROM feedback_audit WHERE account = ?1 ORDER BY seq");
        if (!stmt) return unexpected(std::move(stmt).error());
        Statement& s = **stmt;
        s.bind(1, account);
        std::vector<StatusChange> out;
        auto read = store::for_each_row(s, [&](const Statement& r) {
            out.push_back({std::string(account), from_millis(r.integer(0)), static_cast<AccountStatus>(r.integer(1)),
                           static_cast<AccountStatus>(r.integer(2)), r.text(3), r.text(4)});
        });
        if (!read) return unexpected(std::move(read).error());
        return out;
    }

    Result<std::optional<Suppression>, Error> find_suppression(std::string_view account,
                                                               std::string_view address) override {
        auto stmt = prepare(suppression_columns + std::string(" WHERE account = ?1 AND address = ?2"));
        if (!stmt) return unexpected(std::move(stmt).error());
        Statement& s = **stmt;
        s.bind(1, account).bind(2, address);
        auto row = s.step();
        if (!row) return unexpected(std::move(row).error());
        if (!*row) return std::optional<Suppression>();
        auto found = read_suppression(s);
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
        auto stmt =
            prepare(suppression_columns + std::string(" WHERE account = ?1 AND address > ?2 ORDER BY address LIMIT ?3"));
        if (!stmt) return unexpected(std::move(stmt).error());
        Statement& s = **stmt;
        s.bind(1, account).bind(2, after).bind(3, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
        std::vector<Suppression> out;
        auto read = store::for_each_row(s, [&](const Statement& r) { out.push_back(read_suppression(r)); });
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
    static constexpr const char* send_columns =
        "SELECT message_id, recipient, account, seq, at, flags FROM feedback_sends";
    static constexpr const char* suppression_columns =
        "SELECT account, address, reason, at, evidence_key, status, diagnostic, note FROM suppressions";

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
        SendRecord r;
        r.message_id = s.text(0);
        r.recipient = s.text(1);
        r.account = s.text(2);
        r.seq = s.integer(3);
        r.at = from_millis(s.integer(4));
        const auto flags = s.integer(5);
        r.hard_bounced = (flags & flag_hard) != 0;
        r.soft_bounced = (flags & flag_soft) != 0;
        r.complained = (flags & flag_complaint) != 0;
        s.reset();
        return std::optional<SendRecord>(std::move(r));
    }

    static Suppression read_suppression(const Statement& s) {
        Suppression x;
        x.account = s.text(0);
        x.address = s.text(1);
        x.reason = static_cast<SuppressionReason>(s.integer(2));
        x.at = from_millis(s.integer(3));
        x.evidence_key = s.text(4);
        x.status = s.text(5);
        x.diagnostic = s.text(6);
        x.note = s.text(7);
        return x;
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
