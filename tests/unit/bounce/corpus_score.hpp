// Scores the classifier against a labelled corpus (tests/data/bounces,
// bounces-heldout and bounces-flufl-heldout): per expected recipient, whether it was found (by
// address, any case) and whether its class matches.
#pragma once

#include "test_files.hpp"

#include <mailwarden/bounce.hpp>

#include <cctype>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace bounce_test {

struct ExpectedRecipient {
    std::string file;
    std::string address;
    std::string type;    // hard, soft, none; failure: hard or soft
    std::string reason;  // Sisimai's name
};

struct Score {
    int recipients = 0;
    int found = 0;
    int class_right = 0;
    std::vector<std::string> misses;

    double recipient_rate() const { return recipients ? double(found) / recipients : 0; }
    double class_rate() const { return recipients ? double(class_right) / recipients : 0; }
};

inline std::vector<std::vector<std::string>> read_tsv(const std::string& relative) {
    std::istringstream in(read_data(relative));
    std::vector<std::vector<std::string>> rows;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::vector<std::string> cells;
        std::string cell;
        std::istringstream fields(line);
        while (std::getline(fields, cell, '\t')) cells.push_back(cell);
        rows.push_back(cells);
    }
    return rows;
}

inline std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Sisimai's stand-in when a report names no recipient (an ARF report whose
// complainant was redacted): right when we name none either.
inline constexpr std::string_view no_recipient = "undisclosed-recipient-in-headers@libsisimai.org.invalid";

inline Score score(const std::string& folder, const std::vector<ExpectedRecipient>& expected) {
    Score s;
    std::map<std::string, mailwarden::FeedbackEvent> parsed;
    for (const ExpectedRecipient& e : expected) {
        auto it = parsed.find(e.file);
        if (it == parsed.end()) {
            auto r = mailwarden::parse_feedback(read_data(folder + "/" + e.file));
            it = parsed.emplace(e.file, r ? std::move(*r) : mailwarden::FeedbackEvent{}).first;
        }
        ++s.recipients;
        if (e.address == no_recipient && it->second.recipients.empty() && e.type == "none") {
            ++s.found;
            ++s.class_right;
            continue;
        }
        const mailwarden::RecipientFeedback* got = nullptr;
        for (const auto& r : it->second.recipients)
            if (lower(r.address) == lower(e.address)) got = &r;
        if (got != nullptr) ++s.found;
        const std::string cls = got ? std::string(mailwarden::to_string(got->bounce_class)) : "-";
        // "failure": a set that only says a delivery failed (hard or soft).
        if (cls == e.type || (e.type == "failure" && (cls == "hard" || cls == "soft"))) {
            ++s.class_right;
            continue;
        }
        std::string others;
        for (const auto& r : it->second.recipients) others += " " + r.address;
        s.misses.push_back(e.file + " " + e.address + ": expected " + e.type + " (" + e.reason + "), got " +
                           (got ? cls + " " + std::string(mailwarden::to_string(got->reason)) : "no such recipient (found:" + others + ")") +
                           " [" + std::string(mailwarden::to_string(it->second.format)) + " " +
                           std::string(mailwarden::to_string(it->second.kind)) + "]");
    }
    return s;
}

}  // namespace bounce_test
