// FeedbackStore on PostgreSQL: a transaction holds one pooled connection
// from begin to its end. Write transactions of every process take one
// transaction-level advisory lock first, so they run one at a time as
// SQLite's BEGIN IMMEDIATE makes them: the tracker reads an account's
// counters and writes them back, which must not interleave across
// instances. Reads see one snapshot (REPEATABLE READ), as SQLite's do.
#include "store/pg/pg_stores.hpp"

#include "store/feedback_rows.hpp"
#include "store/stored_time.hpp"

#include <algorithm>
#include <cstdint>

namespace mailwarden::store::pg {

namespace {

// Any 64-bit number the database's other users do not take, other than the
// migration lock; this one spells "mwfeedbk".
constexpr std::int64_t feedback_write_lock = 0x6d7766656564626b;

template <class T, class Read>
Result<std::optional<T>, Error> first_row(Result<Rows, Error> rows, Read&& read) {
    if (!rows) return unexpected(std::move(rows).error());
    if (rows->size() == 0) return std::optional<T>();
    return std::optional<T>(read(rows->row(0)));
}

Result<Done, Error> done(Result<Rows, Error> rows) {
    if (!rows) return unexpected(std::move(rows).error());
    return Done{};
}

class PgFeedbackTransaction final : public FeedbackTransaction {
public:
    PgFeedbackTransaction(Pool::Lease lease, Transaction tx) : lease_(std::move(lease)), tx_(std::move(tx)) {}

    Result<bool, Error> claim(std::string_view key, TimePoint at) override {
        auto r = c().exec("INSERT INTO feedback_seen (key, at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                          {key, to_millis(at)});
        if (!r) return unexpected(std::move(r).error());
        return r->affected() > 0;
    }

    Result<std::optional<SendRecord>, Error> find_send(std::string_view message_id,
                                                       std::string_view recipient) override {
        return first_row<SendRecord>(
            c().exec(std::string(send_select) + " WHERE message_id = $1 AND recipient = $2", {message_id, recipient}),
            read_send<Rows::Row>);
    }

    Result<std::optional<SendRecord>, Error> find_send_by_seq(std::string_view account, std::int64_t seq) override {
        return first_row<SendRecord>(
            c().exec(std::string(send_select) + " WHERE account = $1 AND seq = $2", {account, seq}),
            read_send<Rows::Row>);
    }

    Result<std::optional<SendRecord>, Error> find_message(std::string_view message_id) override {
        return first_row<SendRecord>(
            c().exec(std::string(send_select) + " WHERE message_id = $1 LIMIT 1", {message_id}), read_send<Rows::Row>);
    }

    Result<Done, Error> insert_send(const SendRecord& s) override {
        return done(c().exec("INSERT INTO feedback_sends (message_id, recipient, account, seq, at, flags) "
                             "VALUES ($1, $2, $3, $4, $5, $6)",
                             {s.message_id, s.recipient, s.account, s.seq, to_millis(s.at), send_flags(s)}));
    }

    Result<Done, Error> update_send_flags(const SendRecord& s) override {
        return done(c().exec("UPDATE feedback_sends SET flags = $3 WHERE message_id = $1 AND recipient = $2",
                             {s.message_id, s.recipient, send_flags(s)}));
    }

    Result<FlagCounts, Error> count_flags(std::string_view account, std::int64_t from, std::int64_t to) override {
        auto r = c().exec(
            "SELECT COALESCE(SUM(flags & 1), 0), COALESCE(SUM((flags & 2) / 2), 0), "
            "COALESCE(SUM((flags & 4) / 4), 0) FROM feedback_sends WHERE account = $1 AND seq >= $2 AND seq < $3",
            {account, from, to});
        if (!r) return unexpected(std::move(r).error());
        FlagCounts counts;
        if (r->size() > 0) counts = {r->integer(0, 0), r->integer(0, 1), r->integer(0, 2)};
        return counts;
    }

    Result<std::optional<AccountRecord>, Error> find_account(std::string_view account) override {
        return first_row<AccountRecord>(
            c().exec("SELECT " + std::string(account_columns) + " FROM feedback_accounts WHERE account = $1",
                     {account}),
            [&](const Rows::Row& row) { return read_account(row, account); });
    }

    Result<Done, Error> save_account(const AccountRecord& a) override {
        return done(c().exec(
            "INSERT INTO feedback_accounts (account, " + std::string(account_columns) +
                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
                "ON CONFLICT (account) DO UPDATE SET status = EXCLUDED.status, status_since = EXCLUDED.status_since, "
                "status_reason = EXCLUDED.status_reason, next_seq = EXCLUDED.next_seq, "
                "window_start = EXCLUDED.window_start, window_size = EXCLUDED.window_size, "
                "window_hard = EXCLUDED.window_hard, window_soft = EXCLUDED.window_soft, "
                "window_complaints = EXCLUDED.window_complaints, total_hard = EXCLUDED.total_hard, "
                "total_soft = EXCLUDED.total_soft, total_complaints = EXCLUDED.total_complaints, "
                "total_deliveries = EXCLUDED.total_deliveries, audit_entries = EXCLUDED.audit_entries",
            {a.account, static_cast<std::int64_t>(a.status), to_millis(a.status_since), a.status_reason, a.next_seq,
             a.window_start, a.window_size, a.window_hard, a.window_soft, a.window_complaints, a.total_hard,
             a.total_soft, a.total_complaints, a.total_deliveries, a.audit_entries}));
    }

    Result<Done, Error> append_audit(const StatusChange& x, std::int64_t seq) override {
        return done(c().exec("INSERT INTO feedback_audit (account, seq, " + std::string(audit_columns) +
                                 ") VALUES ($1, $2, $3, $4, $5, $6, $7)",
                             {x.account, seq, to_millis(x.at), static_cast<std::int64_t>(x.from),
                              static_cast<std::int64_t>(x.to), x.actor, x.reason}));
    }

    Result<std::vector<StatusChange>, Error> audit_log(std::string_view account) override {
        auto r = c().exec(
            "SELECT " + std::string(audit_columns) + " FROM feedback_audit WHERE account = $1 ORDER BY seq", {account});
        if (!r) return unexpected(std::move(r).error());
        std::vector<StatusChange> out;
        for (int i = 0; i < r->size(); ++i) out.push_back(read_status_change(r->row(i), account));
        return out;
    }

    Result<std::optional<Suppression>, Error> find_suppression(std::string_view account,
                                                               std::string_view address) override {
        return first_row<Suppression>(
            c().exec(std::string(suppression_select) + " WHERE account = $1 AND address = $2", {account, address}),
            read_suppression<Rows::Row>);
    }

    Result<Done, Error> put_suppression(const Suppression& x) override {
        return done(c().exec(
            "INSERT INTO suppressions (account, address, reason, at, evidence_key, status, diagnostic, note) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (account, address) DO UPDATE SET "
            "reason = EXCLUDED.reason, at = EXCLUDED.at, evidence_key = EXCLUDED.evidence_key, "
            "status = EXCLUDED.status, diagnostic = EXCLUDED.diagnostic, note = EXCLUDED.note",
            {x.account, x.address, static_cast<std::int64_t>(x.reason), to_millis(x.at), x.evidence_key, x.status,
             x.diagnostic, x.note}));
    }

    Result<bool, Error> remove_suppression(std::string_view account, std::string_view address) override {
        auto r = c().exec("DELETE FROM suppressions WHERE account = $1 AND address = $2", {account, address});
        if (!r) return unexpected(std::move(r).error());
        return r->affected() > 0;
    }

    Result<std::vector<Suppression>, Error> list_suppressions(std::string_view account, std::string_view after,
                                                              std::size_t limit) override {
        // COLLATE "C": pages in bytewise order, as SQLite's, not the database's collation.
        auto r = c().exec(std::string(suppression_select) +
                              " WHERE account = $1 AND address COLLATE \"C\" > $2"
                              " ORDER BY address COLLATE \"C\" LIMIT $3",
                          {account, after, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX))});
        if (!r) return unexpected(std::move(r).error());
        std::vector<Suppression> out;
        for (int i = 0; i < r->size(); ++i) out.push_back(read_suppression(r->row(i)));
        return out;
    }

    Result<std::optional<SoftBounceRecord>, Error> find_soft_bounces(std::string_view account,
                                                                     std::string_view address) override {
        return first_row<SoftBounceRecord>(
            c().exec("SELECT times FROM soft_bounces WHERE account = $1 AND address = $2", {account, address}),
            [&](const Rows::Row& row) {
                return SoftBounceRecord{std::string(account), std::string(address), split_times(row.text(0))};
            });
    }

    Result<Done, Error> put_soft_bounces(const SoftBounceRecord& r) override {
        return done(c().exec("INSERT INTO soft_bounces (account, address, times) VALUES ($1, $2, $3) "
                             "ON CONFLICT (account, address) DO UPDATE SET times = EXCLUDED.times",
                             {r.account, r.address, join_times(r.times)}));
    }

    Result<Done, Error> remove_soft_bounces(std::string_view account, std::string_view address) override {
        return done(c().exec("DELETE FROM soft_bounces WHERE account = $1 AND address = $2", {account, address}));
    }

    Result<Done, Error> commit() override { return tx_.commit(); }

private:
    Connection& c() { return *lease_; }

    // Declared in this order so the rollback runs before the connection goes back.
    Pool::Lease lease_;
    Transaction tx_;
};

class PgFeedbackStore final : public FeedbackStore {
public:
    explicit PgFeedbackStore(std::shared_ptr<Pool> pool) : pool_(std::move(pool)) {}

    Result<std::unique_ptr<FeedbackTransaction>, Error> begin(bool write) override {
        auto lease = pool_->acquire();
        if (!lease) return unexpected(std::move(lease).error());
        auto tx = Transaction::begin(**lease, write ? "READ COMMITTED" : "REPEATABLE READ");
        if (!tx) return unexpected(std::move(tx).error());
        if (write) {
            // Held until COMMIT or ROLLBACK; statements after it see every
            // write committed before, as the next SQLite writer would.
            auto locked = (*lease)->exec("SELECT pg_advisory_xact_lock($1)", {feedback_write_lock});
            if (!locked) return unexpected(std::move(locked).error());
        }
        return std::unique_ptr<FeedbackTransaction>(
            std::make_unique<PgFeedbackTransaction>(std::move(*lease), std::move(*tx)));
    }

private:
    std::shared_ptr<Pool> pool_;
};

}  // namespace

std::shared_ptr<FeedbackStore> make_feedback_store(std::shared_ptr<Pool> pool) {
    return std::make_shared<PgFeedbackStore>(std::move(pool));
}

}  // namespace mailwarden::store::pg
