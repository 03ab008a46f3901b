// Reading the HTML test data: whole files and the ====-separated vectors.
#pragma once

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace html_test {

inline std::string read(const std::string& relative) {
    std::ifstream in(std::string(MW_TEST_DATA_DIR) + "/content/" + relative, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::vector<std::string> vectors(const std::string& relative) {
    const std::string all = read(relative);
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < all.size()) {
        std::size_t end = all.find("\n====\n", at);
        if (end == std::string::npos) end = all.size();
        std::string v = all.substr(at, end - at);
        while (!v.empty() && v.back() == '\n') v.pop_back();
        if (!v.empty()) out.push_back(v);
        at = end + 6;
    }
    return out;
}

}  // namespace html_test
