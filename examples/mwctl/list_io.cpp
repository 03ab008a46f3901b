#include "list_io.hpp"

namespace mwctl {

void read_column_option(const Args& args, std::string& name, std::optional<std::size_t>& index) {
    if (!args.has("--column")) return;
    const std::string c = args.value("--column");
    if (!c.empty() && c.find_first_not_of("0123456789") == std::string::npos)
        index = static_cast<std::size_t>(parse_positive(c, "--column") - 1);
    else
        name = c;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace mwctl
