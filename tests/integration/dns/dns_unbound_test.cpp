// make_resolver() against a real recursive server: unbound started by
// tests/peers/unbound/run-with-unbound.sh (MW_TEST_DNS=127.0.0.1:PORT),
// serving the zones of tests/peers/unbound/zones. Asserts what those zone
// files say. unbound counts TTLs down from when it cached a record, which is
// never before it started (MW_UNBOUND_STARTED): a TTL is checked against the
// zone's value less the seconds since then. What unbound was asked is read
// from its own statistics (unbound-control, MW_UNBOUND_CONF).
#include "net/dns/caching_resolver.hpp"

#include <mailwarden/dns.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <mutex>
#include <string>

using namespace std::chrono_literals;
using mailwarden::dns::Answer;
using mailwarden::dns::IpAddress;
using mailwarden::dns::MxRecord;
using mailwarden::dns::RecordType;
using mailwarden::dns::Resolver;
using mailwarden::dns::ResolverOptions;
using mailwarden::dns::Status;

namespace {

ResolverOptions options(bool cache = false) {
    const char* server = std::getenv("MW_TEST_DNS");
    REQUIRE_MESSAGE(server != nullptr, "MW_TEST_DNS is not set: run through tests/peers/unbound/run-with-unbound.sh");
    ResolverOptions o;
    o.servers = {server};
    o.timeout = 2000ms;
    o.tries = 2;
    o.cache = cache;
    return o;
}

std::shared_ptr<Resolver> resolver(const ResolverOptions& o) {
    std::error_code ec;
    auto r = mailwarden::dns::make_resolver(o, ec);
    REQUIRE_MESSAGE(r != nullptr, ec.message());
    return r;
}

Answer ask(std::string_view name, RecordType type) {
    static const auto shared = resolver(options());
    return shared->query(name, type);
}

// The queries unbound has answered so far (its total.num.queries).
long long unbound_queries() {
    const char* conf = std::getenv("MW_UNBOUND_CONF");
    REQUIRE_MESSAGE(conf != nullptr, "MW_UNBOUND_CONF is not set: run through tests/peers/unbound/run-with-unbound.sh");
    const std::string command = std::string("unbound-control -c '") + conf + "' stats_noreset";
    FILE* out = popen(command.c_str(), "r");
    REQUIRE(out != nullptr);
    long long queries = -1;
    char line[256];
    while (std::fgets(line, sizeof line, out) != nullptr)
        if (std::sscanf(line, "total.num.queries=%lld", &queries) == 1) break;
    while (std::fgets(line, sizeof line, out) != nullptr) {
    }
    REQUIRE(pclose(out) == 0);
    REQUIRE(queries >= 0);
    return queries;
}

// A TTL unbound gives for a record whose zone TTL is `zone_ttl`: at most
// that, and less by no more than the seconds unbound has been running (plus
// one for rounding).
void check_ttl(std::uint32_t ttl, std::uint32_t zone_ttl) {
    const char* started = std::getenv("MW_UNBOUND_STARTED");
    REQUIRE_MESSAGE(started != nullptr, "MW_UNBOUND_STARTED is not set: run through tests/peers/unbound/run-with-unbound.sh");
    const long long running = static_cast<long long>(std::time(nullptr)) - std::atoll(started) + 1;
    const long long lowest = std::max(0LL, static_cast<long long>(zone_ttl) - running);
    CHECK(ttl <= zone_ttl);
    CHECK(static_cast<long long>(ttl) >= lowest);
}

std::string expected_big_text(int i) {
    return "big" + std::to_string(i) + ":" + std::string(240, static_cast<char>('a' + i)) +
           std::string(240, static_cast<char>('A' + i));
}

}  // namespace

TEST_CASE("TXT: strings of one record joined, several records apart") {
    auto a = ask("mailwarden.test", RecordType::txt);
    REQUIRE(a.ok());
    check_ttl(a.ttl, 300);
    std::sort(a.texts.begin(), a.texts.end());
    REQUIRE(a.texts.size() == 2);
    CHECK(a.texts[0] == "site-verification=4f767caa");
    CHECK(a.texts[1] == "v=spf1 ip4:192.0.2.0/24 include:_spf.other.test -all");

    const auto spf = ask("_spf.other.test", RecordType::txt);
    REQUIRE(spf.ok());
    CHECK(spf.texts == std::vector<std::string>{"v=spf1 ip4:198.51.100.0/24 ~all"});
}

TEST_CASE("a TXT set of 4 kB arrives whole (over TCP), with or without EDNS") {
    for (std::uint16_t edns : {std::uint16_t{1232}, std::uint16_t{0}}) {
        auto o = options();
        o.edns_udp_size = edns;
        auto a = resolver(o)->query("big.mailwarden.test", RecordType::txt);
        INFO("EDNS size " << edns);
        REQUIRE(a.ok());
        REQUIRE(a.texts.size() == 8);
        std::sort(a.texts.begin(), a.texts.end());
        std::size_t total = 0;
        for (int i = 0; i < 8; ++i) {
            CHECK(a.texts[static_cast<std::size_t>(i)] == expected_big_text(i));
            total += a.texts[static_cast<std::size_t>(i)].size();
        }
        CHECK(total > 3800);
    }
}

TEST_CASE("MX: preferences, lower-cased exchanges, null MX") {
    auto a = ask("mailwarden.test", RecordType::mx);
    REQUIRE(a.ok());
    std::sort(a.mx.begin(), a.mx.end(), [](const MxRecord& x, const MxRecord& y) { return x.preference < y.preference; });
    REQUIRE(a.mx.size() == 2);
    CHECK(a.mx[0] == MxRecord{10, "mx1.mailwarden.test"});
    CHECK(a.mx[1] == MxRecord{20, "mx2.mailwarden.test"});

    const auto null = ask("nomail.mailwarden.test", RecordType::mx);
    REQUIRE(null.ok());
    REQUIRE(null.mx.size() == 1);
    CHECK(null.mx[0].is_null());
    CHECK(null.mx[0].preference == 0);
}

TEST_CASE("A and AAAA with their TTLs") {
    auto a = ask("host.mailwarden.test", RecordType::a);
    REQUIRE(a.ok());
    std::vector<std::string> texts;
    for (const auto& ip : a.addresses) texts.push_back(ip.to_string());
    std::sort(texts.begin(), texts.end());
    CHECK(texts == std::vector<std::string>{"192.0.2.1", "192.0.2.2"});
    check_ttl(a.ttl, 300);

    const auto v6 = ask("HOST.Mailwarden.Test.", RecordType::aaaa);
    REQUIRE(v6.ok());
    REQUIRE(v6.addresses.size() == 1);
    CHECK(v6.addresses[0] == *IpAddress::parse("2001:db8::1"));

    const auto s = ask("short.mailwarden.test", RecordType::a);
    REQUIRE(s.ok());
    check_ttl(s.ttl, 60);
}

TEST_CASE("a CNAME chain across zones is followed; the shortest TTL wins") {
    const auto a = ask("chain.mailwarden.test", RecordType::a);
    REQUIRE(a.ok());
    REQUIRE(a.addresses.size() == 1);
    CHECK(a.addresses[0].to_string() == "192.0.2.20");
    check_ttl(a.ttl, 90);  // step.other.test's CNAME

    const auto t = ask("chain.mailwarden.test", RecordType::txt);
    REQUIRE(t.ok());
    CHECK(t.texts == std::vector<std::string>{"chained"});

    const auto c = ask("chain.mailwarden.test", RecordType::cname);
    REQUIRE(c.ok());
    CHECK(c.names == std::vector<std::string>{"step.other.test"});

    // The chain ends at a name without MX: nodata, not an error.
    const auto mx = ask("chain.mailwarden.test", RecordType::mx);
    CHECK(mx.status == Status::nodata);
    check_ttl(mx.ttl, 60);

    // An alias to a missing name: NXDOMAIN with the target zone's negative TTL.
    const auto d = ask("dangling.mailwarden.test", RecordType::a);
    CHECK(d.status == Status::nxdomain);
    check_ttl(d.ttl, 30);
}

TEST_CASE("PTR for IPv4 and IPv6 reverse names") {
    auto a = ask("1.2.0.192.in-addr.arpa", RecordType::ptr);
    REQUIRE(a.ok());
    std::sort(a.names.begin(), a.names.end());
    CHECK(a.names == std::vector<std::string>{"alias.mailwarden.test", "host.mailwarden.test"});

    const auto v6 = ask("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", RecordType::ptr);
    REQUIRE(v6.ok());
    CHECK(v6.names == std::vector<std::string>{"host.mailwarden.test"});

    CHECK(ask("99.2.0.192.in-addr.arpa", RecordType::ptr).status == Status::nxdomain);
}

TEST_CASE("NXDOMAIN and NODATA are told apart, with the SOA minimum as TTL") {
    const auto nx = ask("nope.mailwarden.test", RecordType::a);
    CHECK(nx.status == Status::nxdomain);
    CHECK(nx.missing());
    check_ttl(nx.ttl, 60);

    const auto nodata = ask("host.mailwarden.test", RecordType::mx);
    CHECK(nodata.status == Status::nodata);
    CHECK(nodata.missing());
    check_ttl(nodata.ttl, 60);

    CHECK(ask("mailwarden.test", RecordType::spf).status == Status::nodata);
    CHECK(ask("nothing.example", RecordType::a).status == Status::nxdomain);

    const auto ns = ask("mailwarden.test", RecordType::ns);
    REQUIRE(ns.ok());
    CHECK(ns.names == std::vector<std::string>{"ns.mailwarden.test"});
}

TEST_CASE("the cache answers again without asking unbound") {
    auto r = resolver(options(true));
    const long long before = unbound_queries();
    const auto first = r->query("end.mailwarden.test", RecordType::a);
    REQUIRE(first.ok());
    CHECK(unbound_queries() == before + 1);
    const auto second = r->query("end.mailwarden.test", RecordType::a);
    REQUIRE(second.ok());
    CHECK(second.addresses == first.addresses);
    CHECK(second.ttl <= first.ttl);
    CHECK(unbound_queries() == before + 1);  // the cache answered

    const auto negative = r->query("nope.mailwarden.test", RecordType::txt);
    CHECK(negative.status == Status::nxdomain);
    CHECK(unbound_queries() == before + 2);
    CHECK(r->query("nope.mailwarden.test", RecordType::txt).status == Status::nxdomain);
    CHECK(unbound_queries() == before + 2);  // negative answers are cached too
}

TEST_CASE("a cached answer's TTL counts down with the cache's clock; when it ends unbound is asked again") {
    // The cache of make_resolver() on a clock the test moves.
    auto now = std::make_shared<std::atomic<std::chrono::steady_clock::time_point>>(std::chrono::steady_clock::now());
    mailwarden::dns::CachingResolver cached(resolver(options(false)), 100, 300s, [now] { return now->load(); });
    const long long before = unbound_queries();
    const auto first = cached.query("end.mailwarden.test", RecordType::a);  // zone TTL 300
    REQUIRE(first.ok());
    REQUIRE(first.ttl > 10);
    *now = now->load() + 7s;
    const auto later = cached.query("end.mailwarden.test", RecordType::a);
    CHECK(later.ttl == first.ttl - 7);
    CHECK(unbound_queries() == before + 1);
    *now = now->load() + std::chrono::seconds(first.ttl);  // past the end of the TTL
    const auto again = cached.query("end.mailwarden.test", RecordType::a);
    REQUIRE(again.ok());
    CHECK(unbound_queries() == before + 2);
}

TEST_CASE("many concurrent lookups of distinct names all complete, each exactly once") {
    auto o = options();
    o.max_concurrency = 16;
    auto r = resolver(o);
    constexpr int count = 500;
    std::mutex mutex;
    std::condition_variable done;
    std::map<int, int> completions;  // lookup -> times its callback ran
    int completed = 0;
    int ok = 0;
    for (int i = 0; i < count; ++i) {
        r->async_query("n" + std::to_string(i) + ".wild.mailwarden.test", RecordType::mx, [&, i](Answer a) {
            const std::lock_guard lock(mutex);
            ++completions[i];
            ++completed;
            if (a.ok() && a.mx.size() == 1 && a.mx[0] == MxRecord{10, "mx1.mailwarden.test"}) ++ok;
            done.notify_all();
        });
    }
    {
        std::unique_lock lock(mutex);
        // Generous: only a hang takes this long.
        REQUIRE(done.wait_for(lock, 120s, [&] { return completed >= count; }));
    }
    // Destroying the resolver completes whatever is still pending: after it
    // no callback can come, so a second run of any would show now.
    r.reset();
    const std::lock_guard lock(mutex);
    CHECK(completed == count);
    CHECK(completions.size() == static_cast<std::size_t>(count));
    CHECK(std::all_of(completions.begin(), completions.end(), [](const auto& c) { return c.second == 1; }));
    CHECK(ok == count);
}
