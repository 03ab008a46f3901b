// The TTL cache with a clock the test moves, the caching decorator in front
// of a scripted resolver, and the fault-injecting decorator.
#include "net/dns/answer_cache.hpp"
#include "net/dns/caching_resolver.hpp"
#include "net/dns/fault_injecting_resolver.hpp"
#include "net/dns/name.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using mailwarden::dns::Answer;
using mailwarden::dns::AnswerCache;
using mailwarden::dns::CachingResolver;
using mailwarden::dns::FaultInjectingResolver;
using mailwarden::dns::IpAddress;
using mailwarden::dns::RecordType;
using mailwarden::dns::Resolver;
using mailwarden::dns::Status;

namespace {

struct ManualClock {
    std::chrono::steady_clock::time_point now{std::chrono::hours(1000)};
    AnswerCache::Clock function() {
        return [this] { return now; };
    }
};

Answer answer(Status status, std::uint32_t ttl, const char* address = "192.0.2.1") {
    Answer a;
    a.status = status;
    a.ttl = ttl;
    if (status == Status::ok) a.addresses.push_back(*IpAddress::parse(address));
    return a;
}

// Answers from a table, counts questions, and can hold async completions
// until the test releases them (as a real resolver's network would).
class ScriptedResolver final : public Resolver {
public:
    std::map<std::pair<std::string, RecordType>, Answer> table;
    std::atomic<int> asked{0};
    bool hold = false;

    Answer query(std::string_view name, RecordType type) override {
        ++asked;
        const auto found = table.find({mailwarden::dns::detail::normalize_name(name), type});
        return found == table.end() ? answer(Status::nxdomain, 0) : found->second;
    }

    void async_query(std::string name, RecordType type, std::function<void(Answer)> done) override {
        auto a = query(name, type);
        if (!hold) {
            done(std::move(a));
            return;
        }
        const std::lock_guard lock(mutex);
        held.emplace_back([done = std::move(done), a = std::move(a)]() mutable { done(std::move(a)); });
    }

    void release() {
        std::vector<std::function<void()>> run;
        {
            const std::lock_guard lock(mutex);
            run.swap(held);
        }
        for (auto& f : run) f();
    }

    std::mutex mutex;
    std::vector<std::function<void()>> held;
};

}  // namespace

TEST_CASE("cached answers live for their TTL and report the seconds left") {
    ManualClock clock;
    AnswerCache cache(100, 300s, clock.function());
    cache.store("Example.test.", RecordType::a, answer(Status::ok, 60));
    auto hit = cache.find("example.test", RecordType::a);
    REQUIRE(hit);
    CHECK(hit->ok());
    CHECK(hit->ttl == 60);
    CHECK(hit->addresses.size() == 1);
    CHECK_FALSE(cache.find("example.test", RecordType::aaaa));  // the type is part of the key

    clock.now += 45s;
    hit = cache.find("EXAMPLE.TEST", RecordType::a);
    REQUIRE(hit);
    CHECK(hit->ttl == 15);
    clock.now += 14500ms;
    hit = cache.find("example.test", RecordType::a);
    REQUIRE(hit);
    CHECK(hit->ttl == 0);  // under a second left
    clock.now += 500ms;
    CHECK_FALSE(cache.find("example.test", RecordType::a));
    CHECK(cache.size() == 0);  // the expired entry went on lookup
}

TEST_CASE("negative answers are cached, at most max_negative_ttl") {
    ManualClock clock;
    AnswerCache cache(100, 30s, clock.function());
    cache.store("nope.test", RecordType::a, answer(Status::nxdomain, 3600));
    cache.store("host.test", RecordType::mx, answer(Status::nodata, 10));
    auto nx = cache.find("nope.test", RecordType::a);
    REQUIRE(nx);
    CHECK(nx->status == Status::nxdomain);
    CHECK(nx->ttl == 30);
    auto nodata = cache.find("host.test", RecordType::mx);
    REQUIRE(nodata);
    CHECK(nodata->status == Status::nodata);
    CHECK(nodata->ttl == 10);
    clock.now += 11s;
    CHECK_FALSE(cache.find("host.test", RecordType::mx));
    CHECK(cache.find("nope.test", RecordType::a));
    clock.now += 20s;
    CHECK_FALSE(cache.find("nope.test", RecordType::a));
}

TEST_CASE("temporary failures and zero TTLs are never cached") {
    ManualClock clock;
    AnswerCache cache(100, 300s, clock.function());
    for (auto s : {Status::servfail, Status::timeout, Status::malformed}) {
        cache.store("flaky.test", RecordType::txt, answer(s, 3600));
        CHECK_FALSE(cache.find("flaky.test", RecordType::txt));
    }
    cache.store("zero.test", RecordType::a, answer(Status::ok, 0));
    cache.store("zero.test", RecordType::aaaa, answer(Status::nxdomain, 0));
    CHECK(cache.size() == 0);
    AnswerCache off(0, 300s, clock.function());
    off.store("a.test", RecordType::a, answer(Status::ok, 60));
    CHECK(off.size() == 0);
}

TEST_CASE("a full cache drops the least recently used entry") {
    ManualClock clock;
    AnswerCache cache(3, 300s, clock.function());
    cache.store("a.test", RecordType::a, answer(Status::ok, 60));
    cache.store("b.test", RecordType::a, answer(Status::ok, 60));
    cache.store("c.test", RecordType::a, answer(Status::ok, 60));
    CHECK(cache.find("a.test", RecordType::a));  // a is now the most recent
    cache.store("d.test", RecordType::a, answer(Status::ok, 60));
    CHECK(cache.size() == 3);
    CHECK_FALSE(cache.find("b.test", RecordType::a));
    CHECK(cache.find("a.test", RecordType::a));
    CHECK(cache.find("c.test", RecordType::a));
    CHECK(cache.find("d.test", RecordType::a));
    // Storing again replaces in place.
    cache.store("c.test", RecordType::a, answer(Status::ok, 60, "192.0.2.3"));
    CHECK(cache.size() == 3);
    CHECK(cache.find("c.test", RecordType::a)->addresses[0] == *IpAddress::parse("192.0.2.3"));
    cache.clear();
    CHECK(cache.size() == 0);
}

TEST_CASE("the cache stays consistent under concurrent use") {
    AnswerCache cache(64, 300s);
    std::vector<std::thread> threads;
    std::atomic<int> wrong{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5000; ++i) {
                const std::string name = "n" + std::to_string((i * 7 + t) % 200) + ".test";
                cache.store(name, RecordType::a, answer(Status::ok, 60));
                if (auto hit = cache.find(name, RecordType::a); hit && hit->addresses.size() != 1) ++wrong;
            }
        });
    }
    for (auto& th : threads) th.join();
    CHECK(wrong == 0);
    CHECK(cache.size() <= 64);
}

TEST_CASE("the caching resolver answers repeated questions from the cache") {
    ManualClock clock;
    auto inner = std::make_shared<ScriptedResolver>();
    inner->table[{"host.test", RecordType::a}] = answer(Status::ok, 60);
    inner->table[{"flaky.test", RecordType::a}] = answer(Status::servfail, 0);
    CachingResolver resolver(inner, 100, 300s, clock.function());

    CHECK(resolver.query("host.test", RecordType::a).ok());
    CHECK(resolver.query("Host.Test.", RecordType::a).ok());
    CHECK(inner->asked == 1);
    clock.now += 61s;
    CHECK(resolver.query("host.test", RecordType::a).ok());
    CHECK(inner->asked == 2);

    // Temporary failures go to the inner resolver every time.
    CHECK(resolver.query("flaky.test", RecordType::a).status == Status::servfail);
    CHECK(resolver.query("flaky.test", RecordType::a).status == Status::servfail);
    CHECK(inner->asked == 4);

    // NXDOMAIN is cached too (the scripted default carries TTL 0: not cached).
    inner->table[{"gone.test", RecordType::a}] = answer(Status::nxdomain, 120);
    CHECK(resolver.query("gone.test", RecordType::a).status == Status::nxdomain);
    CHECK(resolver.query("gone.test", RecordType::a).status == Status::nxdomain);
    CHECK(inner->asked == 5);

    Answer async_answer;
    resolver.async_query("host.test", RecordType::a, [&](Answer a) { async_answer = std::move(a); });
    CHECK(async_answer.ok());
    CHECK(inner->asked == 5);
}

TEST_CASE("identical questions in flight are sent once and all answered once") {
    ManualClock clock;
    auto inner = std::make_shared<ScriptedResolver>();
    inner->table[{"host.test", RecordType::mx}] = answer(Status::nodata, 60);
    inner->table[{"flaky.test", RecordType::mx}] = answer(Status::timeout, 0);
    inner->hold = true;
    CachingResolver resolver(inner, 100, 300s, clock.function());

    std::vector<int> calls(6, 0);
    std::vector<Status> statuses(6);
    for (int i = 0; i < 4; ++i)
        resolver.async_query(i % 2 ? "HOST.test" : "host.test.", RecordType::mx, [&, i](Answer a) {
            ++calls[static_cast<std::size_t>(i)];
            statuses[static_cast<std::size_t>(i)] = a.status;
        });
    for (int i = 4; i < 6; ++i)
        resolver.async_query("flaky.test", RecordType::mx, [&, i](Answer a) {
            ++calls[static_cast<std::size_t>(i)];
            statuses[static_cast<std::size_t>(i)] = a.status;
        });
    CHECK(inner->asked == 2);
    CHECK(calls == std::vector<int>(6, 0));
    inner->release();
    CHECK(calls == std::vector<int>(6, 1));
    for (int i = 0; i < 4; ++i) CHECK(statuses[static_cast<std::size_t>(i)] == Status::nodata);
    CHECK(statuses[4] == Status::timeout);
    CHECK(statuses[5] == Status::timeout);

    // Afterwards the positive one is cached, the timeout is asked again.
    inner->hold = false;
    resolver.async_query("host.test", RecordType::mx, [](Answer) {});
    resolver.async_query("flaky.test", RecordType::mx, [](Answer) {});
    CHECK(inner->asked == 3);
}

TEST_CASE("cache hits can be handed to another thread") {
    auto inner = std::make_shared<ScriptedResolver>();
    inner->table[{"host.test", RecordType::a}] = answer(Status::ok, 60);
    std::vector<std::function<void()>> posted;
    CachingResolver resolver(inner, 100, 300s, {}, [&](std::function<void()> task) { posted.push_back(std::move(task)); });
    int calls = 0;
    resolver.async_query("host.test", RecordType::a, [&](Answer a) { calls += a.ok() ? 1 : 100; });
    CHECK(calls == 1);  // a miss completes where the inner resolver completes
    resolver.async_query("host.test", RecordType::a, [&](Answer a) { calls += a.ok() ? 1 : 100; });
    CHECK(calls == 1);  // the hit waits for the posted task
    REQUIRE(posted.size() == 1);
    posted[0]();
    CHECK(calls == 2);
}

TEST_CASE("the fault injector fails chosen questions and passes the rest") {
    auto inner = std::make_shared<ScriptedResolver>();
    inner->table[{"example.test", RecordType::txt}] = answer(Status::ok, 60);
    inner->table[{"example.test", RecordType::a}] = answer(Status::ok, 60);
    FaultInjectingResolver resolver(inner);
    resolver.fail("Example.Test.", RecordType::txt, Status::timeout);
    resolver.fail_all_types("broken.test", Status::servfail);

    const auto t = resolver.query("example.test", RecordType::txt);
    CHECK(t.status == Status::timeout);
    CHECK(t.temporary_failure());
    CHECK(t.ttl == 0);
    CHECK(resolver.query("example.test", RecordType::a).ok());
    CHECK(resolver.query("broken.test", RecordType::mx).status == Status::servfail);
    Status async_status = Status::ok;
    resolver.async_query("BROKEN.test", RecordType::aaaa, [&](Answer a) { async_status = a.status; });
    CHECK(async_status == Status::servfail);
    CHECK(resolver.injected() == 3);
    CHECK(inner->asked == 1);

    resolver.clear();
    CHECK(resolver.query("example.test", RecordType::txt).ok());
    CHECK(inner->asked == 2);
    CHECK(resolver.injected() == 3);
}
