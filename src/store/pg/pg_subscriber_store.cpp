// SubscriberStore on PostgreSQL: each call leases a pooled connection; calls
// writing more than one row run in one transaction. The server runs READ
// COMMITTED, so every read-then-write either is one statement or first locks
// the subscriber's row, which makes it safe across processes.
#include "store/pg/pg_stores.hpp"

#include "common/hex.hpp"
#include "common/random_bytes.hpp"
#include "store/stored_time.hpp"
#include "store/subscriber_rows.hpp"

namespace mailwarden::store::pg {

namespace {

constexpr std::string_view insert_subscriber =
    "INSERT INTO subscribers (list_id, address, fold_key, name, state, flags, created_at, updated_at, "
    "confirmed_at, sends, opens, clicks, last_sent_at, last_engaged_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id";
constexpr std::string_view update_subscriber =
    "UPDATE subscribers SET list_id = $1, address = $2, fold_key = $3, name = $4, state = $5, flags = $6, "
    "created_at = $7, updated_at = $8, confirmed_at = $9, sends = $10, opens = $11, clicks = $12, "
    "last_sent_at = $13, last_engaged_at = $14 WHERE id = $15 RETURNING id";

class PgSubscriberStore final : public SubscriberStore {
public:
    explicit PgSubscriberStore(std::shared_ptr<Pool> pool) : pool_(std::move(pool)) {}

    Result<MailingList, Error> create_list(const MailingList& list) override {
        auto rows = exec("INSERT INTO mailing_lists (account, name, sender, created_at) VALUES ($1, $2, $3, $4) "
                         "RETURNING id",
                         {list.account, list.name, list.from, to_millis(list.created_at)});
        if (!rows) return unexpected(std::move(rows).error());
        MailingList made = list;
        made.id = rows->integer(0, 0);
        return made;
    }

    Result<std::optional<MailingList>, Error> find_list(std::string_view account, std::string_view name) override {
        return one(read_list<Rows::Row>, std::string(list_select) + "WHERE account = $1 AND name = $2",
                   {account, name});
    }

    Result<std::optional<MailingList>, Error> find_list_by_id(std::int64_t id) override {
        return one(read_list<Rows::Row>, std::string(list_select) + "WHERE id = $1", {id});
    }

    Result<std::vector<MailingList>, Error> lists(std::string_view account) override {
        return all(read_list<Rows::Row>, std::string(list_select) + "WHERE account = $1 ORDER BY name", {account});
    }

    Result<Subscriber, Error> save(const Subscriber& subscriber, const ConsentEntry& entry) override {
        return in_transaction(*pool_, [&](Connection& c) -> Result<Subscriber, Error> {
            const Subscriber& x = subscriber;
            const std::string flags = join_flags(x.flags);
            const auto state = static_cast<std::int64_t>(x.state);
            // The UPDATE locks the subscriber's row until COMMIT, so concurrent
            // saves of one subscriber take their consent seq one after another.
            auto rows = x.id == 0
                            ? c.exec(insert_subscriber,
                                     {x.list_id, x.address, x.fold_key, x.name, state, flags, to_millis(x.created_at),
                                      to_millis(x.updated_at), to_millis(x.confirmed_at), x.sends, x.opens, x.clicks,
                                      to_millis(x.last_sent_at), to_millis(x.last_engaged_at)})
                            : c.exec(update_subscriber,
                                     {x.list_id, x.address, x.fold_key, x.name, state, flags, to_millis(x.created_at),
                                      to_millis(x.updated_at), to_millis(x.confirmed_at), x.sends, x.opens, x.clicks,
                                      to_millis(x.last_sent_at), to_millis(x.last_engaged_at), x.id});
            if (!rows) return unexpected(std::move(rows).error());
            if (rows->size() == 0) return unexpected(Error(errc::not_found, "no subscriber " + std::to_string(x.id)));
            Subscriber saved = x;
            saved.id = rows->integer(0, 0);
            auto logged = c.exec(
                "INSERT INTO consent_log (subscriber_id, seq, at, action, source, ip, user_agent, notice_text, "
                "notice_version, detail) SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9 "
                "FROM consent_log WHERE subscriber_id = $1",
                {saved.id, to_millis(entry.at), entry.action, entry.source, entry.ip, entry.user_agent,
                 entry.notice_text, entry.notice_version, entry.detail});
            if (!logged) return unexpected(std::move(logged).error());
            return saved;
        });
    }

    Result<std::optional<Subscriber>, Error> find(std::int64_t list_id, std::string_view fold_key) override {
        return one(read_subscriber<Rows::Row>, std::string(subscriber_select) + "WHERE list_id = $1 AND fold_key = $2",
                   {list_id, fold_key});
    }

    Result<std::optional<Subscriber>, Error> find_by_id(std::int64_t id) override {
        return one(read_subscriber<Rows::Row>, std::string(subscriber_select) + "WHERE id = $1", {id});
    }

    Result<std::vector<Subscriber>, Error> subscribers(std::int64_t list_id, std::optional<SubscriberState> state,
                                                       std::int64_t after, std::size_t limit) override {
        const auto wanted = state ? std::optional<std::int64_t>(static_cast<std::int64_t>(*state)) : std::nullopt;
        return all(read_subscriber<Rows::Row>,
                   std::string(subscriber_select) +
                       "WHERE list_id = $1 AND ($2::integer IS NULL OR state = $2::integer) AND id > $3 "
                       "ORDER BY id LIMIT $4",
                   {list_id, wanted, after, static_cast<std::int64_t>(limit)});
    }

    Result<std::vector<std::int64_t>, Error> counts(std::int64_t list_id) override {
        auto rows = exec("SELECT state, count(*) FROM subscribers WHERE list_id = $1 GROUP BY state", {list_id});
        if (!rows) return unexpected(std::move(rows).error());
        StateCounts out;
        for (int i = 0; i < rows->size(); ++i) out.add(rows->row(i));
        return std::move(out).take();
    }

    Result<std::vector<ConsentEntry>, Error> consent_log(std::int64_t subscriber_id) override {
        return all(read_consent<Rows::Row>, std::string(consent_select) + "WHERE subscriber_id = $1 ORDER BY seq",
                   {subscriber_id});
    }

    Result<Done, Error> put_token(const StoredToken& token) override {
        return in_transaction(*pool_, [&](Connection& c) -> Result<Done, Error> {
            // Locking the subscriber first: two concurrent puts would each
            // delete nothing and both insert, leaving two live tokens.
            auto locked = c.exec("SELECT id FROM subscribers WHERE id = $1 FOR UPDATE", {token.subscriber_id});
            if (!locked) return unexpected(std::move(locked).error());
            auto old = c.exec("DELETE FROM list_tokens WHERE subscriber_id = $1 AND purpose = $2",
                              {token.subscriber_id, token.purpose});
            if (!old) return unexpected(std::move(old).error());
            auto put = c.exec(
                "INSERT INTO list_tokens (hash, purpose, subscriber_id, expires_at, used_at) "
                "VALUES ($1, $2, $3, $4, $5)",
                {token.hash, token.purpose, token.subscriber_id, to_millis(token.expires_at),
                 to_millis(token.used_at)});
            if (!put) return unexpected(std::move(put).error());
            return Done{};
        });
    }

    Result<std::optional<StoredToken>, Error> find_token(std::string_view hash) override {
        return one(read_token<Rows::Row>, std::string(token_select) + "WHERE hash = $1", {hash});
    }

    Result<bool, Error> use_token(std::string_view hash, TimePoint at) override {
        // One conditional UPDATE: a concurrent use waits on the row, then
        // finds used_at set and changes nothing.
        auto rows =
            exec("UPDATE list_tokens SET used_at = $2 WHERE hash = $1 AND used_at IS NULL", {hash, to_millis(at)});
        if (!rows) return unexpected(std::move(rows).error());
        return rows->affected() > 0;
    }

    Result<Done, Error> purge(std::int64_t subscriber_id, std::int64_t list_id, const Tombstone& tombstone) override {
        return in_transaction(*pool_, [&](Connection& c) -> Result<Done, Error> {
            auto gone = c.exec("DELETE FROM subscribers WHERE id = $1", {subscriber_id});  // log and tokens cascade
            if (!gone) return unexpected(std::move(gone).error());
            return write_tombstone(c, list_id, tombstone);
        });
    }

    Result<Done, Error> put_tombstone(std::int64_t list_id, const Tombstone& tombstone) override {
        auto lease = pool_->acquire();
        if (!lease) return unexpected(std::move(lease).error());
        return write_tombstone(**lease, list_id, tombstone);
    }

    Result<std::optional<Tombstone>, Error> find_tombstone(std::int64_t list_id, std::string_view hash) override {
        return one(read_tombstone<Rows::Row>, std::string(tombstone_select) + "WHERE list_id = $1 AND hash = $2",
                   {list_id, hash});
    }

    Result<std::int64_t, Error> count_tombstones(std::int64_t list_id, std::string_view reason) override {
        auto rows = exec("SELECT count(*) FROM list_tombstones WHERE list_id = $1 AND reason = $2", {list_id, reason});
        if (!rows) return unexpected(std::move(rows).error());
        return rows->integer(0, 0);
    }

    Result<Done, Error> record(std::int64_t subscriber_id, Engagement what, TimePoint at) override {
        auto rows = exec(std::string(engagement_update(what)) + "$2 WHERE id = $1", {subscriber_id, to_millis(at)});
        if (!rows) return unexpected(std::move(rows).error());
        return Done{};
    }

    Result<std::string, Error> signing_key() override {
        auto lease = pool_->acquire();
        if (!lease) return unexpected(std::move(lease).error());
        // Insert-if-absent then read, as two statements: a racing insert waits
        // for the first one's commit and the read (a new snapshot) sees it.
        auto put = (*lease)->exec("INSERT INTO list_keys (name, value) VALUES ('unsubscribe', $1) "
                                  "ON CONFLICT DO NOTHING",
                                  {common::hex_lower(common::random_bytes(32))});
        if (!put) return unexpected(std::move(put).error());
        auto get = (*lease)->exec("SELECT value FROM list_keys WHERE name = 'unsubscribe'");
        if (!get) return unexpected(std::move(get).error());
        if (get->size() == 0) return unexpected(Error(errc::io, "the unsubscribe signing key vanished"));
        return get->text(0, 0);
    }

private:
    // A query's first row read by `read`, or none.
    template <class Read>
    auto one(Read&& read, std::string_view sql, std::initializer_list<Param> params)
        -> Result<std::optional<decltype(read(std::declval<Rows::Row>()))>, Error> {
        using Value = std::optional<decltype(read(std::declval<Rows::Row>()))>;
        auto rows = exec(sql, params);
        if (!rows) return unexpected(std::move(rows).error());
        if (rows->size() == 0) return Value();
        return Value(read(rows->row(0)));
    }

    // Every row of a query, read by `read`.
    template <class Read>
    auto all(Read&& read, std::string_view sql, std::initializer_list<Param> params)
        -> Result<std::vector<decltype(read(std::declval<Rows::Row>()))>, Error> {
        auto rows = exec(sql, params);
        if (!rows) return unexpected(std::move(rows).error());
        std::vector<decltype(read(std::declval<Rows::Row>()))> out;
        out.reserve(static_cast<std::size_t>(rows->size()));
        for (int i = 0; i < rows->size(); ++i) out.push_back(read(rows->row(i)));
        return out;
    }

    // One statement on a leased connection.
    Result<Rows, Error> exec(std::string_view sql, std::initializer_list<Param> params) {
        auto lease = pool_->acquire();
        if (!lease) return unexpected(std::move(lease).error());
        return (*lease)->exec(sql, params);
    }

    static Result<Done, Error> write_tombstone(Connection& c, std::int64_t list_id, const Tombstone& t) {
        auto rows = c.exec("INSERT INTO list_tombstones (list_id, hash, reason, at) VALUES ($1, $2, $3, $4) "
                           "ON CONFLICT (list_id, hash) DO UPDATE SET reason = EXCLUDED.reason, at = EXCLUDED.at",
                           {list_id, t.hash, t.reason, to_millis(t.at)});
        if (!rows) return unexpected(std::move(rows).error());
        return Done{};
    }

    std::shared_ptr<Pool> pool_;
};

}  // namespace

std::shared_ptr<SubscriberStore> make_subscriber_store(std::shared_ptr<Pool> pool) {
    return std::make_shared<PgSubscriberStore>(std::move(pool));
}

}  // namespace mailwarden::store::pg
