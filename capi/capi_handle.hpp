// Handles whose lifetime the library owns. A service handle (registry, SES
// client, resolver) is reference-counted: each C call holds a reference for
// its duration, mw_*_free drops the caller's, and the last one destroys it.
// A set of live handles per type turns a call on a handle that is already
// gone into MW_EINVAL instead of a use after free, so a binding may close a
// handle while other threads still call it. The memory of a destroyed handle
// is held back for the next kQuarantine destructions of its type, so that a
// late call with a stale pointer finds it not live rather than a new handle
// at the same address. A handle released for the last time inside one of its
// own callbacks is destroyed on another thread, after the delivering call has
// returned.
#pragma once

#include "capi_internal.hpp"

#include <atomic>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <utility>

namespace mailwarden::capi {

/// Marks the calling thread as running a user callback for its lifetime.
class InCallback {
public:
    InCallback() noexcept { ++depth(); }
    ~InCallback() { --depth(); }
    InCallback(const InCallback&) = delete;
    InCallback& operator=(const InCallback&) = delete;
    static bool active() noexcept { return depth() > 0; }

private:
    static int& depth() noexcept {
        thread_local int d = 0;
        return d;
    }
};

/// Base of a counted handle type T (CRTP): struct mw_x : Counted<mw_x> {...}.
template <class T>
class Counted {
public:
    /// Registers a new handle (one reference: the caller's) and returns it.
    static T* publish(T* handle) {
        const std::lock_guard lock(live_mutex());
        live().insert(handle);
        return handle;
    }

    /// Takes a reference for a call; false when handle is not live.
    static bool retain(T* handle) noexcept {
        const std::lock_guard lock(live_mutex());
        if (live().count(handle) == 0) return false;
        handle->refs_.fetch_add(1, std::memory_order_relaxed);
        return true;
    }

    /// Drops a reference taken by retain() or publish().
    static void release(T* handle) noexcept {
        if (handle->refs_.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
        if (!InCallback::active()) {
            destroy(handle);
            return;
        }
        // The delivering call is still on this thread's stack: destroy the
        // handle (which may wait for that call) elsewhere.
        try {
            std::thread([handle] { destroy(handle); }).detach();
        } catch (...) {
            destroy(handle);  // no thread to be had: the destructor copes with waiting on itself
        }
    }

    /// mw_*_free: forgets the handle, then drops the caller's reference.
    /// Accepts NULL and handles that are no longer live.
    static void close(T* handle) noexcept {
        if (handle == nullptr) return;
        {
            const std::lock_guard lock(live_mutex());
            if (live().erase(handle) == 0) return;
        }
        release(handle);
    }

private:
    static constexpr std::size_t kQuarantine = 256;

    // Runs the destructor now; gives the memory back only after kQuarantine
    // later destructions (see the top of this file).
    static void destroy(T* handle) noexcept {
        handle->~T();
        void* evicted = nullptr;
        {
            const std::lock_guard lock(live_mutex());
            auto& held = quarantine();
            try {
                held.push_back(handle);
            } catch (...) {
                evicted = handle;  // no room to hold it back: give it back at once
            }
            if (evicted == nullptr && held.size() > kQuarantine) {
                evicted = held.front();
                held.pop_front();
            }
        }
        ::operator delete(evicted);
    }

    static std::deque<void*>& quarantine() {
        // Never destroyed: handles may be released while the program exits.
        static auto* held = new std::deque<void*>;
        return *held;
    }

    static std::mutex& live_mutex() {
        static std::mutex m;
        return m;
    }
    static std::unordered_set<const T*>& live() {
        static auto* set = new std::unordered_set<const T*>;  // outlives the exit, like quarantine()
        return *set;
    }

    std::atomic<int> refs_{1};
};

/// A reference held for the duration of one C call.
template <class T>
class CallRef {
public:
    explicit CallRef(T* handle) noexcept : handle_(handle != nullptr && T::retain(handle) ? handle : nullptr) {}
    ~CallRef() {
        if (handle_ != nullptr) T::release(handle_);
    }
    CallRef(const CallRef&) = delete;
    CallRef& operator=(const CallRef&) = delete;

    explicit operator bool() const noexcept { return handle_ != nullptr; }
    T* operator->() const noexcept { return handle_; }
    T& operator*() const noexcept { return *handle_; }

private:
    T* handle_;
};

/// Runs body(handle) with a call reference; MW_EINVAL naming `what` when the
/// handle is NULL or already freed. Exceptions become statuses.
template <class T, class Body>
int with_handle(T* handle, const char* what, mw_error** err, Body&& body) noexcept {
    if (handle == nullptr) return fail_null(err, what);
    const CallRef<T> ref(handle);
    return guarded(err, [&]() -> int {
        if (!ref) return fail(err, MW_EINVAL, std::string(what) + " is closed (already freed)");
        return body(*ref);
    });
}

}  // namespace mailwarden::capi
