// SubscriberStore conformance: every method behaves the same on SQLite and
// PostgreSQL, and races between instances (processes) have one outcome.
#include "store_backends.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

using namespace mailwarden;
using mailwarden::test::Backend;
using mailwarden::test::for_each_backend;

namespace {

TimePoint at_ms(std::int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }

MailingList make_list(SubscriberStore& store, const std::string& name = "news") {
    auto list = store.create_list({0, "acct", name, "news@example.org", at_ms(1'700'000'000'000)});
    REQUIRE_MESSAGE(list.has_value(), list.error().message);
    return *list;
}

Subscriber new_subscriber(std::int64_t list_id, const std::string& local) {
    Subscriber s;
    s.list_id = list_id;
    s.address = local + "@Example.org";
    s.fold_key = local + "@example.org";
    s.name = "Name " + local;
    s.created_at = at_ms(1'700'000'000'001);
    s.updated_at = at_ms(1'700'000'000'002);
    return s;
}

ConsentEntry entry(const std::string& action, std::int64_t ms = 1'700'000'000'003) {
    return {at_ms(ms), action, "form", "192.0.2.1", "agent/1", "We mail monthly.", "v2", "detail " + action};
}

Subscriber saved(SubscriberStore& store, const Subscriber& s, const std::string& action = "subscribe") {
    auto r = store.save(s, entry(action));
    REQUIRE_MESSAGE(r.has_value(), r.error().message);
    return *r;
}

void check_same(const Subscriber& a, const Subscriber& b) {
    CHECK(a.id == b.id);
    CHECK(a.list_id == b.list_id);
    CHECK(a.address == b.address);
    CHECK(a.fold_key == b.fold_key);
    CHECK(a.name == b.name);
    CHECK(a.state == b.state);
    CHECK(a.flags == b.flags);
    CHECK(a.created_at == b.created_at);
    CHECK(a.updated_at == b.updated_at);
    CHECK(a.confirmed_at == b.confirmed_at);
    CHECK(a.sends == b.sends);
    CHECK(a.opens == b.opens);
    CHECK(a.clicks == b.clicks);
    CHECK(a.last_sent_at == b.last_sent_at);
    CHECK(a.last_engaged_at == b.last_engaged_at);
}

// Runs `work(i)` on `n` threads released together.
template <class Work>
void at_once(int n, Work&& work) {
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i)
        threads.emplace_back([&, i] {
            ++ready;
            while (ready.load() < n) std::this_thread::yield();
            work(i);
        });
    for (auto& t : threads) t.join();
}

// `n` separate instances of the backend's location, as `n` processes.
std::vector<Stores> instances(const Backend& backend, int n) {
    std::vector<Stores> out;
    for (int i = 0; i < n; ++i) {
        auto stores = open_stores(backend.location);
        REQUIRE_MESSAGE(stores.has_value(), stores.error().message);
        out.push_back(std::move(*stores));
    }
    return out;
}

constexpr int racers = 8;

}  // namespace

TEST_CASE("subscriber store: lists are unique per account and found by name and id") {
    for_each_backend([](const Backend&, Stores& stores) {
        auto& store = *stores.subscribers;
        const auto news = make_list(store, "news");
        CHECK(news.id != 0);
        CHECK(news.from == "news@example.org");
        const auto alerts = make_list(store, "alerts");
        CHECK(alerts.id != news.id);

        auto again = store.create_list({0, "acct", "news", "other@example.org", at_ms(1)});
        REQUIRE_FALSE(again.has_value());
        CHECK(again.error().kind() == errc::already_exists);
        auto elsewhere = store.create_list({0, "other", "news", "news@example.org", at_ms(1)});
        CHECK(elsewhere.has_value());

        auto found = store.find_list("acct", "news");
        REQUIRE(found.has_value());
        REQUIRE(found->has_value());
        CHECK((*found)->id == news.id);
        CHECK((*found)->account == "acct");
        CHECK((*found)->name == "news");
        CHECK((*found)->from == "news@example.org");
        CHECK((*found)->created_at == news.created_at);
        auto by_id = store.find_list_by_id(alerts.id);
        REQUIRE(by_id.has_value());
        REQUIRE(by_id->has_value());
        CHECK((*by_id)->name == "alerts");
        CHECK_FALSE(store.find_list("acct", "missing")->has_value());
        CHECK_FALSE(store.find_list_by_id(news.id + 1000)->has_value());

        auto all = store.lists("acct");
        REQUIRE(all.has_value());
        REQUIRE(all->size() == 2);
        CHECK((*all)[0].name == "alerts");
        CHECK((*all)[1].name == "news");
        CHECK(store.lists("nobody")->empty());
    });
}

TEST_CASE("subscriber store: a subscriber round-trips every field; fold keys are unique per list") {
    for_each_backend([](const Backend&, Stores& stores) {
        auto& store = *stores.subscribers;
        const auto list = make_list(store);
        auto plain = saved(store, new_subscriber(list.id, "plain"));
        CHECK(plain.id != 0);
        auto found_plain = store.find_by_id(plain.id);
        REQUIRE(found_plain.has_value());
        REQUIRE(found_plain->has_value());
        check_same(**found_plain, plain);  // every optional time unset, no flags

        Subscriber full = new_subscriber(list.id, "full");
        full.state = SubscriberState::confirmed;
        full.flags = {"free_provider", "implicit_mx", "dns_unknown"};
        full.confirmed_at = at_ms(1'700'000'000'010);
        full.sends = 3;
        full.opens = 2;
        full.clicks = 1;
        full.last_sent_at = at_ms(1'700'000'000'020);
        full.last_engaged_at = at_ms(1'700'000'000'030);
        full = saved(store, full);
        auto found = store.find(list.id, "full@example.org");
        REQUIRE(found.has_value());
        REQUIRE(found->has_value());
        check_same(**found, full);

        full.state = SubscriberState::unsubscribed;
        full.flags = {"dns_unknown"};
        full.name = "Renamed";
        full.confirmed_at.reset();
        full.updated_at = at_ms(1'700'000'000'040);
        const auto updated = saved(store, full, "unsubscribe");
        CHECK(updated.id == full.id);
        check_same(**store.find_by_id(full.id), full);

        auto twin = store.save(new_subscriber(list.id, "full"), entry("import"));
        REQUIRE_FALSE(twin.has_value());
        CHECK(twin.error().kind() == errc::already_exists);
        CHECK(store.consent_log(full.id)->size() == 2);  // the refused save logged nothing

        const auto other = make_list(store, "other");
        CHECK(store.save(new_subscriber(other.id, "full"), entry("import")).has_value());

        Subscriber ghost = new_subscriber(list.id, "ghost");
        ghost.id = full.id + 1000;
        auto missing = store.save(ghost, entry("import"));
        REQUIRE_FALSE(missing.has_value());
        CHECK(missing.error().kind() == errc::not_found);

        CHECK_FALSE(store.find(list.id, "nobody@example.org")->has_value());
        CHECK_FALSE(store.find_by_id(full.id + 1000)->has_value());
    });
}

TEST_CASE("subscriber store: subscribers page by id, filter by state, and are counted per state") {
    for_each_backend([](const Backend&, Stores& stores) {
        auto& store = *stores.subscribers;
        const auto list = make_list(store);
        const auto other = make_list(store, "other");
        std::vector<std::int64_t> ids;
        for (int i = 0; i < 7; ++i) {
            auto s = new_subscriber(list.id, "s" + std::to_string(i));
            s.state = i % 2 == 0 ? SubscriberState::confirmed : SubscriberState::pending;
            ids.push_back(saved(store, s).id);
        }
        saved(store, new_subscriber(other.id, "elsewhere"));

        std::vector<std::int64_t> paged;
        std::int64_t after = 0;
        for (;;) {
            auto page = store.subscribers(list.id, std::nullopt, after, 3);
            REQUIRE(page.has_value());
            CHECK(page->size() <= 3);
            if (page->empty()) break;
            for (const auto& s : *page) paged.push_back(s.id);
            after = page->back().id;
        }
        CHECK(paged == ids);

        auto confirmed = store.subscribers(list.id, SubscriberState::confirmed);
        REQUIRE(confirmed.has_value());
        REQUIRE(confirmed->size() == 4);
        for (const auto& s : *confirmed) CHECK(s.state == SubscriberState::confirmed);
        auto confirmed_after = store.subscribers(list.id, SubscriberState::confirmed, ids[2], 1);
        REQUIRE(confirmed_after.has_value());
        REQUIRE(confirmed_after->size() == 1);
        CHECK((*confirmed_after)[0].id == ids[4]);
        CHECK(store.subscribers(list.id, SubscriberState::bounced)->empty());

        auto counts = store.counts(list.id);
        REQUIRE(counts.has_value());
        CHECK(*counts == std::vector<std::int64_t>{3, 4, 0, 0, 0, 0});
        CHECK(*store.counts(other.id + 1000) == std::vector<std::int64_t>(6, 0));
    });
}

TEST_CASE("subscriber store: the consent log keeps every entry, oldest first") {
    for_each_backend([](const Backend&, Stores& stores) {
        auto& store = *stores.subscribers;
        const auto list = make_list(store);
        auto s = saved(store, new_subscriber(list.id, "log"));
        const auto other = saved(store, new_subscriber(list.id, "other"));
        // Later entries with earlier times: the order is that of saving.
        REQUIRE(store.save(s, entry("confirm", 1'600'000'000'000)).has_value());
        REQUIRE(store.save(s, entry("unsubscribe", 1'500'000'000'000)).has_value());

        auto log = store.consent_log(s.id);
        REQUIRE(log.has_value());
        REQUIRE(log->size() == 3);
        CHECK((*log)[0].action == "subscribe");
        CHECK((*log)[1].action == "confirm");
        CHECK((*log)[2].action == "unsubscribe");
        const auto& e = (*log)[1];
        CHECK(e.at == at_ms(1'600'000'000'000));
        CHECK(e.source == "form");
        CHECK(e.ip == "192.0.2.1");
        CHECK(e.user_agent == "agent/1");
        CHECK(e.notice_text == "We mail monthly.");
        CHECK(e.notice_version == "v2");
        CHECK(e.detail == "detail confirm");
        CHECK(store.consent_log(other.id)->size() == 1);
        CHECK(store.consent_log(other.id + 1000)->empty());
    });
}

TEST_CASE("subscriber store: a new token replaces the subscriber's earlier one; a token is used once") {
    for_each_backend([](const Backend&, Stores& stores) {
        auto& store = *stores.subscribers;
        const auto list = make_list(store);
        const auto s = saved(store, new_subscriber(list.id, "tok"));
        REQUIRE(store.put_token({"aa01", "confirm", s.id, at_ms(1'700'000'100'000), std::nullopt}).has_value());
        REQUIRE(store.put_token({"bb02", "other", s.id, at_ms(1'700'000'200'000), at_ms(1'700'000'000'500)})
                    .has_value());

        auto first = store.find_token("aa01");
        REQUIRE(first.has_value());
        REQUIRE(first->has_value());
        CHECK((*first)->purpose == "confirm");
        CHECK((*first)->subscriber_id == s.id);
        CHECK((*first)->expires_at == at_ms(1'700'000'100'000));
        CHECK_FALSE((*first)->used_at.has_value());

        REQUIRE(store.put_token({"cc03", "confirm", s.id, at_ms(1'700'000'300'000), std::nullopt}).has_value());
        CHECK_FALSE(store.find_token("aa01")->has_value());  // replaced
        auto kept = store.find_token("bb02");               // another purpose stays
        REQUIRE(kept->has_value());
        CHECK((*kept)->used_at == at_ms(1'700'000'000'500));

        CHECK(store.use_token("cc03", at_ms(1'700'000'000'900)).value());
        CHECK_FALSE(store.use_token("cc03", at_ms(1'700'000'000'901)).value());
        CHECK((*store.find_token("cc03"))->used_at == at_ms(1'700'000'000'900));
        CHECK_FALSE(store.use_token("aa01", at_ms(1'700'000'000'900)).value());
        CHECK_FALSE(store.use_token("bb02", at_ms(1'700'000'000'900)).value());
        CHECK_FALSE(store.find_token("dd04")->has_value());
    });
}

TEST_CASE("subscriber store: a purge leaves only the tombstone; tombstones are refreshed and counted") {
    for_each_backend([](const Backend&, Stores& stores) {
        auto& store = *stores.subscribers;
        const auto list = make_list(store);
        const auto s = saved(store, new_subscriber(list.id, "gone"));
        const auto stays = saved(store, new_subscriber(list.id, "stays"));
        REQUIRE(store.put_token({"ee05", "confirm", s.id, at_ms(1'700'000'100'000), std::nullopt}).has_value());

        REQUIRE(store.purge(s.id, list.id, {"h1", "purged", at_ms(1'700'000'000'700)}).has_value());
        CHECK_FALSE(store.find_by_id(s.id)->has_value());
        CHECK(store.consent_log(s.id)->empty());
        CHECK_FALSE(store.find_token("ee05")->has_value());
        CHECK(store.find_by_id(stays.id)->has_value());
        auto stone = store.find_tombstone(list.id, "h1");
        REQUIRE(stone.has_value());
        REQUIRE(stone->has_value());
        CHECK((*stone)->hash == "h1");
        CHECK((*stone)->reason == "purged");
        CHECK((*stone)->at == at_ms(1'700'000'000'700));

        REQUIRE(store.put_tombstone(list.id, {"h2", "unsubscribed", at_ms(1'700'000'000'800)}).has_value());
        REQUIRE(store.put_tombstone(list.id, {"h3", "unsubscribed", at_ms(1'700'000'000'800)}).has_value());
        CHECK(store.count_tombstones(list.id, "unsubscribed").value() == 2);
        CHECK(store.count_tombstones(list.id, "purged").value() == 1);
        REQUIRE(store.put_tombstone(list.id, {"h2", "bounced", at_ms(1'700'000'000'900)}).has_value());
        auto refreshed = store.find_tombstone(list.id, "h2");
        REQUIRE(refreshed->has_value());
        CHECK((*refreshed)->reason == "bounced");
        CHECK((*refreshed)->at == at_ms(1'700'000'000'900));
        CHECK(store.count_tombstones(list.id, "unsubscribed").value() == 1);
        CHECK_FALSE(store.find_tombstone(list.id + 1000, "h1")->has_value());
        CHECK_FALSE(store.find_tombstone(list.id, "nope")->has_value());
    });
}

TEST_CASE("subscriber store: engagements are counted with their times") {
    for_each_backend([](const Backend&, Stores& stores) {
        auto& store = *stores.subscribers;
        const auto list = make_list(store);
        const auto s = saved(store, new_subscriber(list.id, "engaged"));
        using E = SubscriberStore::Engagement;
        REQUIRE(store.record(s.id, E::sent, at_ms(1'700'000'001'000)).has_value());
        REQUIRE(store.record(s.id, E::sent, at_ms(1'700'000'002'000)).has_value());
        REQUIRE(store.record(s.id, E::opened, at_ms(1'700'000'003'000)).has_value());
        REQUIRE(store.record(s.id, E::clicked, at_ms(1'700'000'004'000)).has_value());
        auto after = store.find_by_id(s.id);
        REQUIRE(after->has_value());
        CHECK((*after)->sends == 2);
        CHECK((*after)->opens == 1);
        CHECK((*after)->clicks == 1);
        CHECK((*after)->last_sent_at == at_ms(1'700'000'002'000));
        CHECK((*after)->last_engaged_at == at_ms(1'700'000'004'000));
    });
}

TEST_CASE("subscriber store: the signing key is made once and kept across reopening") {
    for_each_backend([](const Backend& backend, Stores& stores) {
        auto key = stores.subscribers->signing_key();
        REQUIRE_MESSAGE(key.has_value(), key.error().message);
        CHECK(key->size() == 64);
        CHECK(stores.subscribers->signing_key().value() == *key);
        auto reopened = open_stores(backend.location);
        REQUIRE(reopened.has_value());
        CHECK(reopened->subscribers->signing_key().value() == *key);
    });
}

TEST_CASE("subscriber store: a confirmation token used from many instances at once is used once") {
    for_each_backend([](const Backend& backend, Stores& stores) {
        const auto list = make_list(*stores.subscribers);
        const auto s = saved(*stores.subscribers, new_subscriber(list.id, "double"));
        const StoredToken token{"ff06", "confirm", s.id, at_ms(1'800'000'000'000), std::nullopt};
        REQUIRE(stores.subscribers->put_token(token).has_value());
        auto many = instances(backend, racers);
        std::atomic<int> wins{0};
        std::atomic<int> failures{0};
        at_once(racers, [&](int i) {
            auto used = many[static_cast<std::size_t>(i)].subscribers->use_token("ff06", at_ms(1'700'000'000'000 + i));
            if (!used) ++failures;
            else if (*used) ++wins;
        });
        CHECK(failures.load() == 0);
        CHECK(wins.load() == 1);
    });
}

TEST_CASE("subscriber store: one subscriber saved as new from many instances at once is saved once") {
    for_each_backend([](const Backend& backend, Stores& stores) {
        const auto list = make_list(*stores.subscribers);
        auto many = instances(backend, racers);
        std::atomic<int> saves{0};
        std::atomic<int> refused{0};
        at_once(racers, [&](int i) {
            auto& store = *many[static_cast<std::size_t>(i)].subscribers;
            auto r = store.save(new_subscriber(list.id, "race"), entry("subscribe"));
            if (r) ++saves;
            else if (r.error().kind() == errc::already_exists) ++refused;
        });
        CHECK(saves.load() == 1);
        CHECK(refused.load() == racers - 1);
        auto found = stores.subscribers->find(list.id, "race@example.org");
        REQUIRE(found->has_value());
        CHECK(stores.subscribers->consent_log((*found)->id)->size() == 1);
    });
}

TEST_CASE("subscriber store: fresh instances asking for the signing key at once all get the same one") {
    for_each_backend([](const Backend& backend, Stores&) {
        auto many = instances(backend, racers);
        std::vector<std::string> keys(racers);
        at_once(racers, [&](int i) {
            const auto n = static_cast<std::size_t>(i);
            auto key = many[n].subscribers->signing_key();
            if (key) keys[n] = *key;
        });
        CHECK(keys[0].size() == 64);
        CHECK(std::all_of(keys.begin(), keys.end(), [&](const std::string& k) { return k == keys[0]; }));
    });
}

TEST_CASE("subscriber store: saves of one subscriber from many instances at once each log one entry") {
    for_each_backend([](const Backend& backend, Stores& stores) {
        const auto list = make_list(*stores.subscribers);
        const auto s = saved(*stores.subscribers, new_subscriber(list.id, "busy"));
        auto many = instances(backend, racers);
        std::atomic<int> saves{0};
        at_once(racers, [&](int i) {
            if (many[static_cast<std::size_t>(i)].subscribers->save(s, entry("resubscribe"))) ++saves;
        });
        CHECK(saves.load() == racers);
        auto log = stores.subscribers->consent_log(s.id);
        REQUIRE(log.has_value());
        CHECK(log->size() == racers + 1);
    });
}
