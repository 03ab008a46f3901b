// A Resolver decorator: answers from an AnswerCache while they live, and one
// query to the inner resolver for identical questions asked at once.
#pragma once

#include "net/dns/answer_cache.hpp"

#include <mailwarden/dns.hpp>

#include <functional>
#include <memory>

namespace mailwarden::dns {

class CachingResolver final : public Resolver {
public:
    /// Runs a task on the inner resolver's completion thread.
    using Post = std::function<void(std::function<void()>)>;

    /// `post` delivers cache hits of async_query() where the inner resolver
    /// delivers its completions (so the caller's thread never runs `done`
    /// from inside async_query()); without it hits complete inline.
    CachingResolver(std::shared_ptr<Resolver> inner, std::size_t max_entries, std::chrono::seconds max_negative_ttl,
                    AnswerCache::Clock clock = {}, Post post = {});

    Answer query(std::string_view name, RecordType type) override;
    void async_query(std::string name, RecordType type, std::function<void(Answer)> done) override;

    AnswerCache& cache() noexcept;

private:
    struct State;
    std::shared_ptr<Resolver> inner_;
    std::shared_ptr<State> state_;  // shared with completions still running
    Post post_;
};

}  // namespace mailwarden::dns
