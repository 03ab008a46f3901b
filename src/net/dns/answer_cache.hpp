// A bounded, thread-safe cache of DNS answers keyed by (name, type).
#pragma once

#include <mailwarden/dns.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mailwarden::dns {

class AnswerCache {
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    /// `max_entries` 0 keeps nothing. `clock` defaults to steady_clock::now;
    /// tests pass their own to move time.
    AnswerCache(std::size_t max_entries, std::chrono::seconds max_negative_ttl, Clock clock = {});

    /// The answer stored for (name, type) while it lives, its ttl lowered to
    /// the whole seconds left; nullopt when absent or expired. `name` is
    /// compared after normalisation (case, trailing dot).
    std::optional<Answer> find(std::string_view name, RecordType type);

    /// Keeps `answer` for answer.ttl seconds; nxdomain/nodata for at most
    /// max_negative_ttl. Temporary failures and a TTL of 0 are never kept.
    /// When full, the least recently used entry makes room.
    void store(std::string_view name, RecordType type, const Answer& answer);

    std::size_t size() const;
    void clear();

private:
    struct Entry {
        std::string key;
        Answer answer;
        std::chrono::steady_clock::time_point expires;
    };

    std::size_t max_entries_;
    std::chrono::seconds max_negative_ttl_;
    Clock clock_;
    mutable std::mutex mutex_;
    std::list<Entry> entries_;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace mailwarden::dns
