// check_host() evaluations per second through the c-ares resolver against a
// local unbound, with the resolver's cache on and warm: the policies and
// cases of tests/integration/spf_crosscheck/gen_spf_policies.py (the ones
// the pyspf cross-check uses). One warm-up pass fills both caches (unbound's
// and ours), then timed rounds run over every case; then the same with the
// cache off, every query answered by unbound.
//   MW_TEST_DNS=HOST:PORT bench_spf_dns CASES_JSON [--rounds R] [--seconds S]
// run_spf_dns_bench.sh starts unbound and runs pyspf on the same cases.
#include <mailwarden/dns.hpp>
#include <mailwarden/spf.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

namespace dns = mailwarden::dns;
namespace spf = mailwarden::spf;

int main(int argc, char** argv) {
    const char* server = std::getenv("MW_TEST_DNS");
    if (argc < 2 || server == nullptr) {
        std::fprintf(stderr, "usage: MW_TEST_DNS=HOST:PORT bench_spf_dns CASES_JSON [--rounds R] [--seconds S]\n");
        return 2;
    }
    int rounds = 3;
    double seconds = 2.0;
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) rounds = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) seconds = std::atof(argv[++i]);
    }
    std::ifstream in(argv[1]);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<spf::SpfRequest> requests;
    const boost::json::value cases = boost::json::parse(text);
    for (const auto& c : cases.as_array()) {
        const auto& o = c.as_object();
        spf::SpfRequest r;
        r.ip = *dns::IpAddress::parse(o.at("ip").as_string());
        r.sender = std::string(o.at("sender").as_string());
        r.helo = std::string(o.at("helo").as_string());
        requests.push_back(std::move(r));
    }

    // With the cache (the figure asked for), then without: every query to unbound.
    for (const bool cache : {true, false}) {
        dns::ResolverOptions ro;
        ro.servers = {server};
        ro.cache = cache;
        std::error_code ec;
        const auto resolver = dns::make_resolver(ro, ec);
        if (!resolver) {
            std::fprintf(stderr, "bench_spf_dns: %s\n", ec.message().c_str());
            return 1;
        }
        const char* mode = cache ? "cache warm" : "no client cache";
        spf::SpfOptions options;
        options.timestamp = 1700000000;
        spf::SpfOutcome outcome;

        // Warm-up: every query once, so unbound (and our cache) hold every answer.
        std::map<std::string, int> results;
        std::size_t queries = 0;
        for (const auto& r : requests) {
            spf::check_host(*resolver, r, options, outcome);
            ++results[std::string(spf::to_string(outcome.result))];
            queries += outcome.dns_queries;
        }
        std::string counts;
        for (const auto& [k, v] : results) counts += (counts.empty() ? "" : ", ") + k + " " + std::to_string(v);
        std::printf("mailwarden (%s): %zu cases, %.2f DNS queries per check; results: %s\n", mode, requests.size(),
                    static_cast<double>(queries) / static_cast<double>(requests.size()), counts.c_str());

        std::vector<double> rates;
        for (int round = 0; round < rounds; ++round) {
            std::size_t checks = 0;
            const auto start = std::chrono::steady_clock::now();
            std::chrono::duration<double> elapsed{};
            do {
                for (const auto& r : requests) spf::check_host(*resolver, r, options, outcome);
                checks += requests.size();
                elapsed = std::chrono::steady_clock::now() - start;
            } while (elapsed.count() < seconds);
            rates.push_back(static_cast<double>(checks) / elapsed.count());
            std::printf("mailwarden check_host, c-ares resolver (%s): round %d: %.0f checks/s\n", mode, round + 1,
                        rates.back());
        }
        std::sort(rates.begin(), rates.end());
        std::printf("mailwarden (%s) median: %.0f checks/s\n", mode, rates[rates.size() / 2]);
    }
    return 0;
}
