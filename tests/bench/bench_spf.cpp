// check_host() evaluations per second on one core, over the policies of the
// RFC 7208 test suite: each of its 203 tests (client, sender, HELO) is
// evaluated against its scenario's zone served from memory, so the figure
// is the evaluator's cost plus a minimal resolver's (a warm cache).
//   bench_spf [--suite FILE] [--rounds R] [--seconds S]
// peers_pyspf.py runs the same tests through pyspf; run_spf_bench.sh runs both.
#include "spf_suite.hpp"

#include <mailwarden/spf.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <new>
#include <string>

// Counts heap allocations process-wide (the library's included), to report
// allocations per evaluation.
namespace {
std::atomic<std::size_t> allocations{0};
}

void* operator new(std::size_t size) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace spf = mailwarden::spf;

namespace {

// Forwards to a zone, counting the allocations made while answering, so the
// evaluator's own share can be told apart.
class CountingResolver final : public mailwarden::dns::Resolver {
public:
    mailwarden::dns::Answer query(std::string_view name, mailwarden::dns::RecordType type) override {
        const std::size_t before = allocations.load(std::memory_order_relaxed);
        mailwarden::dns::Answer answer = zone->query(name, type);
        resolver_allocations += allocations.load(std::memory_order_relaxed) - before;
        return answer;
    }
    spf_suite::ZoneResolver* zone = nullptr;
    std::size_t resolver_allocations = 0;
};

}  // namespace

int main(int argc, char** argv) {
    std::string suite_path = MW_TEST_DATA_DIR "/spf/rfc7208-tests.json";
    int rounds = 5;
    double seconds = 1.0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--suite") == 0 && i + 1 < argc) suite_path = argv[++i];
        else if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) rounds = std::stoi(argv[++i]);
        else if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) seconds = std::stod(argv[++i]);
        else {
            std::fprintf(stderr, "usage: bench_spf [--suite FILE] [--rounds R] [--seconds S]\n");
            return 2;
        }
    }
    const auto suite = spf_suite::load(suite_path);
    std::vector<spf_suite::ZoneResolver> zones;
    zones.reserve(suite.zones.size());
    for (const auto& z : suite.zones) zones.emplace_back(z);

    struct Case {
        spf::SpfRequest request;
        spf_suite::ZoneResolver* zone;
        const spf_suite::Test* test;
    };
    std::vector<Case> cases;
    for (const auto& t : suite.tests) {
        spf::SpfRequest r;
        r.ip = *spf::IpAddress::parse(t.host);
        r.sender = t.mailfrom;
        r.helo = t.helo;
        cases.push_back({r, &zones[t.zone], &t});
    }
    spf::SpfOptions options;
    options.timestamp = 1700000000;
    options.default_explanation = "DEFAULT";

    // Correctness first: the figure is for an evaluator that gets them right.
    std::map<std::string, int> results;
    std::size_t expected = 0;
    spf::SpfOutcome out;
    for (const auto& c : cases) {
        spf::check_host(*c.zone, c.request, options, out);
        const std::string r(spf::to_string(out.result));
        ++results[r];
        if (std::find(c.test->results.begin(), c.test->results.end(), r) != c.test->results.end()) ++expected;
    }

    double best = 0;
    std::size_t evaluations_per_round = 0;
    std::size_t queries = 0;
    std::size_t resolver_allocs = 0;
    CountingResolver counting;
    for (int round = 0; round < rounds; ++round) {
        std::size_t n = 0;
        for (auto& z : zones) z.queries = 0;
        const auto start = std::chrono::steady_clock::now();
        std::chrono::duration<double> took{};
        do {
            for (const auto& c : cases) spf::check_host(*c.zone, c.request, options, out);
            n += cases.size();
            took = std::chrono::steady_clock::now() - start;
        } while (took.count() < seconds);
        const double rate = static_cast<double>(n) / took.count();
        if (rate > best) {
            best = rate;
            evaluations_per_round = n;
            queries = 0;
            for (auto& z : zones) queries += z.queries;
        }
    }
    // One more pass through the counting resolver: how many of the
    // allocations happen inside the resolver.
    const std::size_t allocs_before = allocations.load();
    for (const auto& c : cases) {
        counting.zone = c.zone;
        spf::check_host(counting, c.request, options, out);
    }
    const std::size_t pass_allocs = allocations.load() - allocs_before;
    resolver_allocs = counting.resolver_allocations;

    std::printf("mailwarden check_host\t%zu tests\t%zu with an expected result\t", cases.size(), expected);
    for (const auto& [r, count] : results) std::printf("%s=%d ", r.c_str(), count);
    std::printf("\n");
    const double per = static_cast<double>(cases.size());
    std::printf("mailwarden check_host\t%.0f evaluations/s (best of %d)\t%.2f DNS queries/evaluation\t"
                "%.2f allocations/evaluation, %.2f of them in the resolver\n",
                best, rounds, static_cast<double>(queries) / static_cast<double>(evaluations_per_round),
                static_cast<double>(pass_allocs) / per, static_cast<double>(resolver_allocs) / per);
    return 0;
}
