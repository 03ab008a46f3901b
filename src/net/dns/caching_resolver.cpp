// Cache in front, coalescing of identical questions in flight behind it.
// Completions hold the shared State, so they stay valid whatever the order
// in which the decorator and the inner resolver go away.
#include "net/dns/caching_resolver.hpp"

#include "net/dns/name.hpp"

#include <exception>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mailwarden::dns {

struct CachingResolver::State {
    State(std::size_t max_entries, std::chrono::seconds max_negative_ttl, AnswerCache::Clock clock)
        : cache(max_entries, max_negative_ttl, std::move(clock)) {}

    AnswerCache cache;
    std::mutex mutex;
    // Waiters per question in flight; the key is "<type>/<normalised name>".
    std::unordered_map<std::string, std::vector<std::function<void(Answer)>>> in_flight;
};

CachingResolver::CachingResolver(std::shared_ptr<Resolver> inner, std::size_t max_entries,
                                 std::chrono::seconds max_negative_ttl, AnswerCache::Clock clock, Post post)
    : inner_(std::move(inner)),
      state_(std::make_shared<State>(max_entries, max_negative_ttl, std::move(clock))),
      post_(std::move(post)) {}

AnswerCache& CachingResolver::cache() noexcept { return state_->cache; }

Answer CachingResolver::query(std::string_view name, RecordType type) {
    if (auto hit = state_->cache.find(name, type)) return std::move(*hit);
    Answer answer = inner_->query(name, type);
    state_->cache.store(name, type, answer);
    return answer;
}

void CachingResolver::async_query(std::string name, RecordType type, std::function<void(Answer)> done) {
    if (auto hit = state_->cache.find(name, type)) {
        if (post_) {
            post_([done = std::move(done), answer = std::move(*hit)]() mutable { done(std::move(answer)); });
        } else {
            done(std::move(*hit));
        }
        return;
    }
    std::string key = std::to_string(static_cast<int>(type)) + '/' + detail::normalize_name(name);
    {
        const std::lock_guard lock(state_->mutex);
        auto [it, first] = state_->in_flight.try_emplace(key);
        it->second.push_back(std::move(done));
        if (!first) return;  // the query already sent answers this one too
    }
    inner_->async_query(name, type, [state = state_, key = std::move(key), name, type](Answer answer) {
        state->cache.store(name, type, answer);
        std::vector<std::function<void(Answer)>> waiters;
        {
            const std::lock_guard lock(state->mutex);
            const auto it = state->in_flight.find(key);
            if (it != state->in_flight.end()) {
                waiters = std::move(it->second);
                state->in_flight.erase(it);
            }
        }
        // Every waiter runs even if one throws; the first exception goes on.
        std::exception_ptr error;
        for (std::size_t i = 0; i < waiters.size(); ++i) {
            try {
                if (i + 1 == waiters.size()) waiters[i](std::move(answer));
                else waiters[i](answer);
            } catch (...) {
                if (!error) error = std::current_exception();
            }
        }
        if (error) std::rethrow_exception(error);
    });
}

}  // namespace mailwarden::dns
