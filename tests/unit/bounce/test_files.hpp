// Reading the vendored test data (tests/data) in the bounce tests.
#pragma once

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace bounce_test {

inline std::string data_path(const std::string& relative) { return std::string(MW_TEST_DATA_DIR) + "/" + relative; }

inline std::string read_data(const std::string& relative) {
    std::ifstream in(data_path(relative), std::ios::binary);
    if (!in) throw std::runtime_error("cannot open test data " + relative);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace bounce_test
