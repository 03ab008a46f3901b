// add() stores the sender before the transport sends the verification mail:
// of concurrent adds of one address only the one whose row went in sends; a
// mail that could not be sent leaves the sender Failed with the reason, and
// adding it again (or resend) sends it. Each registry below has its own
// SQLite connection, as separate processes would.
#include <mailwarden/sender.hpp>
#include <mailwarden/store.hpp>
#include <mailwarden/transport.hpp>

#include "../../support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <functional>
#include <latch>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

using namespace mailwarden;
using namespace std::chrono_literals;

namespace {

// Counts verification requests; fails them while `failing` is set. Each
// request takes a little while, as a real transport's round trip does, and
// the identity exists once a request went through.
class FlakyTransport final : public Transport {
public:
    std::string_view name() const noexcept override { return "flaky"; }
    Result<Done, Error> request_verification(const VerificationRequest& request) override {
        ++requests;
        if (during_request) during_request();
        std::this_thread::sleep_for(5ms);
        if (failing) return unexpected(Error(errc::transport, "the outbox is full"));
        const std::lock_guard lock(mutex_);
        identities_.insert(request.address);
        return Done{};
    }
    Result<IdentityStatus, Error> identity_status(std::string_view address) override {
        const std::lock_guard lock(mutex_);
        return identities_.contains(std::string(address)) ? IdentityStatus::pending : IdentityStatus::not_found;
    }
    Result<Done, Error> delete_identity(std::string_view address) override {
        const std::lock_guard lock(mutex_);
        identities_.erase(std::string(address));
        return Done{};
    }
    Result<std::string, Error> send(const OutgoingMessage&, std::string_view) override { return std::string("id"); }

    std::atomic<bool> failing{false};
    std::atomic<int> requests{0};
    std::function<void()> during_request;  // set before the requests start

private:
    std::mutex mutex_;
    std::set<std::string> identities_;
};

struct Fixture {
    TempDir dir;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(from_unix_seconds(1'790'000'000));
    std::shared_ptr<FlakyTransport> transport = std::make_shared<FlakyTransport>();

    std::unique_ptr<SenderRegistry> registry() const {
        auto store = open_sqlite_store(dir.str("senders.db"));
        REQUIRE(store.has_value());
        return std::make_unique<SenderRegistry>(*store, transport, RegistryOptions{}, clock);
    }
};

std::string states_of(const Sender& s) {
    std::string out;
    for (const auto& h : s.history) out += (out.empty() ? "" : "/") + std::string(to_string(h.to));
    return out;
}

struct Outcomes {
    std::atomic<int> added{0};
    std::atomic<int> exists{0};
    std::atomic<int> other{0};
};

// `n` registries add `address` at the same moment.
void add_at_once(const Fixture& f, int n, const std::string& address, Outcomes& out) {
    std::vector<std::unique_ptr<SenderRegistry>> registries;
    for (int i = 0; i < n; ++i) registries.push_back(f.registry());
    std::latch start(n);
    std::vector<std::thread> threads;
    for (auto& r : registries) {
        threads.emplace_back([&, reg = r.get()] {
            start.arrive_and_wait();
            const auto added = reg->add(address, "News");
            if (added) ++out.added;
            else if (added.error().code == errc::already_exists) ++out.exists;
            else ++out.other;
        });
    }
    for (auto& t : threads) t.join();
}

}  // namespace

TEST_CASE("concurrent adds of one new address: one row, one verification mail") {
    Fixture f;
    Outcomes out;
    add_at_once(f, 8, "news@iana.org", out);
    CHECK(f.transport->requests.load() == 1);
    CHECK(out.added.load() == 1);
    CHECK(out.exists.load() == 7);
    CHECK(out.other.load() == 0);
    CHECK(f.registry()->list()->size() == 1);
}

TEST_CASE("a mail that cannot be sent leaves the sender Failed; adding it again sends it") {
    Fixture f;
    auto registry = f.registry();
    f.transport->failing = true;
    const auto refused = registry->add("news@iana.org", "News");
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == errc::transport);
    CHECK(refused.error().message.find("the outbox is full") != std::string::npos);

    const auto found = registry->get("news@iana.org");
    REQUIRE_MESSAGE(found.has_value(), "the sender is stored although its mail could not be sent");
    const Sender& stored = *found;
    CHECK(stored.state == VerificationState::failed);
    CHECK(stored.failure_reason.find("could not be sent") != std::string::npos);
    CHECK(stored.failure_reason.find("the outbox is full") != std::string::npos);
    CHECK(states_of(stored) == "Pending/Failed");

    // Still failing: the retry records it again, nothing else changes.
    CHECK(registry->add("news@iana.org", "News").error().code == errc::transport);
    CHECK(registry->get("news@iana.org")->state == VerificationState::failed);

    f.transport->failing = false;
    f.clock->advance(1h);
    const auto added = registry->add("news@iana.org", "News");
    REQUIRE_MESSAGE(added.has_value(), (added ? "" : added.error().message));
    CHECK(added->state == VerificationState::pending);
    CHECK(added->expires_at == f.clock->now() + 24h);
    CHECK(added->failure_reason.empty());
    CHECK(states_of(*registry->get("news@iana.org")) == "Pending/Failed/Pending/Failed/Pending");
    CHECK(f.transport->requests.load() == 3);

    // Now a mail is out: a further add is a duplicate and sends nothing.
    CHECK(registry->add("news@iana.org", "News").error().code == errc::already_exists);
    CHECK(f.transport->requests.load() == 3);
    CHECK(registry->list()->size() == 1);
}

TEST_CASE("a sender whose link expired unseen is Failed to add: adding it again sends a new mail") {
    Fixture f;
    auto registry = f.registry();
    REQUIRE(registry->add("news@iana.org", "").has_value());
    f.clock->advance(24h);  // nothing has read it since: still Pending in the store
    const auto again = registry->add("news@iana.org", "");
    REQUIRE_MESSAGE(again.has_value(), (again ? "" : again.error().message));
    CHECK(again->expires_at == f.clock->now() + 24h);
    CHECK(states_of(*again) == "Pending/Failed/Pending");
    CHECK(f.transport->requests.load() == 2);
}

TEST_CASE("resend also sends the mail an add could not") {
    Fixture f;
    auto registry = f.registry();
    f.transport->failing = true;
    REQUIRE_FALSE(registry->add("news@iana.org", "").has_value());
    f.transport->failing = false;
    const auto resent = registry->resend("news@iana.org");
    REQUIRE(resent.has_value());
    CHECK(resent->state == VerificationState::pending);
    CHECK(f.transport->requests.load() == 2);
}

TEST_CASE("concurrent adds of a Failed sender: one takes it and sends, the others are told it exists") {
    Fixture f;
    f.transport->failing = true;
    REQUIRE_FALSE(f.registry()->add("news@iana.org", "").has_value());
    f.transport->failing = false;
    Outcomes out;
    add_at_once(f, 8, "news@iana.org", out);
    CHECK(f.transport->requests.load() == 2);  // the failed one, then one of the eight
    CHECK(out.added.load() == 1);
    CHECK(out.exists.load() == 7);
    CHECK(out.other.load() == 0);
    CHECK(f.registry()->get("news@iana.org")->state == VerificationState::pending);
}

TEST_CASE("a refresh while the mail is on its way does not fail the sender") {
    Fixture f;
    auto registry = f.registry();
    auto other = f.registry();  // another process's refresher
    f.transport->during_request = [&] { CHECK(other->refresh().has_value()); };
    REQUIRE(registry->add("news@iana.org", "").has_value());
    CHECK(registry->get("news@iana.org")->state == VerificationState::pending);

    // An identity missing for longer than a request can take is gone, though.
    f.transport->during_request = nullptr;
    REQUIRE(registry->add("gone@iana.org", "").has_value());
    REQUIRE(f.transport->delete_identity("gone@iana.org").has_value());
    REQUIRE(other->refresh().has_value());
    CHECK(registry->get("gone@iana.org")->state == VerificationState::pending);
    f.clock->advance(5min);
    REQUIRE(other->refresh().has_value());
    const auto gone = registry->get("gone@iana.org");
    CHECK(gone->state == VerificationState::failed);
    CHECK(gone->failure_reason.find("no longer verified") != std::string::npos);
}
