// The c-ares resolver against fake name servers on 127.0.0.1: statuses for
// SERVFAIL, REFUSED, silence, a closed port and garbage; TCP after a
// truncated UDP answer; server failover; the concurrency bound; shutdown.
#include "fake_dns_server.hpp"
#include "../../support/closed_port.hpp"
#include "../../support/eventually.hpp"
#include "net/dns/cares_resolver.hpp"
#include "net/dns/caching_resolver.hpp"

#include <mailwarden/dns.hpp>
#include <mailwarden/error.hpp>

#include <doctest/doctest.h>

#include <condition_variable>
#include <future>
#include <mutex>

using namespace std::chrono_literals;
using namespace dns_test;
using mailwarden::dns::Answer;
using mailwarden::dns::CaresResolver;
using mailwarden::dns::RecordType;
using mailwarden::dns::Resolver;
using mailwarden::dns::ResolverOptions;
using mailwarden::dns::Status;

namespace {

constexpr unsigned A = 1, SOA = 6, TXT = 16;

// The fake servers answer at once; a long timeout keeps a slow machine from
// turning a late answer into a retry. Tests of timeouts set their own.
ResolverOptions options_for(std::initializer_list<const FakeDnsServer*> servers) {
    ResolverOptions o;
    for (const auto* s : servers) o.servers.push_back(s->address());
    o.timeout = 10000ms;
    o.tries = 2;
    o.cache = false;
    return o;
}

std::shared_ptr<Resolver> make(const ResolverOptions& o) {
    std::error_code ec;
    auto r = mailwarden::dns::make_resolver(o, ec);
    REQUIRE_MESSAGE(r != nullptr, ec.message());
    CHECK_FALSE(ec);
    return r;
}

Bytes a_answer(const Question& q, std::uint8_t last = 1) {
    Message m(q.name, q.type, 0, q.id);
    m.record(answer, q.name, A, 120, Bytes{192, 0, 2, last});
    return m.bytes();
}

// Waits for a number of completions and remembers their answers.
struct Collector {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<Answer> answers;
    std::vector<std::thread::id> threads;

    std::function<void(Answer)> callback() {
        return [this](Answer a) {
            const std::lock_guard lock(mutex);
            answers.push_back(std::move(a));
            threads.push_back(std::this_thread::get_id());
            changed.notify_all();
        };
    }

    std::size_t count() {
        const std::lock_guard lock(mutex);
        return answers.size();
    }

    bool wait_for(std::size_t count, std::chrono::milliseconds limit = test_support::hang_limit) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, limit, [&] { return answers.size() >= count; });
    }
};

}  // namespace

TEST_CASE("an answer comes back on the resolver's thread, once") {
    FakeDnsServer server([](const Question& q, bool) { return Reply{a_answer(q, 7)}; });
    Collector got;  // outlives the resolver, whose destructor completes into it
    auto resolver = make(options_for({&server}));
    resolver->async_query("Host.Example.TEST.", RecordType::a, got.callback());
    REQUIRE(got.wait_for(1));
    const auto blocking = resolver->query("host.example.test", RecordType::a);
    resolver.reset();  // after it no completion can come: a second one would show
    REQUIRE(got.answers.size() == 1);
    CHECK(got.answers[0].ok());
    CHECK(got.answers[0].ttl == 120);
    REQUIRE(got.answers[0].addresses.size() == 1);
    CHECK(got.answers[0].addresses[0].to_string() == "192.0.2.7");
    CHECK(got.threads[0] != std::this_thread::get_id());

    CHECK(blocking.ok());
    CHECK(server.udp_queries() == 2);  // no cache asked for
}

TEST_CASE("SERVFAIL and REFUSED are servfail after every try, never missing") {
    for (unsigned rcode : {2u, 5u}) {
        FakeDnsServer server([rcode](const Question& q, bool) { return Reply{Message(q.name, q.type, rcode, q.id).bytes()}; });
        auto o = options_for({&server});
        o.tries = 3;
        auto resolver = make(o);
        const auto a = resolver->query("example.test", RecordType::txt);
        INFO("rcode " << rcode);
        CHECK(a.status == Status::servfail);
        CHECK(a.temporary_failure());
        CHECK_FALSE(a.missing());
        CHECK(server.udp_queries() == 3);
    }
}

TEST_CASE("a silent server is a timeout after every try") {
    FakeDnsServer server([](const Question&, bool) { return std::optional<Reply>(); });
    auto o = options_for({&server});
    o.timeout = 100ms;
    o.tries = 2;
    auto resolver = make(o);
    const auto start = std::chrono::steady_clock::now();
    const auto a = resolver->query("example.test", RecordType::mx);
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(a.status == Status::timeout);
    CHECK(a.temporary_failure());
    CHECK(server.udp_queries() == 2);
    CHECK(took >= 250ms);  // 100 ms, then 200 ms: c-ares doubles each round
    CHECK(took < 60s);     // it ends: only a hang takes this long
}

TEST_CASE("a closed port is servfail, at once") {
    const test_support::ClosedPort closed(SOCK_DGRAM);
    ResolverOptions o;
    o.servers = {"127.0.0.1:" + std::to_string(closed.port())};
    o.timeout = 30000ms;  // a refusal must not wait for it
    o.tries = 2;
    o.cache = false;
    auto resolver = make(o);
    const auto start = std::chrono::steady_clock::now();
    const auto a = resolver->query("example.test", RecordType::a);
    CHECK(a.status == Status::servfail);
    CHECK(a.temporary_failure());
    CHECK(std::chrono::steady_clock::now() - start < 20s);  // refused, not timed out
}

TEST_CASE("a broken answer is malformed") {
    FakeDnsServer server([](const Question& q, bool) {
        Message m(q.name, q.type, 0, q.id);
        m.record(answer, q.name, TXT, 60, Bytes{40, 'v', '='});  // string longer than its RDATA
        return Reply{m.bytes()};
    });
    auto resolver = make(options_for({&server}));
    const auto a = resolver->query("example.test", RecordType::txt);
    CHECK(a.status == Status::malformed);
    CHECK(a.temporary_failure());
}

TEST_CASE("NXDOMAIN with an SOA comes back with the negative TTL") {
    FakeDnsServer server([](const Question& q, bool) {
        Message m(q.name, q.type, 3, q.id);
        m.record(authority, "example.test", SOA, 600, rdata_soa("ns.example.test", 90));
        return Reply{m.bytes()};
    });
    auto resolver = make(options_for({&server}));
    const auto a = resolver->query("nope.example.test", RecordType::a);
    CHECK(a.status == Status::nxdomain);
    CHECK(a.ttl == 90);
}

TEST_CASE("a truncated UDP answer is asked again over TCP") {
    // 12 records of 250 bytes: 3 kB, more than any UDP size c-ares advertises.
    auto big = [](const Question& q) {
        Message m(q.name, q.type, 0, q.id);
        for (int i = 0; i < 12; ++i)
            m.record(answer, q.name, TXT, 300, rdata_txt({std::string(249, static_cast<char>('a' + i))}));
        return m.bytes();
    };
    for (std::uint16_t edns : {std::uint16_t{0}, std::uint16_t{1232}}) {
        FakeDnsServer server([&](const Question& q, bool tcp) {
            if (tcp) return Reply{big(q)};
            return Reply{Message(q.name, q.type, 0, q.id).flags(0x8380).bytes()};  // TC set, no records
        });
        auto o = options_for({&server});
        o.edns_udp_size = edns;
        auto resolver = make(o);
        const auto a = resolver->query("big.example.test", RecordType::txt);
        INFO("EDNS size " << edns);
        REQUIRE(a.ok());
        REQUIRE(a.texts.size() == 12);
        CHECK(a.texts[11] == std::string(249, 'l'));
        CHECK(server.udp_queries() == 1);
        CHECK(server.tcp_queries() == 1);
    }
}

TEST_CASE("a failing first server hands over to the next") {
    FakeDnsServer failing([](const Question& q, bool) { return Reply{Message(q.name, q.type, 2, q.id).bytes()}; });
    FakeDnsServer working([](const Question& q, bool) { return Reply{a_answer(q, 9)}; });
    auto resolver = make(options_for({&failing, &working}));
    const auto a = resolver->query("example.test", RecordType::a);
    REQUIRE(a.ok());
    CHECK(a.addresses[0].to_string() == "192.0.2.9");
    CHECK(failing.udp_queries() == 1);
    CHECK(working.udp_queries() == 1);
}

TEST_CASE("no more than max_concurrency queries are in flight; the rest wait") {
    // Answers wait until 8 queries are in flight (48 is a multiple of 8).
    FakeDnsServer server([](const Question& q, bool) { return Reply{a_answer(q)}; }, 8);
    auto o = options_for({&server});
    o.max_concurrency = 8;
    o.timeout = 60000ms;  // held answers are late on purpose, never lost
    Collector got;  // outlives the resolver, whose destructor completes into it
    auto resolver = make(o);
    for (int i = 0; i < 48; ++i) resolver->async_query("n" + std::to_string(i) + ".example.test", RecordType::a, got.callback());
    REQUIRE_MESSAGE(got.wait_for(48), got.count() << " completed; the server saw " << server.udp_queries()
                                                 << ", held at most " << server.max_outstanding());
    resolver.reset();  // after it no completion can come: a second one would show
    CHECK(got.answers.size() == 48);
    for (const auto& a : got.answers) CHECK(a.ok());
    CHECK(server.udp_queries() == 48);
    CHECK(server.max_outstanding() == 8);
}

TEST_CASE("destroying the resolver completes everything pending with servfail") {
    FakeDnsServer server([](const Question&, bool) { return std::optional<Reply>(); });
    auto o = options_for({&server});
    o.timeout = 300000ms;  // only the destructor can end these queries in time
    o.max_concurrency = 4;
    Collector got;  // outlives the resolver, whose destructor completes into it
    auto resolver = make(o);
    for (int i = 0; i < 10; ++i) resolver->async_query("n" + std::to_string(i) + ".test", RecordType::a, got.callback());
    REQUIRE(test_support::eventually([&] { return server.udp_queries() >= 4; }));
    const auto start = std::chrono::steady_clock::now();
    resolver.reset();
    CHECK(std::chrono::steady_clock::now() - start < 60s);  // not the 5 min timeout
    REQUIRE(got.wait_for(10, 0ms));  // every completion ran inside the destructor
    for (const auto& a : got.answers) CHECK(a.status == Status::servfail);
}

TEST_CASE("the last reference may go inside a completion") {
    FakeDnsServer server([](const Question& q, bool) { return Reply{a_answer(q)}; });
    auto resolver = make(options_for({&server}));
    std::promise<Status> done;
    auto* r = resolver.get();
    r->async_query("example.test", RecordType::a,
                   [keep = std::move(resolver), &done](Answer a) mutable { done.set_value(a.status); });
    CHECK(done.get_future().get() == Status::ok);
    std::this_thread::sleep_for(100ms);  // the detached thread winds down
}

TEST_CASE("query() inside a completion does not deadlock") {
    FakeDnsServer server([](const Question& q, bool) { return Reply{a_answer(q)}; });
    auto resolver = make(options_for({&server}));
    std::promise<Status> inner;
    resolver->async_query("example.test", RecordType::a,
                          [&](Answer) { inner.set_value(resolver->query("other.test", RecordType::a).status); });
    CHECK(inner.get_future().get() == Status::servfail);
}

TEST_CASE("a name c-ares cannot encode is malformed") {
    FakeDnsServer server([](const Question& q, bool) { return Reply{a_answer(q)}; });
    auto resolver = make(options_for({&server}));
    CHECK(resolver->query(std::string(64, 'x') + ".test", RecordType::a).status == Status::malformed);
    CHECK(resolver->query("a..test", RecordType::a).status == Status::malformed);
    CHECK(server.udp_queries() == 0);
}

TEST_CASE("make_resolver caches when asked and refuses bad options") {
    FakeDnsServer server([](const Question& q, bool) { return Reply{a_answer(q)}; });
    auto o = options_for({&server});
    o.cache = true;
    auto resolver = make(o);
    CHECK(dynamic_cast<mailwarden::dns::CachingResolver*>(resolver.get()) != nullptr);
    CHECK(resolver->query("example.test", RecordType::a).ok());
    const auto again = resolver->query("EXAMPLE.test.", RecordType::a);
    CHECK(again.ok());
    CHECK(again.ttl <= 120);
    CHECK(server.udp_queries() == 1);
    // Hits complete on the resolver thread too.
    Collector got;
    resolver->async_query("example.test", RecordType::a, got.callback());
    REQUIRE(got.wait_for(1));
    CHECK(got.threads[0] != std::this_thread::get_id());
    CHECK(server.udp_queries() == 1);

    for (const auto& bad : {std::string("localhost"), std::string("127.0.0.1:0"), std::string("[::1]:x")}) {
        ResolverOptions b;
        b.servers = {bad};
        std::error_code ec;
        CHECK(mailwarden::dns::make_resolver(b, ec) == nullptr);
        CHECK(ec == mailwarden::errc::invalid_argument);
    }
    std::error_code ec;
    ResolverOptions b;
    b.tries = 0;
    CHECK(mailwarden::dns::make_resolver(b, ec) == nullptr);
    CHECK(ec == mailwarden::errc::invalid_argument);
    b = {};
    b.max_concurrency = 0;
    CHECK(mailwarden::dns::make_resolver(b, ec) == nullptr);
    b = {};
    b.timeout = 0ms;
    CHECK(mailwarden::dns::make_resolver(b, ec) == nullptr);
    CHECK(ec == mailwarden::errc::invalid_argument);
    b = {};
    b.servers = {"[::1]:53", "192.0.2.53"};
    CHECK(mailwarden::dns::make_resolver(b, ec) != nullptr);  // nothing is sent until asked
    CHECK_FALSE(ec);
}
