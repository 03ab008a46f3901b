// Address checks per second on one core: the full check (syntax, IDNA,
// classification, policy) over a generated corpus.
//   bench_address --write-corpus FILE [--count N]   write the corpus, one a line
//   bench_address [--count N] [--rounds R]          time the check
#include "address_corpus.hpp"

#include <mailwarden/address.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

int main(int argc, char** argv) {
    std::size_t count = 1'000'000;
    int rounds = 5;
    const char* corpus_file = nullptr;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--count") == 0 && i + 1 < argc) count = std::stoul(argv[++i]);
        else if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) rounds = std::stoi(argv[++i]);
        else if (std::strcmp(argv[i], "--write-corpus") == 0 && i + 1 < argc) corpus_file = argv[++i];
        else {
            std::fprintf(stderr, "usage: bench_address [--count N] [--rounds R] [--write-corpus FILE]\n");
            return 2;
        }
    }
    const auto corpus = bench::make_address_corpus(count);
    if (corpus_file != nullptr) {
        std::ofstream out(corpus_file, std::ios::binary);
        for (const auto& a : corpus) out << a << '\n';
        return out ? 0 : 1;
    }

    const mailwarden::AddressChecker checker;
    auto measure = [&](const char* label, const std::vector<std::string>& input, auto&& check_one) {
        std::size_t valid = 0;
        double best = 0;
        for (int r = 0; r < rounds; ++r) {
            valid = 0;
            const auto start = std::chrono::steady_clock::now();
            for (const auto& a : input) valid += check_one(a) ? 1u : 0u;
            const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
            best = std::max(best, static_cast<double>(input.size()) / took.count());
        }
        std::printf("%s\t%zu addresses\t%zu valid\t%.0f addresses/s (best of %d)\n", label, input.size(), valid,
                    best, rounds);
    };

    // Streaming: one result object reused, as a list import would.
    mailwarden::AddressCheck reused;
    measure("mailwarden (reused result)", corpus, [&](const std::string& a) {
        checker.check(a, reused);
        return reused.valid();
    });
    // A fresh result (and its allocation) per address.
    measure("mailwarden (new result each)", corpus, [&](const std::string& a) { return checker.check(a).valid(); });
    // Every domain distinct and internationalised: libidn2 on each, no cache hit.
    std::vector<std::string> cold;
    for (std::size_t i = 0; i < std::min<std::size_t>(count, 100'000); ++i)
        cold.push_back("user@b\xc3\xbc" "cher" + std::to_string(i) + ".de");
    measure("mailwarden (distinct IDN domains)", cold, [&](const std::string& a) {
        checker.check(a, reused);
        return reused.valid();
    });
    return 0;
}
