// The real Resolver: a c-ares channel driven by a thread of its own.
#pragma once

#include <mailwarden/dns.hpp>

#include <functional>
#include <memory>
#include <system_error>
#include <thread>

namespace mailwarden::dns {

class CaresResolver final : public Resolver {
public:
    /// nullptr and `ec` set when an option is invalid (errc::invalid_argument)
    /// or c-ares cannot start (errc::internal). Ignores the cache options:
    /// make_resolver() puts a CachingResolver in front.
    static std::shared_ptr<CaresResolver> create(const ResolverOptions& options, std::error_code& ec);

    /// Cancels what is pending: those completions get servfail. When the last
    /// reference goes inside a completion, the thread finishes on its own.
    ~CaresResolver() override;
    CaresResolver(const CaresResolver&) = delete;
    CaresResolver& operator=(const CaresResolver&) = delete;

    /// Blocks on the resolver thread; called on that thread (from a
    /// completion) it cannot wait and answers servfail.
    Answer query(std::string_view name, RecordType type) override;
    /// `done` runs once on the resolver thread; an exception it throws is
    /// dropped. At most max_concurrency queries are in flight; the others wait
    /// in the order asked.
    void async_query(std::string name, RecordType type, std::function<void(Answer)> done) override;

    /// Runs `task` on the resolver thread (inline once shut down).
    void post(std::function<void()> task);

    class Engine;

private:
    CaresResolver() = default;

    std::shared_ptr<Engine> engine_;
    std::thread thread_;
};

}  // namespace mailwarden::dns
