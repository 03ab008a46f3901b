// SenderStore on PostgreSQL: every call leases a pooled connection, so any
// number of threads and processes share the database; calls of several
// statements run in one transaction. Concurrent inserts of one sender meet
// at the unique keys, concurrent updates at the version, as in SQLite.
#include "store/pg/pg_stores.hpp"

#include "store/sender_rows.hpp"
#include "store/stored_time.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>

namespace mailwarden::store::pg {

namespace {

const std::string select_senders = "SELECT " + std::string(sender_columns) + " FROM senders";

// A text[] literal of the ids, for `= ANY($1::text[])`.
std::string text_array(const std::vector<Sender>& senders) {
    std::string out = "{";
    for (const auto& s : senders) {
        if (out.size() > 1) out.push_back(',');
        out.push_back('"');
        for (const char c : s.id) {
            if (c == '"' || c == '\\') out.push_back('\\');
            out.push_back(c);
        }
        out.push_back('"');
    }
    out.push_back('}');
    return out;
}

class PgSenderStore final : public SenderStore {
public:
    explicit PgSenderStore(std::shared_ptr<Pool> pool) : pool_(std::move(pool)) {}

    Result<Done, Error> insert(const Sender& sender) override {
        return in_transaction(*pool_, [&](Connection& c) -> Result<Done, Error> {
            const auto f = fields(sender);
            auto r = c.exec("INSERT INTO senders (" + std::string(sender_columns) +
                                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 0)",
                            {f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13]});
            if (!r) {
                if (r.error().code == errc::already_exists)
                    return unexpected(Error(errc::already_exists, "a sender " + sender.address +
                                                                      " already exists in account " + sender.account));
                return unexpected(std::move(r).error());
            }
            return append_history(c, sender, 0);
        });
    }

    Result<Sender, Error> update(const Sender& sender) override {
        return in_transaction(*pool_, [&](Connection& c) -> Result<Sender, Error> {
            const auto f = fields(sender);
            auto r = c.exec(
                "UPDATE senders SET id = $1, account = $2, type = $3, address = $4, alias = $5, state = $6, "
                "created_at = $7, requested_at = $8, expires_at = $9, verified_at = $10, failed_at = $11, "
                "last_checked_at = $12, failure_reason = $13, warnings = $14, version = version + 1 "
                "WHERE id = $1 AND version = $15",
                {f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13],
                 sender.version});
            if (!r) return unexpected(std::move(r).error());
            if (r->affected() == 0) {
                auto current = c.exec("SELECT 1 FROM senders WHERE id = $1", {sender.id});
                if (!current) return unexpected(std::move(current).error());
                if (current->size() == 0)
                    return unexpected(Error(errc::not_found, "sender " + sender.address + " no longer exists"));
                return unexpected(
                    Error(errc::already_exists, "sender " + sender.address + " was changed concurrently"));
            }
            auto stored = c.exec("SELECT count(*) FROM sender_history WHERE sender_id = $1", {sender.id});
            if (!stored) return unexpected(std::move(stored).error());
            if (auto h = append_history(c, sender, static_cast<std::size_t>(stored->integer(0, 0))); !h)
                return unexpected(std::move(h).error());
            Sender saved = sender;
            saved.version = sender.version + 1;
            return saved;
        });
    }

    Result<std::optional<Sender>, Error> find(std::string_view account, std::string_view address) override {
        return in_transaction(*pool_, [&](Connection& c) -> Result<std::optional<Sender>, Error> {
            auto found =
                read_all(c, c.exec(select_senders + " WHERE account = $1 AND address = $2", {account, address}));
            if (!found) return unexpected(std::move(found).error());
            if (found->empty()) return std::optional<Sender>();
            return std::optional<Sender>(std::move(found->front()));
        });
    }

    Result<std::vector<Sender>, Error> find_in_all_accounts(std::string_view address) override {
        return in_transaction(*pool_, [&](Connection& c) {
            return read_all(c, c.exec(select_senders + " WHERE address = $1 ORDER BY created_at, seq", {address}));
        });
    }

    Result<std::vector<Sender>, Error> list(std::string_view account,
                                            std::optional<VerificationState> state) override {
        return in_transaction(*pool_, [&](Connection& c) {
            // seq: insertion order within one instant (SQLite's rowid)
            return read_all(c, c.exec(select_senders +
                                          " WHERE ($1 = '' OR account = $1) AND ($2 < 0 OR state = $2)"
                                          " ORDER BY created_at, seq",
                                      {account, state ? state_number(*state) : std::int64_t{-1}}));
        });
    }

    Result<std::vector<Sender>, Error> due_for_refresh(TimePoint recheck_before, std::size_t limit,
                                                       std::string_view after_id) override {
        const auto max = static_cast<std::size_t>(INT64_MAX);
        // COLLATE "C": pages in bytewise order, as SQLite's, not the database's collation.
        return in_transaction(*pool_, [&](Connection& c) {
            return read_all(c, c.exec(select_senders +
                                          " WHERE id COLLATE \"C\" > $1 AND (state = $2 OR (state = $3 AND"
                                          " (last_checked_at IS NULL OR last_checked_at < $4)))"
                                          " ORDER BY id COLLATE \"C\" LIMIT $5",
                                      {after_id, state_number(VerificationState::pending),
                                       state_number(VerificationState::success), to_millis(recheck_before),
                                       static_cast<std::int64_t>(std::min(limit, max))}));
        });
    }

    Result<Done, Error> remove(std::string_view id) override {
        auto lease = pool_->acquire();
        if (!lease) return unexpected(std::move(lease).error());
        auto r = (*lease)->exec("DELETE FROM senders WHERE id = $1", {id});  // history goes by ON DELETE CASCADE
        if (!r) return unexpected(std::move(r).error());
        if (r->affected() == 0) return unexpected(Error(errc::not_found, "no sender with that id"));
        return Done{};
    }

private:
    // $1..$14 of the INSERT and the UPDATE.
    static std::array<Param, 14> fields(const Sender& s) {
        return {s.id,
                s.account,
                s.type,
                s.address,
                s.alias,
                state_number(s.state),
                to_millis(s.created_at),
                to_millis(s.requested_at),
                to_millis(s.expires_at),
                to_millis(s.verified_at),
                to_millis(s.failed_at),
                to_millis(s.last_checked_at),
                s.failure_reason,
                join_lines(s.warnings)};
    }

    static Result<Done, Error> append_history(Connection& c, const Sender& s, std::size_t stored) {
        for (std::size_t i = stored; i < s.history.size(); ++i) {
            const auto& h = s.history[i];
            auto r = c.exec(
                "INSERT INTO sender_history (sender_id, seq, at, from_state, to_state, event, reason)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7)",
                {s.id, static_cast<std::int64_t>(i), to_millis(h.at), state_number(h.from), state_number(h.to),
                 h.event, h.reason});
            if (!r) return unexpected(std::move(r).error());
        }
        return Done{};
    }

    // The senders of `rows` with their histories, read by one more query.
    static Result<std::vector<Sender>, Error> read_all(Connection& c, Result<Rows, Error> rows) {
        if (!rows) return unexpected(std::move(rows).error());
        std::vector<Sender> out;
        out.reserve(static_cast<std::size_t>(rows->size()));
        for (int i = 0; i < rows->size(); ++i) out.push_back(read_sender(rows->row(i)));
        if (out.empty()) return out;
        auto history = c.exec("SELECT sender_id, " + std::string(history_columns) +
                                  " FROM sender_history WHERE sender_id = ANY($1::text[]) ORDER BY sender_id, seq",
                              {text_array(out)});
        if (!history) return unexpected(std::move(history).error());
        std::unordered_map<std::string, Sender*> by_id;
        for (auto& s : out) by_id.emplace(s.id, &s);
        for (int i = 0; i < history->size(); ++i) {
            const auto row = history->row(i);
            by_id.at(row.text(0))->history.push_back(read_history(row, 1));
        }
        return out;
    }

    std::shared_ptr<Pool> pool_;
};

}  // namespace

std::shared_ptr<SenderStore> make_sender_store(std::shared_ptr<Pool> pool) {
    return std::make_shared<PgSenderStore>(std::move(pool));
}

}  // namespace mailwarden::store::pg
