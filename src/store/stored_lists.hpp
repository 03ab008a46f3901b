// Lists of strings stored in one text column: items joined by a separator
// no item contains (a sender's warnings one a line, a subscriber's flags
// space-separated).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::store {

inline std::string join_items(const std::vector<std::string>& items, char separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out.push_back(separator);
        out += item;
    }
    return out;
}

/// The items of a joined text; an empty text is no items.
inline std::vector<std::string> split_items(std::string_view text, char separator) {
    std::vector<std::string> out;
    while (!text.empty()) {
        const auto at = text.find(separator);
        out.emplace_back(text.substr(0, at));
        if (at == std::string_view::npos) break;
        text.remove_prefix(at + 1);
    }
    return out;
}

}  // namespace mailwarden::store
