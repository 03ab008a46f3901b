// SubscriberStore on SQLite: one connection behind a mutex, statements
// prepared once; calls that write more than one row run in one transaction.
#include <mailwarden/subscriber_store.hpp>

#include "common/hex.hpp"
#include "common/random_bytes.hpp"
#include "store/open_database.hpp"
#include "store/sqlite_db.hpp"
#include "store/statement_cache.hpp"
#include "store/stored_time.hpp"
#include "store/subscriber_rows.hpp"

#include <mutex>

namespace mailwarden {

SubscriberStore::~SubscriberStore() = default;

namespace {

using store::Database;
using store::Statement;
using store::StatementCache;
using store::Transaction;
using store::to_millis;
using store::read_list;
using store::read_subscriber;
using store::subscriber_select;

class SqliteSubscriberStore final : public SubscriberStore {
public:
    explicit SqliteSubscriberStore(Database db) : db_(std::move(db)), statements_(db_) {}

    Result<MailingList, Error> create_list(const MailingList& list) override {
        const std::lock_guard lock(mutex_);
        auto stmt = statements_.get("INSERT INTO mailing_lists (account, name, sender, created_at) VALUES (?1, ?2, ?3, ?4)");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, list.account).bind(2, list.name).bind(3, list.from).bind(4, to_millis(list.created_at));
        if (auto r = (*stmt)->run(); !r) return unexpected(std::move(r).error());
        MailingList made = list;
        made.id = sqlite3_last_insert_rowid(db_.handle());
        return made;
    }

    Result<std::optional<MailingList>, Error> find_list(std::string_view account, std::string_view name) override {
        const std::lock_guard lock(mutex_);
        return one_list("WHERE account = ?1 AND name = ?2", [&](Statement& s) { s.bind(1, account).bind(2, name); });
    }

    Result<std::optional<MailingList>, Error> find_list_by_id(std::int64_t id) override {
        const std::lock_guard lock(mutex_);
        return one_list("WHERE id = ?1", [&](Statement& s) { s.bind(1, id); });
    }

    Result<std::vector<MailingList>, Error> lists(std::string_view account) override {
        const std::lock_guard lock(mutex_);
        auto stmt = statements_.get(std::string(store::list_select) + "WHERE account = ?1 ORDER BY name");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, account);
        std::vector<MailingList> out;
        auto read = store::for_each_row(**stmt, [&](const Statement& r) { out.push_back(read_list(r)); });
        if (!read) return unexpected(std::move(read).error());
        return out;
    }

    Result<Subscriber, Error> save(const Subscriber& subscriber, const ConsentEntry& entry) override {
        const std::lock_guard lock(mutex_);
        auto tx = Transaction::begin(db_);
        if (!tx) return unexpected(std::move(tx).error());
        Subscriber saved = subscriber;
        auto stmt = statements_.get(
            subscriber.id == 0
                ? "INSERT INTO subscribers (list_id, address, fold_key, name, state, flags, created_at, updated_at, "
                  "confirmed_at, sends, opens, clicks, last_sent_at, last_engaged_at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
                : "UPDATE subscribers SET list_id = ?1, address = ?2, fold_key = ?3, name = ?4, state = ?5, "
                  "flags = ?6, created_at = ?7, updated_at = ?8, confirmed_at = ?9, sends = ?10, opens = ?11, "
                  "clicks = ?12, last_sent_at = ?13, last_engaged_at = ?14 WHERE id = ?15");
        if (!stmt) return unexpected(std::move(stmt).error());
        Statement& s = **stmt;
        s.bind(1, subscriber.list_id).bind(2, subscriber.address).bind(3, subscriber.fold_key);
        s.bind(4, subscriber.name).bind(5, static_cast<std::int64_t>(subscriber.state));
        s.bind(6, store::join_flags(subscriber.flags)).bind(7, to_millis(subscriber.created_at));
        s.bind(8, to_millis(subscriber.updated_at)).bind(9, to_millis(subscriber.confirmed_at));
        s.bind(10, subscriber.sends).bind(11, subscriber.opens).bind(12, subscriber.clicks);
        s.bind(13, to_millis(subscriber.last_sent_at)).bind(14, to_millis(subscriber.last_engaged_at));
        if (subscriber.id != 0) s.bind(15, subscriber.id);
        if (auto r = s.run(); !r) return unexpected(std::move(r).error());
        if (subscriber.id == 0) {
            saved.id = sqlite3_last_insert_rowid(db_.handle());
        } else if (db_.changes() == 0) {
            return unexpected(Error(errc::not_found, "no subscriber " + std::to_string(subscriber.id)));
        }
        if (auto r = append_consent(saved.id, entry); !r) return unexpected(std::move(r).error());
        if (auto r = tx->commit(); !r) return unexpected(std::move(r).error());
        return saved;
    }

    Result<std::optional<Subscriber>, Error> find(std::int64_t list_id, std::string_view fold_key) override {
        const std::lock_guard lock(mutex_);
        return one_subscriber("WHERE list_id = ?1 AND fold_key = ?2",
                              [&](Statement& s) { s.bind(1, list_id).bind(2, fold_key); });
    }

    Result<std::optional<Subscriber>, Error> find_by_id(std::int64_t id) override {
        const std::lock_guard lock(mutex_);
        return one_subscriber("WHERE id = ?1", [&](Statement& s) { s.bind(1, id); });
    }

    Result<std::vector<Subscriber>, Error> subscribers(std::int64_t list_id, std::optional<SubscriberState> state,
                                                       std::int64_t after, std::size_t limit) override {
        const std::lock_guard lock(mutex_);
        auto stmt = statements_.get(std::string(subscriber_select) +
                                    "WHERE list_id = ?1 AND (?2 < 0 OR state = ?2) AND id > ?3 ORDER BY id LIMIT ?4");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, list_id).bind(2, state ? static_cast<std::int64_t>(*state) : std::int64_t{-1});
        (*stmt)->bind(3, after).bind(4, static_cast<std::int64_t>(limit));
        std::vector<Subscriber> out;
        auto read = store::for_each_row(**stmt, [&](const Statement& r) { out.push_back(read_subscriber(r)); });
        if (!read) return unexpected(std::move(read).error());
        return out;
    }

    Result<std::vector<std::int64_t>, Error> counts(std::int64_t list_id) override {
        const std::lock_guard lock(mutex_);
        auto stmt = statements_.get("SELECT state, count(*) FROM subscribers WHERE list_id = ?1 GROUP BY state");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, list_id);
        store::StateCounts out;
        auto read = store::for_each_row(**stmt, [&](const Statement& r) { out.add(r); });
        if (!read) return unexpected(std::move(read).error());
        return std::move(out).take();
    }

    Result<std::vector<ConsentEntry>, Error> consent_log(std::int64_t subscriber_id) override {
        const std::lock_guard lock(mutex_);
        auto stmt = statements_.get(std::string(store::consent_select) + "WHERE subscriber_id = ?1 ORDER BY seq");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, subscriber_id);
        std::vector<ConsentEntry> out;
        auto read = store::for_each_row(**stmt, [&](const Statement& r) { out.push_back(store::read_consent(r)); });
        if (!read) return unexpected(std::move(read).error());
        return out;
    }

    Result<Done, Error> put_token(const StoredToken& token) override {
        const std::lock_guard lock(mutex_);
        auto tx = Transaction::begin(db_);
        if (!tx) return unexpected(std::move(tx).error());
        auto old = statements_.get("DELETE FROM list_tokens WHERE subscriber_id = ?1 AND purpose = ?2");
        if (!old) return unexpected(std::move(old).error());
        (*old)->bind(1, token.subscriber_id).bind(2, token.purpose);
        if (auto r = (*old)->run(); !r) return r;
        auto stmt = statements_.get(
            "INSERT INTO list_tokens (hash, purpose, subscriber_id, expires_at, used_at) VALUES (?1, ?2, ?3, ?4, ?5)");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, token.hash).bind(2, token.purpose).bind(3, token.subscriber_id);
        (*stmt)->bind(4, to_millis(token.expires_at)).bind(5, to_millis(token.used_at));
        if (auto r = (*stmt)->run(); !r) return r;
        return tx->commit();
    }

    Result<std::optional<StoredToken>, Error> find_token(std::string_view hash) override {
        const std::lock_guard lock(mutex_);
        auto stmt = statements_.get(std::string(store::token_select) + "WHERE hash = ?1");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, hash);
        auto row = (*stmt)->step();
        if (!row) return unexpected(std::move(row).error());
        if (!*row) return std::optional<StoredToken>();
        auto t = store::read_token(**stmt);
        (*stmt)->reset();
        return std::optional<StoredToken>(std::move(t));
    }

    Result<bool, Error> use_token(std::string_view hash, TimePoint at) override {
        const std::lock_guard lock(mutex_);
        auto stmt = statements_.get("UPDATE list_tokens SET used_at = ?2 WHERE hash = ?1 AND used_at IS NULL");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, hash).bind(2, to_millis(at));
        if (auto r = (*stmt)->run(); !r) return unexpected(std::move(r).error());
        return db_.changes() > 0;
    }

    Result<Done, Error> purge(std::int64_t subscriber_id, std::int64_t list_id, const Tombstone& tombstone) override {
        const std::lock_guard lock(mutex_);
        auto tx = Transaction::begin(db_);
        if (!tx) return unexpected(std::move(tx).error());
        auto stmt = statements_.get("DELETE FROM subscribers WHERE id = ?1");  // log and tokens cascade
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, subscriber_id);
        if (auto r = (*stmt)->run(); !r) return r;
        if (auto r = write_tombstone(list_id, tombstone); !r) return r;
        return tx->commit();
    }

    Result<Done, Error> put_tombstone(std::int64_t list_id, const Tombstone& tombstone) override {
        const std::lock_guard lock(mutex_);
        return write_tombstone(list_id, tombstone);
    }

    Result<std::optional<Tombstone>, Error> find_tombstone(std::int64_t list_id, std::string_view hash) override {
        const std::lock_guard lock(mutex_);
        auto stmt = statements_.get(std::string(store::tombstone_select) + "WHERE list_id = ?1 AND hash = ?2");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, list_id).bind(2, hash);
        auto row = (*stmt)->step();
        if (!row) return unexpected(std::move(row).error());
        if (!*row) return std::optional<Tombstone>();
        auto t = store::read_tombstone(**stmt);
        (*stmt)->reset();
        return std::optional<Tombstone>(std::move(t));
    }

    Result<std::int64_t, Error> count_tombstones(std::int64_t list_id, std::string_view reason) override {
        const std::lock_guard lock(mutex_);
        auto stmt = statements_.get("SELECT count(*) FROM list_tombstones WHERE list_id = ?1 AND reason = ?2");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, list_id).bind(2, reason);
        auto row = (*stmt)->step();
        if (!row) return unexpected(std::move(row).error());
        const auto n = (*stmt)->integer(0);
        (*stmt)->reset();
        return n;
    }

    Result<Done, Error> record(std::int64_t subscriber_id, Engagement what, TimePoint at) override {
        const std::lock_guard lock(mutex_);
        auto stmt = statements_.get(std::string(store::engagement_update(what)) + "?2 WHERE id = ?1");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, subscriber_id).bind(2, to_millis(at));
        return (*stmt)->run();
    }

    Result<std::string, Error> signing_key() override {
        const std::lock_guard lock(mutex_);
        // INSERT OR IGNORE then read: of processes racing to make the key,
        // the first one's is the key of all.
        auto put = statements_.get("INSERT OR IGNORE INTO list_keys (name, value) VALUES ('unsubscribe', ?1)");
        if (!put) return unexpected(std::move(put).error());
        (*put)->bind(1, common::hex_lower(common::random_bytes(32)));
        if (auto r = (*put)->run(); !r) return unexpected(std::move(r).error());
        auto get = statements_.get("SELECT value FROM list_keys WHERE name = 'unsubscribe'");
        if (!get) return unexpected(std::move(get).error());
        auto row = (*get)->step();
        if (!row) return unexpected(std::move(row).error());
        std::string key = (*get)->text(0);
        (*get)->reset();
        return key;
    }

private:
    Result<Done, Error> append_consent(std::int64_t subscriber_id, const ConsentEntry& e) {
        auto stmt = statements_.get(
            "INSERT INTO consent_log (subscriber_id, seq, at, action, source, ip, user_agent, notice_text, "
            "notice_version, detail) SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 "
            "FROM consent_log WHERE subscriber_id = ?1");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, subscriber_id).bind(2, to_millis(e.at)).bind(3, e.action).bind(4, e.source).bind(5, e.ip);
        (*stmt)->bind(6, e.user_agent).bind(7, e.notice_text).bind(8, e.notice_version).bind(9, e.detail);
        return (*stmt)->run();
    }

    Result<Done, Error> write_tombstone(std::int64_t list_id, const Tombstone& t) {
        auto stmt = statements_.get("INSERT OR REPLACE INTO list_tombstones (list_id, hash, reason, at) VALUES (?1, ?2, ?3, ?4)");
        if (!stmt) return unexpected(std::move(stmt).error());
        (*stmt)->bind(1, list_id).bind(2, t.hash).bind(3, t.reason).bind(4, to_millis(t.at));
        return (*stmt)->run();
    }

    template <class Bind>
    Result<std::optional<MailingList>, Error> one_list(std::string_view where, Bind&& bind) {
        auto stmt = statements_.get(std::string(store::list_select) + std::string(where));
        if (!stmt) return unexpected(std::move(stmt).error());
        bind(**stmt);
        auto row = (*stmt)->step();
        if (!row) return unexpected(std::move(row).error());
        if (!*row) return std::optional<MailingList>();
        auto list = read_list(**stmt);
        (*stmt)->reset();
        return std::optional<MailingList>(std::move(list));
    }

    template <class Bind>
    Result<std::optional<Subscriber>, Error> one_subscriber(std::string_view where, Bind&& bind) {
        auto stmt = statements_.get(std::string(subscriber_select) + std::string(where));
        if (!stmt) return unexpected(std::move(stmt).error());
        bind(**stmt);
        auto row = (*stmt)->step();
        if (!row) return unexpected(std::move(row).error());
        if (!*row) return std::optional<Subscriber>();
        auto s = read_subscriber(**stmt);
        (*stmt)->reset();
        return std::optional<Subscriber>(std::move(s));
    }

    std::mutex mutex_;
    Database db_;
    StatementCache statements_;
};

}  // namespace

Result<std::shared_ptr<SubscriberStore>, Error> open_sqlite_subscriber_store(const std::string& path,
                                                                             SqliteSubscriberStoreOptions options) {
    auto db = store::open_database(path, options.busy_timeout);
    if (!db) return unexpected(std::move(db).error());
    return std::shared_ptr<SubscriberStore>(std::make_shared<SqliteSubscriberStore>(std::move(*db)));
}

}  // namespace mailwarden
