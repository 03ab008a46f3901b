// MX lookups per second through make_resolver() for distinct domains, with
// bounded concurrency, against a local recursive server (see run_dns_bench.sh).
//   bench_dns_mx --write-names FILE [--count N] [--prefix P]   the names, dnsperf format ("NAME MX")
//   bench_dns_mx [--server ADDR] [--count N] [--concurrency C] [--prefix P] [--label L]
// ADDR defaults to $MW_TEST_DNS. Names are P<i>.bench.test, i < N.
#include <mailwarden/dns.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    std::size_t count = 50'000;
    std::size_t concurrency = 64;
    std::string prefix = "d";
    std::string label = "mailwarden";
    const char* server = std::getenv("MW_TEST_DNS");
    const char* names_file = nullptr;
    for (int i = 1; i < argc; ++i) {
        const auto arg = [&] { return i + 1 < argc ? argv[++i] : nullptr; };
        if (std::strcmp(argv[i], "--count") == 0 && i + 1 < argc) count = std::stoul(arg());
        else if (std::strcmp(argv[i], "--concurrency") == 0 && i + 1 < argc) concurrency = std::stoul(arg());
        else if (std::strcmp(argv[i], "--prefix") == 0 && i + 1 < argc) prefix = arg();
        else if (std::strcmp(argv[i], "--label") == 0 && i + 1 < argc) label = arg();
        else if (std::strcmp(argv[i], "--server") == 0 && i + 1 < argc) server = arg();
        else if (std::strcmp(argv[i], "--write-names") == 0 && i + 1 < argc) names_file = arg();
        else {
            std::fprintf(stderr, "usage: bench_dns_mx [--server ADDR] [--count N] [--concurrency C] [--prefix P] "
                                 "[--label L] [--write-names FILE]\n");
            return 2;
        }
    }
    std::vector<std::string> names;
    names.reserve(count);
    for (std::size_t i = 0; i < count; ++i) names.push_back(prefix + std::to_string(i) + ".bench.test");
    if (names_file != nullptr) {
        std::ofstream out(names_file);
        for (const auto& n : names) out << n << " MX\n";
        return out ? 0 : 1;
    }
    if (server == nullptr) {
        std::fprintf(stderr, "bench_dns_mx: no server (--server or MW_TEST_DNS)\n");
        return 2;
    }

    mailwarden::dns::ResolverOptions options;
    options.servers = {server};
    options.max_concurrency = concurrency;
    options.cache = false;  // every name is distinct anyway
    std::error_code ec;
    const auto resolver = mailwarden::dns::make_resolver(options, ec);
    if (!resolver) {
        std::fprintf(stderr, "bench_dns_mx: %s\n", ec.message().c_str());
        return 1;
    }

    std::mutex mutex;
    std::condition_variable all_done;
    std::size_t completed = 0;
    std::size_t ok = 0;
    std::size_t by_status[6] = {};
    const auto start = std::chrono::steady_clock::now();
    for (const auto& name : names) {
        resolver->async_query(name, mailwarden::dns::RecordType::mx, [&](mailwarden::dns::Answer a) {
            const bool good = a.ok() && a.mx.size() == 1 && a.mx[0].exchange == "mx.bench.test";
            const std::lock_guard lock(mutex);
            ++by_status[static_cast<int>(a.status)];
            ok += good ? 1 : 0;
            if (++completed == names.size()) all_done.notify_one();
        });
    }
    {
        std::unique_lock lock(mutex);
        all_done.wait(lock, [&] { return completed == names.size(); });
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::printf("%s\t%zu names\t%zu ok\t%zu timeout\t%zu servfail\t%.0f lookups/s (concurrency %zu)\n", label.c_str(),
                names.size(), ok, by_status[static_cast<int>(mailwarden::dns::Status::timeout)],
                by_status[static_cast<int>(mailwarden::dns::Status::servfail)],
                static_cast<double>(names.size()) / took.count(), concurrency);
    return ok == names.size() ? 0 : 1;
}
