// SenderStore conformance: every method behaves the same on SQLite and on
// PostgreSQL, and one sender inserted by many instances at once is stored once.
#include "store_backends.hpp"
#include "store_instances.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <vector>

using namespace mailwarden;
using mailwarden::test::Backend;
using mailwarden::test::for_each_backend;

namespace {

// Stored times keep milliseconds: test times are whole milliseconds.
TimePoint at_ms(std::int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }

Sender make_sender(const std::string& id, const std::string& account, const std::string& address,
                   std::int64_t created_ms = 1'700'000'000'000) {
    Sender s;
    s.id = id;
    s.account = account;
    s.address = address;
    s.alias = "Alias of " + address;
    s.created_at = at_ms(created_ms);
    s.requested_at = at_ms(created_ms + 1);
    s.expires_at = at_ms(created_ms + 86'400'000);
    s.history.push_back({at_ms(created_ms), std::nullopt, VerificationState::pending, "Requested", ""});
    return s;
}

void check_same(const Sender& got, const Sender& want) {
    CHECK(got.id == want.id);
    CHECK(got.account == want.account);
    CHECK(got.type == want.type);
    CHECK(got.address == want.address);
    CHECK(got.alias == want.alias);
    CHECK(got.state == want.state);
    CHECK(got.created_at == want.created_at);
    CHECK(got.requested_at == want.requested_at);
    CHECK(got.expires_at == want.expires_at);
    CHECK(got.verified_at == want.verified_at);
    CHECK(got.failed_at == want.failed_at);
    CHECK(got.last_checked_at == want.last_checked_at);
    CHECK(got.failure_reason == want.failure_reason);
    CHECK(got.warnings == want.warnings);
    CHECK(got.version == want.version);
    REQUIRE(got.history.size() == want.history.size());
    for (std::size_t i = 0; i < want.history.size(); ++i) {
        CAPTURE(i);
        CHECK(got.history[i].at == want.history[i].at);
        CHECK(got.history[i].from == want.history[i].from);
        CHECK(got.history[i].to == want.history[i].to);
        CHECK(got.history[i].event == want.history[i].event);
        CHECK(got.history[i].reason == want.history[i].reason);
    }
}

std::vector<std::string> ids(const std::vector<Sender>& senders) {
    std::vector<std::string> out;
    for (const auto& s : senders) out.push_back(s.id);
    return out;
}

Sender stored(SenderStore& store, const std::string& account, const std::string& address) {
    auto found = store.find(account, address);
    REQUIRE_MESSAGE(found.has_value(), found.error().message);
    REQUIRE(found->has_value());
    return **found;
}

}  // namespace

TEST_CASE("sender store: every field round-trips, optional times set and unset") {
    for_each_backend([](const Backend&, Stores& stores) {
        Sender full = make_sender("s-full", "acme", "Ops@Example.com");
        full.type = "Email";
        full.state = VerificationState::failed;
        full.verified_at = at_ms(1'700'000'100'000);
        full.failed_at = at_ms(1'700'000'200'000);
        full.last_checked_at = at_ms(1'700'000'300'000);
        full.failure_reason = "the verification link expired";
        full.warnings = {"role account", "no-reply address"};
        full.history.push_back({at_ms(1'700'000'100'000), VerificationState::pending, VerificationState::success,
                                "Verified", ""});
        full.history.push_back({at_ms(1'700'000'200'000), VerificationState::success, VerificationState::failed,
                                "Revoked", "the transport revoked it"});
        REQUIRE(stores.senders->insert(full).has_value());
        check_same(stored(*stores.senders, "acme", "Ops@Example.com"), full);

        const Sender bare = make_sender("s-bare", "acme", "bare@example.com");
        REQUIRE(stores.senders->insert(bare).has_value());
        const Sender got = stored(*stores.senders, "acme", "bare@example.com");
        check_same(got, bare);
        CHECK_FALSE(got.verified_at.has_value());
        CHECK_FALSE(got.failed_at.has_value());
        CHECK_FALSE(got.last_checked_at.has_value());
        CHECK(got.warnings.empty());

        auto missing = stores.senders->find("acme", "nobody@example.com");
        REQUIRE(missing.has_value());
        CHECK_FALSE(missing->has_value());
        auto other_account = stores.senders->find("other", "bare@example.com");
        REQUIRE(other_account.has_value());
        CHECK_FALSE(other_account->has_value());
    });
}

TEST_CASE("sender store: one sender per account and address") {
    for_each_backend([](const Backend&, Stores& stores) {
        REQUIRE(stores.senders->insert(make_sender("s1", "acme", "a@example.com")).has_value());
        auto again = stores.senders->insert(make_sender("s2", "acme", "a@example.com"));
        REQUIRE_FALSE(again.has_value());
        CHECK(again.error().code == errc::already_exists);
        auto same_id = stores.senders->insert(make_sender("s1", "acme", "b@example.com"));
        REQUIRE_FALSE(same_id.has_value());
        CHECK(same_id.error().code == errc::already_exists);
        // The failed inserts left nothing behind, history included.
        auto all = stores.senders->list("", std::nullopt);
        REQUIRE(all.has_value());
        REQUIRE(all->size() == 1);
        CHECK(all->front().history.size() == 1);
        CHECK(stores.senders->insert(make_sender("s3", "other", "a@example.com")).has_value());
    });
}

TEST_CASE("sender store: update checks the version and appends history") {
    for_each_backend([](const Backend&, Stores& stores) {
        SenderStore& store = *stores.senders;
        REQUIRE(store.insert(make_sender("s1", "acme", "a@example.com")).has_value());
        Sender s = stored(store, "acme", "a@example.com");
        CHECK(s.version == 0);

        s.state = VerificationState::success;
        s.verified_at = at_ms(1'700'000'500'000);
        s.last_checked_at = at_ms(1'700'000'500'001);
        s.alias = "Renamed";
        s.warnings = {"role account"};
        s.history.push_back({at_ms(1'700'000'500'000), VerificationState::pending, VerificationState::success,
                             "Verified", ""});
        auto saved = store.update(s);
        REQUIRE_MESSAGE(saved.has_value(), saved.error().message);
        CHECK(saved->version == 1);
        Sender want = s;
        want.version = 1;
        check_same(stored(store, "acme", "a@example.com"), want);

        // A second update from the same (now stale) copy: someone else's.
        Sender stale = s;
        stale.alias = "Lost";
        auto conflict = store.update(stale);
        REQUIRE_FALSE(conflict.has_value());
        CHECK(conflict.error().code == errc::already_exists);
        CHECK(stored(store, "acme", "a@example.com").alias == "Renamed");

        // From the fresh copy: appended after the stored entries only.
        Sender next = *saved;
        next.state = VerificationState::failed;
        next.failed_at = at_ms(1'700'000'600'000);
        next.failure_reason = "revoked";
        next.history.push_back({at_ms(1'700'000'600'000), VerificationState::success, VerificationState::failed,
                                "Revoked", "revoked"});
        auto again = store.update(next);
        REQUIRE(again.has_value());
        CHECK(again->version == 2);
        want = next;
        want.version = 2;
        check_same(stored(store, "acme", "a@example.com"), want);

        Sender ghost = make_sender("ghost", "acme", "ghost@example.com");
        auto missing = store.update(ghost);
        REQUIRE_FALSE(missing.has_value());
        CHECK(missing.error().code == errc::not_found);
    });
}

TEST_CASE("sender store: list and find_in_all_accounts are ordered by creation") {
    for_each_backend([](const Backend&, Stores& stores) {
        SenderStore& store = *stores.senders;
        // Inserted out of creation order; "b" and "a" share an instant (insertion order then).
        Sender late = make_sender("z-late", "acme", "late@example.com", 3000);
        Sender b = make_sender("b", "acme", "same@example.com", 1000);
        Sender a = make_sender("a", "beta", "same@example.com", 1000);
        Sender early = make_sender("y-early", "beta", "early@example.com", 500);
        Sender c = make_sender("c", "gamma", "same@example.com", 2000);
        c.state = VerificationState::success;
        for (const Sender* s : {&late, &b, &a, &early, &c}) REQUIRE(store.insert(*s).has_value());

        auto all = store.list("", std::nullopt);
        REQUIRE(all.has_value());
        CHECK(ids(*all) == std::vector<std::string>{"y-early", "b", "a", "c", "z-late"});
        for (const auto& s : *all) CHECK(s.history.size() == 1);

        auto acme = store.list("acme", std::nullopt);
        REQUIRE(acme.has_value());
        CHECK(ids(*acme) == std::vector<std::string>{"b", "z-late"});

        auto pending = store.list("", VerificationState::pending);
        REQUIRE(pending.has_value());
        CHECK(ids(*pending) == std::vector<std::string>{"y-early", "b", "a", "z-late"});
        auto verified = store.list("", VerificationState::success);
        REQUIRE(verified.has_value());
        CHECK(ids(*verified) == std::vector<std::string>{"c"});
        auto beta_verified = store.list("beta", VerificationState::success);
        REQUIRE(beta_verified.has_value());
        CHECK(beta_verified->empty());

        auto same = store.find_in_all_accounts("same@example.com");
        REQUIRE(same.has_value());
        CHECK(ids(*same) == std::vector<std::string>{"b", "a", "c"});
        for (const auto& s : *same) CHECK(s.history.size() == 1);
        auto none = store.find_in_all_accounts("nobody@example.com");
        REQUIRE(none.has_value());
        CHECK(none->empty());
    });
}

TEST_CASE("sender store: due_for_refresh picks pending and stale verified senders by id") {
    for_each_backend([](const Backend&, Stores& stores) {
        SenderStore& store = *stores.senders;
        const TimePoint cutoff = at_ms(1'700'000'000'000);
        auto add = [&](const std::string& id, VerificationState state, std::optional<TimePoint> checked) {
            Sender s = make_sender(id, "acme", id + "@example.com");
            s.state = state;
            s.last_checked_at = checked;
            REQUIRE(store.insert(s).has_value());
        };
        add("e-pending", VerificationState::pending, std::nullopt);
        add("a-pending-checked", VerificationState::pending, cutoff + std::chrono::hours(1));
        add("d-verified-never", VerificationState::success, std::nullopt);
        add("b-verified-stale", VerificationState::success, cutoff - std::chrono::milliseconds(1));
        add("c-verified-fresh", VerificationState::success, cutoff);
        add("f-failed", VerificationState::failed, std::nullopt);
        add("B-upper", VerificationState::pending, std::nullopt);  // bytewise before every lower-case id

        auto due = store.due_for_refresh(cutoff, 100, "");
        REQUIRE(due.has_value());
        CHECK(ids(*due) ==
              std::vector<std::string>{"B-upper", "a-pending-checked", "b-verified-stale", "d-verified-never",
                                       "e-pending"});
        for (const auto& s : *due) CHECK(s.history.size() == 1);

        auto page1 = store.due_for_refresh(cutoff, 2, "");
        REQUIRE(page1.has_value());
        CHECK(ids(*page1) == std::vector<std::string>{"B-upper", "a-pending-checked"});
        auto page2 = store.due_for_refresh(cutoff, 2, page1->back().id);
        REQUIRE(page2.has_value());
        CHECK(ids(*page2) == std::vector<std::string>{"b-verified-stale", "d-verified-never"});
        auto page3 = store.due_for_refresh(cutoff, 2, page2->back().id);
        REQUIRE(page3.has_value());
        CHECK(ids(*page3) == std::vector<std::string>{"e-pending"});
        auto end = store.due_for_refresh(cutoff, 2, "e-pending");
        REQUIRE(end.has_value());
        CHECK(end->empty());
    });
}

TEST_CASE("sender store: remove takes the history with it") {
    for_each_backend([](const Backend&, Stores& stores) {
        SenderStore& store = *stores.senders;
        Sender s = make_sender("s1", "acme", "a@example.com");
        s.history.push_back({at_ms(1'700'000'000'500), VerificationState::pending, VerificationState::success,
                             "Verified", ""});
        REQUIRE(store.insert(s).has_value());
        REQUIRE(store.insert(make_sender("s2", "acme", "b@example.com")).has_value());

        REQUIRE(store.remove("s1").has_value());
        auto gone = store.find("acme", "a@example.com");
        REQUIRE(gone.has_value());
        CHECK_FALSE(gone->has_value());
        auto again = store.remove("s1");
        REQUIRE_FALSE(again.has_value());
        CHECK(again.error().code == errc::not_found);
        CHECK(stored(store, "acme", "b@example.com").history.size() == 1);

        // The same id again starts without the old history.
        Sender reborn = make_sender("s1", "acme", "a@example.com");
        reborn.history.clear();
        REQUIRE(store.insert(reborn).has_value());
        CHECK(stored(store, "acme", "a@example.com").history.empty());
    });
}

TEST_CASE("sender store: a change made by one instance is seen by another") {
    test::for_each_location([](const Backend& backend) {
        Stores first = test::open_instance(backend);
        Stores second = test::open_instance(backend);
        REQUIRE(first.senders->insert(make_sender("s1", "acme", "a@example.com")).has_value());
        Sender s = stored(*second.senders, "acme", "a@example.com");
        s.alias = "Changed by the second";
        REQUIRE(second.senders->update(s).has_value());
        CHECK(stored(*first.senders, "acme", "a@example.com").alias == "Changed by the second");
    });
}

TEST_CASE("sender store: one sender inserted by 8 instances at once is stored once") {
    constexpr int instances = 8;
    test::for_each_location([&](const Backend& backend) {
        std::atomic<int> inserted{0}, already{0};
        const auto failures = test::run_instances(backend.location, instances, [&](int i, Stores& stores) {
            // Each instance makes its own id, as separate processes would.
            auto r = stores.senders->insert(make_sender("s-" + std::to_string(i), "acme", "race@example.com"));
            if (r) {
                ++inserted;
            } else if (r.error().code == errc::already_exists) {
                ++already;
            } else {
                return r.error().message;
            }
            return std::string();
        });
        for (const auto& f : failures) CHECK_MESSAGE(f.empty(), f);
        CHECK(inserted.load() == 1);
        CHECK(already.load() == instances - 1);

        auto all = test::open_instance(backend).senders->list("", std::nullopt);
        REQUIRE(all.has_value());
        REQUIRE(all->size() == 1);
        CHECK(all->front().history.size() == 1);
    });
}
