// Scores the classifier against a labelled corpus (tests/data/bounces and
// the bounces-*-heldout folders): per expected recipient, whether it was found
// (by address, any case) and whether its class matches. A set that gives a
// mail's class without its addresses (BounceParser's) writes `*`: only the
// class counts, that of every recipient the report names.
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
    std::string address;  // `*`: any the report names; `-` or no_recipient: none
    std::string type;    // hard, soft, none; failure: hard or soft
    std::string reason;  // Sisimai's name
};

struct Score {
    int recipients = 0;  // rows that name an address (or none)
    int found = 0;
    int classified = 0;  // every row
    int class_right = 0;
    std::vector<std::string> misses;

    double recipient_rate() const { return recipients ? double(found) / recipients : 0; }
    double class_rate() const { return classified ? double(class_right) / classified : 0; }
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

inline bool class_matches(const std::string& got, const std::string& expected) {
    // "failure": a set that only says a delivery failed (hard or soft).
    return got == expected || (expected == "failure" && (got == "hard" || got == "soft"));
}

// A `*` row: every recipient named has the class; a failure needs one named.
inline bool every_class_matches(const mailwarden::FeedbackEvent& event, const std::string& expected) {
    if (event.recipients.empty()) return expected == "none";
    for (const auto& r : event.recipients)
        if (!class_matches(std::string(mailwarden::to_string(r.bounce_class)), expected)) return false;
    return true;
}

inline std::string found_addresses(const mailwarden::FeedbackEvent& event) {
    std::string out;
    for (const auto& r : event.recipients)
        out += " " + r.address + "=" + std::string(mailwarden::to_string(r.bounce_class)) + "/" +
               std::string(mailwarden::to_string(r.reason));
    return out;
}

inline Score score(const std::string& folder, const std::vector<ExpectedRecipient>& expected) {
    Score s;
    std::map<std::string, mailwarden::FeedbackEvent> parsed;
    for (const ExpectedRecipient& e : expected) {
        auto it = parsed.find(e.file);
        if (it == parsed.end()) {
            auto r = mailwarden::parse_feedback(read_data(folder + "/" + e.file));
            it = parsed.emplace(e.file, r ? std::move(*r) : mailwarden::FeedbackEvent{}).first;
        }
        ++s.classified;
        const std::string kind = " [" + std::string(mailwarden::to_string(it->second.format)) + " " +
                                 std::string(mailwarden::to_string(it->second.kind)) + "]";
        if (e.address == "*") {
            if (every_class_matches(it->second, e.type)) ++s.class_right;
            else s.misses.push_back(e.file + " *: expected " + e.type + " (" + e.reason + "), got" +
                                    found_addresses(it->second) + kind);
            continue;
        }
        ++s.recipients;
        if ((e.address == no_recipient || e.address == "-") && it->second.recipients.empty() && e.type == "none") {
            ++s.found;
            ++s.class_right;
            continue;
        }
        const mailwarden::RecipientFeedback* got = nullptr;
        for (const auto& r : it->second.recipients)
            if (lower(r.address) == lower(e.address)) got = &r;
        if (got != nullptr) ++s.found;
        const std::string cls = got ? std::string(mailwarden::to_string(got->bounce_class)) : "-";
        if (class_matches(cls, e.type)) {
            ++s.class_right;
            continue;
        }
        s.misses.push_back(e.file + " " + e.address + ": expected " + e.type + " (" + e.reason + "), got " +
                           (got ? cls + " " + std::string(mailwarden::to_string(got->reason))
                                : "no such recipient (found:" + found_addresses(it->second) + ")") +
                           kind);
    }
    return s;
}

}  // namespace bounce_test
