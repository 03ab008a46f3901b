// Messages scored per second by ask_spamd() against a spamd, one at a time,
// and the time each took; the same message spamc is timed on by
// run_spamd_bench.sh. spamd's own rule work dominates both: this shows what
// the client adds.
//   bench_spamd HOST:PORT MESSAGE_FILE [COUNT]
#include "content/spamd/ask_spamd.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_spamd HOST:PORT MESSAGE_FILE [COUNT]\n");
        return 2;
    }
    const std::string where = argv[1];
    mailwarden::SpamdServer server;
    server.host = where.substr(0, where.rfind(':'));
    server.port = static_cast<std::uint16_t>(std::atoi(where.substr(where.rfind(':') + 1).c_str()));
    std::ifstream file(argv[2], std::ios::binary);
    const std::string message((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    const int count = argc > 3 ? std::atoi(argv[3]) : 50;

    std::vector<double> ms;
    double score = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < count; ++i) {
        std::vector<mailwarden::ContentFinding> findings;
        const auto t0 = std::chrono::steady_clock::now();
        const auto s = mailwarden::content_detail::ask_spamd(message, server, findings);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        if (!s) {
            std::fprintf(stderr, "no score: %s\n", findings.empty() ? "?" : findings[0].evidence.c_str());
            return 1;
        }
        score = s->score;
    }
    const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::sort(ms.begin(), ms.end());
    std::printf("mailwarden ask_spamd: %d messages of %zu bytes, score %.1f: %.1f messages/s, median %.1f ms\n", count,
                message.size(), score, count / total, ms[ms.size() / 2]);
    return 0;
}
