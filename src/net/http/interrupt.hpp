// How a pending request is stopped from outside: the client shutting down or
// the caller's cancellation slot. The request names, while it waits, the one
// action that ends its wait (close the socket, cancel a timer). Strand only.
#pragma once

#include <functional>
#include <utility>

namespace mailwarden::http {

struct Interruption {
    bool requested = false;
    std::function<void()> stop_wait;  ///< empty while nothing is awaited

    void interrupt() {
        requested = true;
        if (stop_wait) stop_wait();
    }
};

/// Installs `stop` as the current wait's interruption for this scope.
class WaitScope {
public:
    WaitScope(Interruption& i, std::function<void()> stop) : i_(i) { i_.stop_wait = std::move(stop); }
    ~WaitScope() { i_.stop_wait = nullptr; }
    WaitScope(const WaitScope&) = delete;
    WaitScope& operator=(const WaitScope&) = delete;

private:
    Interruption& i_;
};

}  // namespace mailwarden::http
