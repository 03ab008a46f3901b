// Several instances of the stores on one location, as separate processes
// would open them: cases that reopen a location, or race on it.
#pragma once

#include "store_backends.hpp"

#include <mailwarden/stores.hpp>

#include <doctest/doctest.h>

#include <functional>
#include <latch>
#include <string>
#include <thread>
#include <vector>

namespace mailwarden::test {

/// Runs `body(backend)` once per backend on a new, empty location, which
/// the body opens as often as it needs.
inline void for_each_location(const std::function<void(const Backend&)>& body) {
    for (const char* name : {"sqlite", "postgresql"}) {
        const Backend backend = fresh_backend(name);
        CAPTURE(backend.name);
        body(backend);
    }
}

/// One more instance of the stores at the backend's location.
inline Stores open_instance(const Backend& backend) {
    auto stores = open_stores(backend.location);
    REQUIRE_MESSAGE(stores.has_value(), stores.error().message);
    return std::move(*stores);
}

/// Runs `body(index, stores)` on `count` threads, each with its own
/// open_stores(location). Returns each instance's failure (empty when it
/// had none): what it could not open, or what `body` returned.
inline std::vector<std::string> run_instances(const std::string& location, int count,
                                              const std::function<std::string(int, Stores&)>& body) {
    std::vector<std::string> failures(static_cast<std::size_t>(count));
    std::latch opened(count);
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i) {
        threads.emplace_back([&, i] {
            auto stores = open_stores(location);
            opened.arrive_and_wait();  // every instance starts at once
            std::string& failure = failures[static_cast<std::size_t>(i)];
            failure = stores ? body(i, *stores) : "opening: " + stores.error().message;
        });
    }
    for (auto& t : threads) t.join();
    return failures;
}

}  // namespace mailwarden::test
