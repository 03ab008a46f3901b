// Durable ingestion on one core: SES documents parsed, classified and
// committed to the bounce tracker's SQLite store (WAL, a file on disk) in
// batches of B, next to the floors the same documents set in the same run:
// Boost.JSON parsing them, and the parse and classification alone.
//   bench_ingest [--data DIR] [--count N] [--batch B] [--rounds R]
#include "ses_corpus.hpp"

#include <mailwarden/bounce.hpp>
#include <mailwarden/bounce_tracker.hpp>
#include <mailwarden/feedback_store.hpp>

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// One round on a fresh store file: every document parsed and ingested.
double ingest_round(const std::vector<std::string>& docs, std::size_t batch, const std::filesystem::path& dir, int round,
                    mailwarden::IngestReport& total) {
    const auto path = dir / ("round-" + std::to_string(round) + ".db");
    auto store = mailwarden::open_sqlite_feedback_store(path.string());
    if (!store) {
        std::fprintf(stderr, "bench_ingest: %s\n", store.error().describe().c_str());
        std::exit(1);
    }
    mailwarden::BounceTracker tracker(*store);
    std::vector<mailwarden::FeedbackEvent> events;
    events.reserve(batch);
    const auto start = Clock::now();
    for (const auto& d : docs) {
        events.push_back(*mailwarden::parse_ses_json(d));
        if (events.size() == batch) {
            mailwarden::accumulate(total, *tracker.ingest(events));
            events.clear();
        }
    }
    if (!events.empty()) mailwarden::accumulate(total, *tracker.ingest(events));
    return static_cast<double>(docs.size()) / seconds_since(start);
}

template <class F>
double floor_rate(const std::vector<std::string>& docs, int rounds, F&& one) {
    double best = 0;
    for (int r = 0; r < rounds; ++r) {
        const auto start = Clock::now();
        std::size_t sink = 0;
        for (const auto& d : docs) sink += one(d);
        if (sink == 42) std::puts("");
        best = std::max(best, static_cast<double>(docs.size()) / seconds_since(start));
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    std::filesystem::path data = MW_TEST_DATA_DIR;
    std::size_t count = 200'000, batch = 500;
    int rounds = 3;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--data") == 0 && i + 1 < argc) data = argv[++i];
        else if (std::strcmp(argv[i], "--count") == 0 && i + 1 < argc) count = std::stoul(argv[++i]);
        else if (std::strcmp(argv[i], "--batch") == 0 && i + 1 < argc) batch = std::stoul(argv[++i]);
        else if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) rounds = std::stoi(argv[++i]);
        else {
            std::fprintf(stderr, "usage: bench_ingest [--data DIR] [--count N] [--batch B] [--rounds R]\n");
            return 2;
        }
    }
    const auto docs = bench::ses_corpus(data / "ses-events", count);
    char pattern[] = "/tmp/mailwarden-bench-XXXXXX";
    if (mkdtemp(pattern) == nullptr) return 1;
    const std::filesystem::path dir = pattern;

    double best = 0;
    mailwarden::IngestReport last;
    for (int r = 0; r < rounds; ++r) {
        mailwarden::IngestReport total;
        best = std::max(best, ingest_round(docs, batch, dir, r, total));
        last = std::move(total);
    }
    std::filesystem::remove_all(dir);
    std::printf("SES documents: %zu; per round %lld sends, %lld hard bounces, %lld complaints, %lld duplicates counted\n",
                docs.size(), static_cast<long long>(last.sends), static_cast<long long>(last.hard_bounces),
                static_cast<long long>(last.complaints), static_cast<long long>(last.duplicates));
    std::printf("%-60s %10.0f docs/s (best of %d)\n",
                ("mailwarden parse + ingest, committed batches of " + std::to_string(batch)).c_str(), best, rounds);
    std::printf("%-60s %10.0f docs/s\n", "mailwarden parse_ses_json alone",
                floor_rate(docs, rounds, [](const std::string& d) { return mailwarden::parse_ses_json(d)->recipients.size(); }));
    std::printf("%-60s %10.0f docs/s\n", "Boost.JSON parse (floor)",
                floor_rate(docs, rounds, [](const std::string& d) { return boost::json::parse(d).as_object().size(); }));
    return 0;
}
