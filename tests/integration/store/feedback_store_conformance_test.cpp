// FeedbackStore conformance: every method behaves the same on SQLite and on
// PostgreSQL, uncommitted work rolls back, and write transactions of many
// instances never interleave (exact counters, each key claimed once).
#include "store_backends.hpp"
#include "store_instances.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <vector>

using namespace mailwarden;
using mailwarden::test::Backend;
using mailwarden::test::for_each_backend;

namespace {

TimePoint at_ms(std::int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }

std::unique_ptr<FeedbackTransaction> begin(FeedbackStore& store, bool write = true) {
    auto tx = store.begin(write);
    REQUIRE_MESSAGE(tx.has_value(), tx.error().message);
    return std::move(*tx);
}

template <class T>
T value(Result<T, Error> r) {
    REQUIRE_MESSAGE(r.has_value(), r.error().message);
    return std::move(*r);
}

// Commits and ends the transaction (a SQLite store runs one at a time).
void commit(std::unique_ptr<FeedbackTransaction>& tx) {
    auto r = tx->commit();
    REQUIRE_MESSAGE(r.has_value(), r.error().message);
    tx.reset();
}

SendRecord make_send(const std::string& message_id, const std::string& recipient, std::int64_t seq) {
    return {message_id, recipient, "acme", seq, at_ms(1'700'000'000'000 + seq), false, false, false};
}

// Send `seq` of the flags case: two recipients a message, every flag combination once.
SendRecord flagged_send(std::int64_t seq) {
    SendRecord s = make_send("m" + std::to_string(seq / 2), "r" + std::to_string(seq) + "@example.com", seq);
    s.hard_bounced = (seq & 1) != 0;
    s.soft_bounced = (seq & 2) != 0;
    s.complained = (seq & 4) != 0;
    return s;
}

void check_same(const SendRecord& got, const SendRecord& want) {
    CHECK(got.message_id == want.message_id);
    CHECK(got.recipient == want.recipient);
    CHECK(got.account == want.account);
    CHECK(got.seq == want.seq);
    CHECK(got.at == want.at);
    CHECK(got.hard_bounced == want.hard_bounced);
    CHECK(got.soft_bounced == want.soft_bounced);
    CHECK(got.complained == want.complained);
}

void check_same(const Suppression& got, const Suppression& want) {
    CHECK(got.account == want.account);
    CHECK(got.address == want.address);
    CHECK(got.reason == want.reason);
    CHECK(got.at == want.at);
    CHECK(got.evidence_key == want.evidence_key);
    CHECK(got.status == want.status);
    CHECK(got.diagnostic == want.diagnostic);
    CHECK(got.note == want.note);
}

Suppression make_suppression(const std::string& account, const std::string& address) {
    return {account, address, SuppressionReason::bounce, at_ms(1'700'000'000'123), "key-" + address, "5.1.1",
            "550 no such user", ""};
}

std::vector<std::string> addresses(const std::vector<Suppression>& list) {
    std::vector<std::string> out;
    for (const auto& s : list) out.push_back(s.address);
    return out;
}

}  // namespace

TEST_CASE("feedback store: claim records a key once") {
    for_each_backend([](const Backend&, Stores& stores) {
        auto tx = begin(*stores.feedback);
        CHECK(value(tx->claim("k1", at_ms(1))));
        CHECK_FALSE(value(tx->claim("k1", at_ms(2))));
        CHECK(value(tx->claim("k2", at_ms(3))));
        commit(tx);

        auto next = begin(*stores.feedback);
        CHECK_FALSE(value(next->claim("k1", at_ms(4))));
        CHECK_FALSE(value(next->claim("k2", at_ms(5))));
        CHECK(value(next->claim("k3", at_ms(6))));
    });
}

TEST_CASE("feedback store: sends, their flags and counts") {
    for_each_backend([](const Backend&, Stores& stores) {
        {
            auto tx = begin(*stores.feedback);
            for (std::int64_t seq = 0; seq < 8; ++seq) REQUIRE(tx->insert_send(flagged_send(seq)).has_value());
            SendRecord other = make_send("x", "r@example.com", 0);
            other.account = "other";
            other.hard_bounced = true;
            REQUIRE(tx->insert_send(other).has_value());
            commit(tx);
        }
        auto tx = begin(*stores.feedback);
        for (std::int64_t seq = 0; seq < 8; ++seq) {
            CAPTURE(seq);
            const SendRecord want = flagged_send(seq);
            auto by_key = value(tx->find_send(want.message_id, want.recipient));
            REQUIRE(by_key.has_value());
            check_same(*by_key, want);
            auto by_seq = value(tx->find_send_by_seq("acme", seq));
            REQUIRE(by_seq.has_value());
            check_same(*by_seq, want);
        }
        CHECK_FALSE(value(tx->find_send("m0", "nobody@example.com")).has_value());
        CHECK_FALSE(value(tx->find_send_by_seq("acme", 8)).has_value());
        auto message = value(tx->find_message("m3"));
        REQUIRE(message.has_value());
        CHECK(message->message_id == "m3");
        CHECK(message->account == "acme");
        CHECK_FALSE(value(tx->find_message("m9")).has_value());

        auto all = value(tx->count_flags("acme", 0, 8));
        CHECK(all.hard == 4);
        CHECK(all.soft == 4);
        CHECK(all.complaints == 4);
        auto part = value(tx->count_flags("acme", 2, 5));  // seq 2, 3, 4
        CHECK(part.hard == 1);
        CHECK(part.soft == 2);
        CHECK(part.complaints == 1);
        auto none = value(tx->count_flags("nobody", 0, 100));
        CHECK(none.hard == 0);
        CHECK(none.soft == 0);
        CHECK(none.complaints == 0);

        SendRecord changed = make_send("m0", "r0@example.com", 0);
        changed.soft_bounced = true;
        changed.complained = true;
        REQUIRE(tx->update_send_flags(changed).has_value());
        check_same(*value(tx->find_send("m0", "r0@example.com")), changed);
        auto after = value(tx->count_flags("acme", 0, 1));
        CHECK(after.hard == 0);
        CHECK(after.soft == 1);
        CHECK(after.complaints == 1);
        commit(tx);

        auto duplicate = begin(*stores.feedback);
        auto again = duplicate->insert_send(make_send("m0", "r0@example.com", 99));
        REQUIRE_FALSE(again.has_value());
        CHECK(again.error().code == errc::already_exists);
    });
}

TEST_CASE("feedback store: accounts round-trip and are replaced whole") {
    for_each_backend([](const Backend&, Stores& stores) {
        auto tx = begin(*stores.feedback);
        CHECK_FALSE(value(tx->find_account("acme")).has_value());
        AccountRecord a;
        a.account = "acme";
        a.status = AccountStatus::warning;
        a.status_since = at_ms(1'700'000'000'777);
        a.status_reason = "bounce rate 6 %";
        a.next_seq = 101;
        a.window_start = 2;
        a.window_size = 3;
        a.window_hard = 4;
        a.window_soft = 5;
        a.window_complaints = 6;
        a.total_hard = 7;
        a.total_soft = 8;
        a.total_complaints = 9;
        a.total_deliveries = 10;
        a.audit_entries = 11;
        REQUIRE(tx->save_account(a).has_value());
        auto check = [&](const AccountRecord& want) {
            auto got = value(tx->find_account(want.account));
            REQUIRE(got.has_value());
            CHECK(got->account == want.account);
            CHECK(got->status == want.status);
            CHECK(got->status_since == want.status_since);
            CHECK(got->status_reason == want.status_reason);
            CHECK(got->next_seq == want.next_seq);
            CHECK(got->window_start == want.window_start);
            CHECK(got->window_size == want.window_size);
            CHECK(got->window_hard == want.window_hard);
            CHECK(got->window_soft == want.window_soft);
            CHECK(got->window_complaints == want.window_complaints);
            CHECK(got->total_hard == want.total_hard);
            CHECK(got->total_soft == want.total_soft);
            CHECK(got->total_complaints == want.total_complaints);
            CHECK(got->total_deliveries == want.total_deliveries);
            CHECK(got->audit_entries == want.audit_entries);
        };
        check(a);
        a.status = AccountStatus::active;
        a.status_since.reset();
        a.status_reason.clear();
        a.next_seq = 102;
        REQUIRE(tx->save_account(a).has_value());
        check(a);
        AccountRecord other;
        other.account = "other";
        REQUIRE(tx->save_account(other).has_value());
        check(other);
        check(a);
    });
}

TEST_CASE("feedback store: the audit log is kept per account in sequence") {
    for_each_backend([](const Backend&, Stores& stores) {
        auto tx = begin(*stores.feedback);
        const StatusChange first{"acme", at_ms(1000), AccountStatus::active, AccountStatus::warning, "mailwarden",
                                 "bounce rate 5 %"};
        const StatusChange second{"acme", at_ms(2000), AccountStatus::warning, AccountStatus::suspended,
                                  "mailwarden", "bounce rate 10 %"};
        const StatusChange third{"acme", at_ms(3000), AccountStatus::suspended, AccountStatus::active, "ops@acme",
                                 "fixed the list"};
        REQUIRE(tx->append_audit(second, 1).has_value());  // stored out of order, read by seq
        REQUIRE(tx->append_audit(third, 2).has_value());
        REQUIRE(tx->append_audit(first, 0).has_value());
        REQUIRE(tx->append_audit({"other", at_ms(5), AccountStatus::active, AccountStatus::suspended, "x", "y"}, 0)
                    .has_value());
        commit(tx);

        auto read = begin(*stores.feedback, false);
        auto log = value(read->audit_log("acme"));
        REQUIRE(log.size() == 3);
        const StatusChange* want[] = {&first, &second, &third};
        for (std::size_t i = 0; i < 3; ++i) {
            CAPTURE(i);
            CHECK(log[i].account == want[i]->account);
            CHECK(log[i].at == want[i]->at);
            CHECK(log[i].from == want[i]->from);
            CHECK(log[i].to == want[i]->to);
            CHECK(log[i].actor == want[i]->actor);
            CHECK(log[i].reason == want[i]->reason);
        }
        CHECK(value(read->audit_log("other")).size() == 1);
        CHECK(value(read->audit_log("nobody")).empty());
    });
}

TEST_CASE("feedback store: suppressions per account and global, listed in pages") {
    for_each_backend([](const Backend&, Stores& stores) {
        auto tx = begin(*stores.feedback);
        CHECK_FALSE(value(tx->find_suppression("acme", "a@example.com")).has_value());
        Suppression s = make_suppression("acme", "a@example.com");
        REQUIRE(tx->put_suppression(s).has_value());
        check_same(*value(tx->find_suppression("acme", "a@example.com")), s);
        // The global list (empty account) is a separate one.
        CHECK_FALSE(value(tx->find_suppression("", "a@example.com")).has_value());
        Suppression global = make_suppression("", "a@example.com");
        global.reason = SuppressionReason::manual;
        global.evidence_key.clear();
        global.note = "asked by the recipient";
        REQUIRE(tx->put_suppression(global).has_value());
        check_same(*value(tx->find_suppression("", "a@example.com")), global);

        // Put again: replaced.
        s.reason = SuppressionReason::complaint;
        s.status.clear();
        s.diagnostic = "abuse report";
        s.at = at_ms(1'700'000'999'000);
        REQUIRE(tx->put_suppression(s).has_value());
        check_same(*value(tx->find_suppression("acme", "a@example.com")), s);

        for (const char* address : {"d@example.com", "B@example.com", "c@example.com", "e@example.com"})
            REQUIRE(tx->put_suppression(make_suppression("acme", address)).has_value());
        REQUIRE(tx->put_suppression(make_suppression("other", "b@example.com")).has_value());

        // Bytewise order: upper case first.
        CHECK(addresses(value(tx->list_suppressions("acme", "", 100))) ==
              std::vector<std::string>{"B@example.com", "a@example.com", "c@example.com", "d@example.com",
                                       "e@example.com"});
        auto page1 = value(tx->list_suppressions("acme", "", 2));
        CHECK(addresses(page1) == std::vector<std::string>{"B@example.com", "a@example.com"});
        auto page2 = value(tx->list_suppressions("acme", page1.back().address, 2));
        CHECK(addresses(page2) == std::vector<std::string>{"c@example.com", "d@example.com"});
        auto page3 = value(tx->list_suppressions("acme", page2.back().address, 2));
        CHECK(addresses(page3) == std::vector<std::string>{"e@example.com"});
        CHECK(value(tx->list_suppressions("acme", "e@example.com", 2)).empty());
        auto globals = value(tx->list_suppressions("", "", 10));
        REQUIRE(globals.size() == 1);
        check_same(globals.front(), global);

        CHECK(value(tx->remove_suppression("acme", "a@example.com")));
        CHECK_FALSE(value(tx->remove_suppression("acme", "a@example.com")));
        CHECK_FALSE(value(tx->find_suppression("acme", "a@example.com")).has_value());
        CHECK(value(tx->find_suppression("", "a@example.com")).has_value());
        commit(tx);

        auto read = begin(*stores.feedback, false);
        CHECK(value(read->list_suppressions("acme", "", 100)).size() == 4);
    });
}

TEST_CASE("feedback store: soft bounces keep their times") {
    for_each_backend([](const Backend&, Stores& stores) {
        auto tx = begin(*stores.feedback);
        CHECK_FALSE(value(tx->find_soft_bounces("acme", "a@example.com")).has_value());
        SoftBounceRecord r{"acme", "a@example.com", {at_ms(1'700'000'000'001), at_ms(1'700'000'000'002),
                                                     at_ms(1'700'000'500'000)}};
        REQUIRE(tx->put_soft_bounces(r).has_value());
        auto got = value(tx->find_soft_bounces("acme", "a@example.com"));
        REQUIRE(got.has_value());
        CHECK(got->account == "acme");
        CHECK(got->address == "a@example.com");
        CHECK(got->times == r.times);
        CHECK_FALSE(value(tx->find_soft_bounces("other", "a@example.com")).has_value());

        r.times = {at_ms(42)};
        REQUIRE(tx->put_soft_bounces(r).has_value());
        CHECK(value(tx->find_soft_bounces("acme", "a@example.com"))->times == r.times);
        r.times.clear();
        REQUIRE(tx->put_soft_bounces(r).has_value());
        auto empty = value(tx->find_soft_bounces("acme", "a@example.com"));
        REQUIRE(empty.has_value());
        CHECK(empty->times.empty());

        REQUIRE(tx->remove_soft_bounces("acme", "a@example.com").has_value());
        CHECK_FALSE(value(tx->find_soft_bounces("acme", "a@example.com")).has_value());
        REQUIRE(tx->remove_soft_bounces("acme", "a@example.com").has_value());
    });
}

TEST_CASE("feedback store: an uncommitted transaction leaves nothing") {
    for_each_backend([](const Backend&, Stores& stores) {
        {
            auto tx = begin(*stores.feedback);
            REQUIRE(value(tx->claim("k", at_ms(1))));
            REQUIRE(tx->insert_send(make_send("m", "r@example.com", 0)).has_value());
            AccountRecord a;
            a.account = "acme";
            a.next_seq = 1;
            REQUIRE(tx->save_account(a).has_value());
            REQUIRE(tx->put_suppression(make_suppression("acme", "r@example.com")).has_value());
            REQUIRE(tx->put_soft_bounces({"acme", "r@example.com", {at_ms(1)}}).has_value());
            REQUIRE(tx->append_audit({"acme", at_ms(1), AccountStatus::active, AccountStatus::warning, "x", "y"}, 0)
                        .has_value());
        }  // destroyed without commit
        auto tx = begin(*stores.feedback);
        CHECK(value(tx->claim("k", at_ms(2))));
        CHECK_FALSE(value(tx->find_send("m", "r@example.com")).has_value());
        CHECK_FALSE(value(tx->find_account("acme")).has_value());
        CHECK_FALSE(value(tx->find_suppression("acme", "r@example.com")).has_value());
        CHECK_FALSE(value(tx->find_soft_bounces("acme", "r@example.com")).has_value());
        CHECK(value(tx->audit_log("acme")).empty());
    });
}

TEST_CASE("feedback store: committed work is seen by another instance") {
    test::for_each_location([](const Backend& backend) {
        Stores first = test::open_instance(backend);
        Stores second = test::open_instance(backend);
        {
            auto tx = begin(*first.feedback);
            REQUIRE(value(tx->claim("k", at_ms(1))));
            REQUIRE(tx->put_suppression(make_suppression("", "x@example.com")).has_value());
            commit(tx);
        }
        {
            auto read = begin(*second.feedback, false);
            CHECK(value(read->find_suppression("", "x@example.com")).has_value());
        }
        auto write = begin(*second.feedback);
        CHECK_FALSE(value(write->claim("k", at_ms(2))));
    });
}

TEST_CASE("feedback store: write transactions of 8 instances never interleave") {
    constexpr int instances = 8;
    constexpr int transactions = 50;
    test::for_each_location([&](const Backend& backend) {
        // Created first, so the instances race on the counters, not the schema.
        test::open_instance(backend);
        std::atomic<int> shared_won{0}, own_won{0};
        const auto failures = test::run_instances(backend.location, instances, [&](int i, Stores& stores) {
            for (int j = 0; j < transactions; ++j) {
                // A read-modify-write of the account, as the tracker does.
                auto tx = stores.feedback->begin(true);
                if (!tx) return tx.error().message;
                auto shared = (*tx)->claim("shared-" + std::to_string(j), at_ms(j));
                auto own = (*tx)->claim("own-" + std::to_string(i) + "-" + std::to_string(j), at_ms(j));
                auto found = (*tx)->find_account("acme");
                if (!shared || !own || !found) return std::string("claiming or reading failed");
                AccountRecord a = found->value_or(AccountRecord{});
                a.account = "acme";
                a.next_seq += 1;
                if (*shared) a.total_hard += 1;
                if (*own) a.total_soft += 1;
                if (auto r = (*tx)->save_account(a); !r) return r.error().message;
                if (auto r = (*tx)->commit(); !r) return r.error().message;
                if (*shared) ++shared_won;
                if (*own) ++own_won;
            }
            return std::string();
        });
        for (const auto& f : failures) CHECK_MESSAGE(f.empty(), f);
        CHECK(shared_won.load() == transactions);
        CHECK(own_won.load() == instances * transactions);

        Stores check = test::open_instance(backend);
        auto tx = begin(*check.feedback, false);
        auto account = value(tx->find_account("acme"));
        REQUIRE(account.has_value());
        CHECK(account->next_seq == instances * transactions);
        CHECK(account->total_hard == transactions);
        CHECK(account->total_soft == instances * transactions);
    });
}
