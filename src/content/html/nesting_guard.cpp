#include "content/html/nesting_guard.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace mailwarden::content_detail {

namespace {

bool name_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_';
}

// Void elements and those a following sibling closes: they do not deepen.
constexpr std::array<std::string_view, 30> flat = {
    "a",    "area",  "base",  "body",   "br",     "caption", "col",   "colgroup", "dd",    "dt",
    "embed", "head", "hr",    "html",   "img",    "input",   "li",    "link",     "meta",  "optgroup",
    "option", "p",   "param", "source", "tbody",  "td",      "tfoot", "th",       "thead", "tr",
};

}  // namespace

bool nested_too_deeply(std::string_view html, std::size_t limit) {
    std::vector<std::string> open;
    std::string name;
    std::size_t i = 0;
    while ((i = html.find('<', i)) != std::string_view::npos) {
        ++i;
        if (html.substr(i, 3) == "!--") {
            const std::size_t end = html.find("-->", i + 3);
            if (end == std::string_view::npos) break;
            i = end + 3;
            continue;
        }
        const bool end_tag = i < html.size() && html[i] == '/';
        if (end_tag) ++i;
        if (i >= html.size() || !((html[i] >= 'a' && html[i] <= 'z') || (html[i] >= 'A' && html[i] <= 'Z'))) continue;
        name.clear();
        while (i < html.size() && name_char(html[i])) {
            const char c = html[i++];
            name += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        }
        if (std::binary_search(flat.begin(), flat.end(), std::string_view(name))) continue;
        if (end_tag) {
            const auto it = std::find(open.rbegin(), open.rend(), name);
            if (it != open.rend()) open.erase(std::prev(it.base()), open.end());
            continue;
        }
        open.push_back(name);
        if (open.size() > limit) return true;
    }
    return false;
}

}  // namespace mailwarden::content_detail
