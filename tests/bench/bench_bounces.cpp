// Bounce input per second on one core:
//  - SES JSON documents parsed and classified (parse_ses_json: the DOM, the
//    event, every recipient's class, reason and key), next to the floor the
//    same documents set: Boost.JSON parsing them into a DOM, with the
//    default allocator and with the stack arena parse_ses_json uses;
//  - bounce mails read and classified (parse_bounce_mail), next to the MIME
//    reader alone on the same mails.
//   bench_bounces [--data DIR] [--count N] [--rounds R]
// DIR is tests/data: the SES documents are variations of ses-events/*.json
// (distinct message ids, a realistic mix of event types), the mails are
// bounces/eml and bounces-heldout/eml.
#include "bounce/mime/entity.hpp"

#include <mailwarden/bounce.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ses_corpus.hpp"

namespace {

using bench::read_file;
using bench::ses_corpus;

template <class F>
double best_rate(const std::vector<std::string>& input, int rounds, F&& one) {
    double best = 0;
    for (int r = 0; r < rounds; ++r) {
        const auto start = std::chrono::steady_clock::now();
        std::size_t sink = 0;
        for (const auto& doc : input) sink += one(doc);
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        if (sink == 42) std::puts("");  // keeps the work observable
        best = std::max(best, static_cast<double>(input.size()) / took.count());
    }
    return best;
}

void print(const char* label, std::size_t n, const char* unit, double rate, int rounds) {
    std::printf("%-52s %8zu %-6s %10.0f %s/s (best of %d)\n", label, n, unit, rate, unit, rounds);
}

}  // namespace

int main(int argc, char** argv) {
    std::filesystem::path data = MW_TEST_DATA_DIR;
    std::size_t count = 100'000;
    int rounds = 5;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--data") == 0 && i + 1 < argc) data = argv[++i];
        else if (std::strcmp(argv[i], "--count") == 0 && i + 1 < argc) count = std::stoul(argv[++i]);
        else if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) rounds = std::stoi(argv[++i]);
        else {
            std::fprintf(stderr, "usage: bench_bounces [--data DIR] [--count N] [--rounds R]\n");
            return 2;
        }
    }

    const auto docs = ses_corpus(data / "ses-events", count);
    std::size_t bytes = 0;
    for (const auto& d : docs) bytes += d.size();
    std::printf("SES documents: %zu, %zu bytes on average\n", docs.size(), bytes / docs.size());
    print("mailwarden parse_ses_json (parse + classify + keys)", docs.size(), "docs",
          best_rate(docs, rounds, [](const std::string& d) { return mailwarden::parse_ses_json(d)->recipients.size(); }), rounds);
    print("Boost.JSON parse, default allocator (floor)", docs.size(), "docs",
          best_rate(docs, rounds, [](const std::string& d) { return boost::json::parse(d).as_object().size(); }),
          rounds);
    print("Boost.JSON parse, 16 KiB stack arena (floor)", docs.size(), "docs", best_rate(docs, rounds, [](const std::string& d) {
              std::array<unsigned char, 16384> scratch;
              boost::json::monotonic_resource arena(scratch.data(), scratch.size());
              return boost::json::parse(d, &arena).as_object().size();
          }),
          rounds);

    std::vector<std::string> mails;
    for (const char* folder : {"bounces/eml", "bounces-heldout/eml"})
        for (const auto& entry : std::filesystem::directory_iterator(data / folder)) mails.push_back(read_file(entry.path()));
    std::sort(mails.begin(), mails.end());
    bytes = 0;
    for (const auto& m : mails) bytes += m.size();
    // Many passes over the few hundred mails, so a round takes long enough to time.
    std::vector<std::string> stream;
    for (int i = 0; i < 20; ++i) stream.insert(stream.end(), mails.begin(), mails.end());
    std::printf("bounce mails: %zu distinct, %zu bytes on average, %zu per round\n", mails.size(), bytes / mails.size(),
                stream.size());
    print("mailwarden parse_bounce_mail (MIME + report + classify)", stream.size(), "mails",
          best_rate(stream, rounds, [](const std::string& m) { return mailwarden::parse_bounce_mail(m)->recipients.size() + 1; }),
          rounds);
    print("MIME reader alone (parse_mail)", stream.size(), "mails",
          best_rate(stream, rounds, [](const std::string& m) {
              return mailwarden::bounce_detail::parse_mail(m).root.children.size() + 1;
          }),
          rounds);
    return 0;
}
