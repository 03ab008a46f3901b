// Waiting for something a test can observe (a server saw a request, a
// connection was closed, a counter moved) instead of sleeping and hoping it
// happened meanwhile. The limit only ends a wait that would hang: it is far
// longer than anything takes on a loaded machine.
#pragma once

#include <chrono>
#include <thread>

namespace test_support {

inline constexpr std::chrono::seconds hang_limit{60};

/// Polls `condition` until it holds (true) or `limit` has passed (false).
template <class Condition>
bool eventually(Condition condition, std::chrono::steady_clock::duration limit = hang_limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

}  // namespace test_support
