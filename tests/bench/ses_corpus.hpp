// The SES documents the bounce benchmarks read: variations of
// tests/data/ses-events/*.json in the mix of a sending platform's stream,
// each with a message id of its own, one line per document.
#pragma once

#include <boost/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace bench {

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// One line per document, as SQS bodies or JSON Lines carry them.
inline std::string compact(const std::string& json) { return boost::json::serialize(boost::json::parse(json)); }

// The mix of a sending platform's event stream: mostly sends and deliveries,
// some opens and clicks, few bounces, complaints and delays.
inline std::vector<std::string> ses_corpus(const std::filesystem::path& dir, std::size_t count) {
    struct Weighted {
        const char* file;
        int weight;
    };
    const Weighted mix[] = {{"event-send.json", 30},          {"event-delivery.json", 25}, {"notif-delivery.json", 5},
                            {"event-open.json", 15},          {"event-click.json", 8},     {"event-bounce.json", 4},
                            {"notif-bounce-with-dsn.json", 3}, {"notif-bounce-no-dsn.json", 1},
                            {"event-complaint.json", 1},      {"notif-complaint-with-feedback.json", 1},
                            {"event-delayed-delivery.json", 5}, {"event-reject.json", 1},  {"event-subscription.json", 1}};
    std::vector<std::string> templates;
    for (const Weighted& w : mix)
        for (int i = 0; i < w.weight; ++i) templates.push_back(compact(read_file(dir / w.file)));
    std::vector<std::string> docs;
    docs.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        std::string d = templates[(i * 7919) % templates.size()];
        // A distinct message id per document, of SES's length, wherever the
        // template's own id appears (mail.messageId and its echoes).
        const std::size_t at = d.find("\"messageId\":\"");
        if (at != std::string::npos) {
            const std::size_t start = at + 13;
            const std::string original = d.substr(start, d.find('"', start) - start);
            char id[96];
            std::snprintf(id, sizeof id, "0100018f%08zx-5a7b9c1d-2e3f-4a5b-8c9d-0e1f2a3b4c5d-000000", i);
            for (std::size_t p = original.empty() ? std::string::npos : d.find(original); p != std::string::npos;
                 p = d.find(original, p + 1))
                d.replace(p, original.size(), id);
        }
        docs.push_back(std::move(d));
    }
    return docs;
}

}  // namespace bench
