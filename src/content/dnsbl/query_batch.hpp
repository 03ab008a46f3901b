// DNS questions asked concurrently through a Resolver's async_query, at most
// `max_in_flight` at a time, each distinct (name, type) once. What to do
// with an answer runs on the thread that calls run(), one at a time, and may
// ask further questions (the IP lists after a host's A record).
#pragma once

#include <mailwarden/dns.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace mailwarden::content_detail {

class QueryBatch {
public:
    using Then = std::function<void(const dns::Answer&)>;

    QueryBatch(dns::Resolver& resolver, std::size_t max_in_flight);
    ~QueryBatch();
    QueryBatch(const QueryBatch&) = delete;
    QueryBatch& operator=(const QueryBatch&) = delete;

    /// Asks `name` `type` (once, however often it is asked) and calls `then`
    /// with the answer from run().
    void ask(const std::string& name, dns::RecordType type, Then then);

    /// Sends what was asked and waits for every answer, including those of
    /// questions asked by the continuations. Returns when nothing is left.
    void run();

    /// Distinct questions sent so far.
    std::size_t sent() const noexcept;

private:
    struct State;
    dns::Resolver& resolver_;
    std::size_t max_in_flight_;
    std::shared_ptr<State> state_;
};

}  // namespace mailwarden::content_detail
