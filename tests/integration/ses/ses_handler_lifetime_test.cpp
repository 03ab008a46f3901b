// The caller's completion handler dies on the caller's side: once a handler
// bound to a strand has run, the library holds no copy of it, so a caller
// that destroys its io_context (and with it the strand's service) right after
// the result arrived cannot have the handler destroyed later on the client's
// thread. The race that used to do that was short; 200 rounds catch it: the
// probe below sees which thread destroyed the handler, and the sanitize build
// also stops on UBSan's "invalid vptr" in the strand's destructor.
#include "ses_test_support.hpp"

#include <mailwarden/asio.hpp>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <thread>

namespace asio = boost::asio;
using mailwarden::ses::SesResult;

namespace {

// Records the thread that destroys the live handler (moved-from copies
// are ignored): move-only, like the handlers the library must accept.
class DestroyedOn {
public:
    using Where = std::atomic<std::thread::id>;
    explicit DestroyedOn(std::shared_ptr<Where> where) : where_(std::move(where)) {}
    DestroyedOn(DestroyedOn&&) noexcept = default;
    DestroyedOn& operator=(DestroyedOn&&) = delete;
    ~DestroyedOn() {
        if (where_) *where_ = std::this_thread::get_id();
    }

private:
    std::shared_ptr<Where> where_;
};

}  // namespace

TEST_CASE("a strand-bound handler is gone when the caller's io_context is destroyed after the result") {
    auto client = ses_test::client_for(ses_test::endpoint_from_env("MW_TEST_SES_LOCAL_ENDPOINT"), ses_test::no_pacing);
    constexpr int rounds = 200;
    int completed = 0;
    int destroyed_elsewhere = 0;
    for (int round = 0; round < rounds; ++round) {
        auto destroyed_on = std::make_shared<DestroyedOn::Where>();
        bool ok = false;
        {
            auto io = std::make_unique<asio::io_context>();
            auto strand = asio::make_strand(*io);
            mailwarden::async_send_email(
                *client, ses_test::small_message(),
                asio::bind_executor(strand, [&ok, probe = DestroyedOn(destroyed_on)](SesResult<std::string> r) {
                    ok = r.has_value();
                }));
            io->run();  // returns once the handler has run and no work is left
            // The caller is done: its strand and io_context go at once.
        }
        if (ok) ++completed;
        if (destroyed_on->load() != std::this_thread::get_id()) ++destroyed_elsewhere;
    }
    CHECK(completed == rounds);
    CHECK(destroyed_elsewhere == 0);
}
