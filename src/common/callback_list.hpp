// Subscribers of an event, safe to remove from any thread, also from inside
// their own delivery: once remove() returns outside a delivery, the callback
// runs no more; removed from inside one, that delivery finishes and no other
// starts. Deliveries run outside the lock, so a callback may call back into
// its owner (subscribe, remove, anything else).
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace mailwarden::common {

template <class... Args>
class CallbackList {
public:
    using Callback = std::function<void(Args...)>;

    int add(Callback callback) {
        const std::lock_guard lock(mutex_);
        const int id = next_id_++;
        entries_.emplace(id, std::make_shared<Entry>(std::move(callback)));
        return id;
    }

    /// false when id is not subscribed (never was, or already removed).
    bool remove(int id) {
        std::unique_lock lock(mutex_);
        const auto it = entries_.find(id);
        if (it == entries_.end()) return false;
        const std::shared_ptr<Entry> entry = it->second;
        entries_.erase(it);
        entry->removed = true;
        const int mine = deliveries_on_this_thread(entry.get());
        idle_.wait(lock, [&] { return entry->running <= mine; });
        return true;
    }

    /// Calls every subscriber, in subscription order, on the calling thread.
    void notify(const Args&... args) {
        std::vector<std::shared_ptr<Entry>> targets;
        {
            const std::lock_guard lock(mutex_);
            targets.reserve(entries_.size());
            for (const auto& [id, entry] : entries_) targets.push_back(entry);
        }
        for (const auto& entry : targets) deliver(*entry, args...);
    }

    /// True while the calling thread runs a delivery of any list of this type.
    static bool delivering_on_this_thread() { return !delivering().empty(); }

private:
    struct Entry {
        explicit Entry(Callback c) : callback(std::move(c)) {}
        Callback callback;
        int running = 0;       // deliveries in progress, all threads; guarded by mutex_
        bool removed = false;  // guarded by mutex_
    };

    // The entries this thread is delivering to (nested deliveries included).
    static std::vector<const Entry*>& delivering() {
        thread_local std::vector<const Entry*> stack;
        return stack;
    }

    static int deliveries_on_this_thread(const Entry* entry) {
        int n = 0;
        for (const Entry* e : delivering()) n += e == entry ? 1 : 0;
        return n;
    }

    void deliver(Entry& entry, const Args&... args) {
        {
            const std::lock_guard lock(mutex_);
            if (entry.removed) return;
            ++entry.running;
        }
        delivering().push_back(&entry);
        struct Done {
            CallbackList& list;
            Entry& entry;
            ~Done() {
                delivering().pop_back();
                const std::lock_guard lock(list.mutex_);
                --entry.running;
                list.idle_.notify_all();
            }
        } done{*this, entry};
        entry.callback(args...);
    }

    std::mutex mutex_;
    std::condition_variable idle_;
    std::map<int, std::shared_ptr<Entry>> entries_;
    int next_id_ = 1;
};

}  // namespace mailwarden::common
