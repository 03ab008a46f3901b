#include "net/dns/name.hpp"

namespace mailwarden::dns::detail {

std::string normalize_name(std::string_view name) {
    if (!name.empty() && name.back() == '.') {
        // "a\." ends in an escaped dot, part of the label: count the backslashes.
        std::size_t backslashes = 0;
        for (auto i = name.size() - 1; i > 0 && name[i - 1] == '\\'; --i) ++backslashes;
        if (backslashes % 2 == 0) name.remove_suffix(1);
    }
    std::string out(name);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace mailwarden::dns::detail
