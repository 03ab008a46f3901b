#include "query_batch.hpp"

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace mailwarden::content_detail {

namespace {

using Key = std::pair<std::string, dns::RecordType>;

struct Question {
    std::optional<dns::Answer> answer;
    std::vector<QueryBatch::Then> waiting;
};

}  // namespace

// Shared with the completions, which may run on the resolver's thread and
// outlive nothing: run() waits for all of them, yet they hold the state so
// the last unlock never touches freed memory.
struct QueryBatch::State {
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t in_flight = 0;
    std::deque<std::pair<Key, dns::Answer>> arrived;
    // Touched by the run() thread only:
    std::map<Key, Question> questions;
    std::deque<Key> to_send;
    std::deque<std::pair<Then, const dns::Answer*>> ready;
    std::size_t sent = 0;
};

QueryBatch::QueryBatch(dns::Resolver& resolver, std::size_t max_in_flight)
    : resolver_(resolver), max_in_flight_(max_in_flight == 0 ? 1 : max_in_flight), state_(std::make_shared<State>()) {}

QueryBatch::~QueryBatch() = default;

void QueryBatch::ask(const std::string& name, dns::RecordType type, Then then) {
    Key key{name, type};
    auto [it, fresh] = state_->questions.try_emplace(key);
    if (it->second.answer) {
        state_->ready.emplace_back(std::move(then), &*it->second.answer);
        return;
    }
    it->second.waiting.push_back(std::move(then));
    if (fresh) state_->to_send.push_back(std::move(key));
}

std::size_t QueryBatch::sent() const noexcept { return state_->sent; }

void QueryBatch::run() {
    State& s = *state_;
    while (true) {
        // Continuations first: they may ask more.
        while (!s.ready.empty()) {
            auto [then, answer] = std::move(s.ready.front());
            s.ready.pop_front();
            then(*answer);
        }
        std::size_t in_flight = 0;
        {
            std::lock_guard lock(s.mutex);
            in_flight = s.in_flight;
        }
        while (!s.to_send.empty() && in_flight < max_in_flight_) {
            Key key = std::move(s.to_send.front());
            s.to_send.pop_front();
            {
                std::lock_guard lock(s.mutex);
                in_flight = ++s.in_flight;
            }
            ++s.sent;
            auto state = state_;
            Key copy = key;
            resolver_.async_query(key.first, key.second, [state, copy = std::move(copy)](dns::Answer answer) mutable {
                std::lock_guard lock(state->mutex);
                state->arrived.emplace_back(std::move(copy), std::move(answer));
                --state->in_flight;
                state->changed.notify_all();
            });
        }
        std::deque<std::pair<Key, dns::Answer>> arrived;
        {
            std::unique_lock lock(s.mutex);
            if (s.arrived.empty() && s.in_flight == 0 && s.to_send.empty() && s.ready.empty()) return;
            s.changed.wait(lock, [&] { return !s.arrived.empty() || s.in_flight == 0; });
            arrived.swap(s.arrived);
        }
        for (auto& [key, answer] : arrived) {
            Question& q = s.questions[key];
            q.answer = std::move(answer);
            for (auto& then : q.waiting) s.ready.emplace_back(std::move(then), &*q.answer);
            q.waiting.clear();
        }
    }
}

}  // namespace mailwarden::content_detail
