// CallbackList: removal from any thread, also from inside a delivery.
#include "common/callback_list.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

using mailwarden::common::CallbackList;

TEST_CASE("callbacks run in subscription order and stop once removed") {
    CallbackList<int> list;
    std::vector<int> seen;
    const int a = list.add([&](int v) { seen.push_back(v * 10 + 1); });
    list.add([&](int v) { seen.push_back(v * 10 + 2); });
    list.notify(1);
    CHECK(list.remove(a));
    CHECK_FALSE(list.remove(a));
    list.notify(2);
    CHECK(seen == std::vector<int>{11, 12, 22});
}

TEST_CASE("a callback may remove itself, and is not called again") {
    CallbackList<> list;
    int calls = 0;
    int id = 0;
    id = list.add([&] {
        ++calls;
        CHECK(list.remove(id));  // returns at once: this very delivery is the one running
    });
    list.notify();
    list.notify();
    CHECK(calls == 1);
}

TEST_CASE("a callback may add another, which the running notification does not call") {
    CallbackList<> list;
    int inner = 0;
    list.add([&] { list.add([&] { ++inner; }); });
    list.notify();
    CHECK(inner == 0);
    list.notify();
    CHECK(inner == 1);
}

TEST_CASE("remove() from another thread waits for a running delivery to end") {
    CallbackList<> list;
    std::atomic<bool> inside{false};
    std::atomic<bool> release{false};
    std::atomic<bool> finished{false};
    const int id = list.add([&] {
        inside = true;
        while (!release) std::this_thread::yield();
        finished = true;
    });
    std::thread deliverer([&] { list.notify(); });
    while (!inside) std::this_thread::yield();

    std::atomic<bool> removed{false};
    std::thread remover([&] {
        CHECK(list.remove(id));
        // The delivery was running when remove() was called: it has ended now.
        CHECK(finished.load());
        removed = true;
    });
    // remove() is blocked while the delivery runs: it cannot have returned
    // before the delivery is released (finished is still false).
    CHECK_FALSE(finished.load());
    release = true;
    remover.join();
    deliverer.join();
    CHECK(removed.load());
}

TEST_CASE("many threads notifying while others subscribe and remove") {
    CallbackList<int> list;
    std::atomic<long> total{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < 3; ++t)
        threads.emplace_back([&] {
            while (!stop) list.notify(1);
        });
    for (int round = 0; round < 2000; ++round) {
        const int id = list.add([&](int v) { total += v; });
        CHECK(list.remove(id));
    }
    stop = true;
    for (auto& t : threads) t.join();
    CHECK(total.load() >= 0);
    // Nothing is subscribed any more: a notification delivers nothing.
    const long before = total.load();
    list.notify(1);
    CHECK(total.load() == before);
}
