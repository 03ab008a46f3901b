// Durable ingestion by several service instances into one PostgreSQL
// database — 1, 2 and 4 processes, each ingesting its own share of SES
// documents in committed batches — next to one process on the SQLite store,
// same documents, same run. The server runs with fsync on (durable commits).
//   bench_store_ingest [--data DIR] [--count N] [--batch B]
// Needs MW_TEST_POSTGRES_URL (tests/bench/run_store_bench.sh starts the server).
#include "ses_corpus.hpp"
#include "support/postgres_schema.hpp"
#include "support/temp_dir.hpp"
#include "support/worker_processes.hpp"

#include <mailwarden/bounce.hpp>
#include <mailwarden/bounce_tracker.hpp>
#include <mailwarden/stores.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Ingests documents index, index + share, ... of the corpus in batches.
int ingest_share(const std::string& location, const std::vector<std::string>& docs, std::size_t index,
                 std::size_t share, std::size_t batch) {
    auto stores = mailwarden::open_stores(location);
    if (!stores) {
        std::fprintf(stderr, "bench_store_ingest: %s\n", stores.error().describe().c_str());
        return 1;
    }
    mailwarden::BounceTracker tracker(stores->feedback);
    std::vector<mailwarden::FeedbackEvent> events;
    const auto flush = [&] {
        if (events.empty()) return true;
        auto r = tracker.ingest(events);
        if (!r) std::fprintf(stderr, "bench_store_ingest: %s\n", r.error().describe().c_str());
        events.clear();
        return r.has_value();
    };
    for (std::size_t i = index; i < docs.size(); i += share) {
        events.push_back(*mailwarden::parse_ses_json(docs[i]));
        if (events.size() == batch && !flush()) return 1;
    }
    return flush() ? 0 : 1;
}

// Opens (and so migrates) a location first, so the timed part is ingestion.
std::string migrated(std::string location) {
    if (auto s = mailwarden::open_stores(location); !s) {
        std::fprintf(stderr, "bench_store_ingest: %s\n", s.error().describe().c_str());
        std::exit(1);
    }
    return location;
}

double postgres_rate(const std::vector<std::string>& docs, std::size_t processes, std::size_t batch,
                     const std::string& data, std::size_t count) {
    const std::string url = migrated(mailwarden::test::fresh_postgres_schema());
    std::vector<std::vector<std::string>> args;
    for (std::size_t i = 0; i < processes; ++i)
        args.push_back({"worker", url, std::to_string(i), std::to_string(processes), std::to_string(batch), data,
                        std::to_string(count)});
    const auto start = Clock::now();
    for (const auto& w : mailwarden::test::run_workers(args))
        if (w.status != 0) std::exit(1);
    return static_cast<double>(docs.size()) / seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
    std::string data = MW_TEST_DATA_DIR;
    std::size_t count = 20'000, batch = 100;
    if (argc == 8 && std::strcmp(argv[1], "worker") == 0) {
        const auto docs = bench::ses_corpus(std::string(argv[6]) + "/ses-events", std::stoul(argv[7]));
        return ingest_share(argv[2], docs, std::stoul(argv[3]), std::stoul(argv[4]), std::stoul(argv[5]));
    }
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--data") == 0 && i + 1 < argc) data = argv[++i];
        else if (std::strcmp(argv[i], "--count") == 0 && i + 1 < argc) count = std::stoul(argv[++i]);
        else if (std::strcmp(argv[i], "--batch") == 0 && i + 1 < argc) batch = std::stoul(argv[++i]);
        else {
            std::fprintf(stderr, "usage: bench_store_ingest [--data DIR] [--count N] [--batch B]\n");
            return 2;
        }
    }
    const auto docs = bench::ses_corpus(data + "/ses-events", count);
    std::printf("SES documents: %zu, committed in batches of %zu\n", docs.size(), batch);

    TempDir folder;
    const std::string sqlite = migrated(folder.str("store.db"));
    auto start = Clock::now();
    if (ingest_share(sqlite, docs, 0, 1, batch) != 0) return 1;
    std::printf("%-52s %10.0f docs/s\n", "SQLite (WAL, synchronous=NORMAL), 1 process",
                static_cast<double>(docs.size()) / seconds_since(start));
    for (std::size_t processes : {std::size_t{1}, std::size_t{2}, std::size_t{4}})
        std::printf("%-52s %10.0f docs/s\n",
                    ("PostgreSQL 15 (fsync on), " + std::to_string(processes) + " process" +
                     (processes > 1 ? "es" : ""))
                        .c_str(),
                    postgres_rate(docs, processes, batch, data, count));
    return 0;
}
