// LRU list plus hash index; expiry is checked on lookup, so an expired entry
// costs nothing until it is asked for or pushed out by newer ones.
#include "net/dns/answer_cache.hpp"

#include "net/dns/name.hpp"

#include <algorithm>

namespace mailwarden::dns {

namespace {

std::string cache_key(std::string_view name, RecordType type) {
    const auto t = static_cast<std::uint16_t>(type);
    std::string key;
    key.reserve(name.size() + 2);
    key += static_cast<char>(t >> 8);
    key += static_cast<char>(t & 0xff);
    key += detail::normalize_name(name);
    return key;
}

}  // namespace

AnswerCache::AnswerCache(std::size_t max_entries, std::chrono::seconds max_negative_ttl, Clock clock)
    : max_entries_(max_entries), max_negative_ttl_(max_negative_ttl), clock_(std::move(clock)) {
    if (!clock_) clock_ = [] { return std::chrono::steady_clock::now(); };
}

std::optional<Answer> AnswerCache::find(std::string_view name, RecordType type) {
    const auto key = cache_key(name, type);
    const auto now = clock_();
    const std::lock_guard lock(mutex_);
    const auto found = index_.find(key);
    if (found == index_.end()) return std::nullopt;
    const auto entry = found->second;
    if (now >= entry->expires) {
        entries_.erase(entry);
        index_.erase(found);
        return std::nullopt;
    }
    entries_.splice(entries_.begin(), entries_, entry);
    Answer out = entry->answer;
    out.ttl = static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(entry->expires - now).count());
    return out;
}

void AnswerCache::store(std::string_view name, RecordType type, const Answer& answer) {
    if (max_entries_ == 0 || answer.temporary_failure()) return;
    std::chrono::seconds ttl(answer.ttl);
    if (answer.missing()) ttl = std::min(ttl, max_negative_ttl_);
    if (ttl.count() <= 0) return;

    auto key = cache_key(name, type);
    const auto expires = clock_() + ttl;
    const std::lock_guard lock(mutex_);
    if (const auto found = index_.find(key); found != index_.end()) {
        found->second->answer = answer;
        found->second->expires = expires;
        entries_.splice(entries_.begin(), entries_, found->second);
        return;
    }
    if (entries_.size() >= max_entries_) {
        index_.erase(entries_.back().key);
        entries_.pop_back();
    }
    entries_.push_front(Entry{key, answer, expires});
    index_.emplace(std::move(key), entries_.begin());
}

std::size_t AnswerCache::size() const {
    const std::lock_guard lock(mutex_);
    return entries_.size();
}

void AnswerCache::clear() {
    const std::lock_guard lock(mutex_);
    entries_.clear();
    index_.clear();
}

}  // namespace mailwarden::dns
