#include "read_input.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace mailwarden::examples {

std::optional<std::string> read_input(const std::string& path) {
    if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return s.str();
}

}  // namespace mailwarden::examples
