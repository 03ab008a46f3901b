// Parsed DKIM key records by their text. Decoding a public key through
// OpenSSL 3 costs several times more than verifying a signature with it, and
// a receiver sees the same few keys over and over. The DNS answer is still
// asked for every time (the resolver honours TTLs); only the parsing is saved.
#pragma once

#include "auth/dkim/dkim_key.hpp"

#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mailwarden::message_detail {

class KeyCache {
public:
    /// Keeps at most `capacity` records; the oldest go first. 0 keeps none.
    explicit KeyCache(std::size_t capacity = 1024) : capacity_(capacity) {}

    /// parse_dkim_key(), answered from the cache when `record` was parsed
    /// before. Only keys are kept, not errors. Thread-safe.
    std::optional<auth::DkimKey> parse(const std::string& record, auth::DkimKeyError& error);

private:
    std::size_t capacity_;
    std::mutex mutex_;
    std::unordered_map<std::string, auth::DkimKey> keys_;
    std::deque<std::string> order_;  // insertion order, for eviction
};

}  // namespace mailwarden::message_detail
