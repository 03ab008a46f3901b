// Small edits on message text that the message tests make: line ends
// turned to LF, and one occurrence replaced (the test fails if it is absent).
#pragma once

#include <doctest/doctest.h>

#include <string>

namespace message_test {

inline std::string to_lf(const std::string& s) {
    std::string out;
    for (const char c : s)
        if (c != '\r') out.push_back(c);
    return out;
}

inline std::string replace(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

}  // namespace message_test
