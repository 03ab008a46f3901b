#include "content/html/nesting_rules.hpp"

#include <algorithm>
#include <initializer_list>

namespace mailwarden::content_detail {

namespace {

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) noexcept {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool heading(std::string_view n) noexcept { return n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6'; }

bool table_part(std::string_view n) noexcept { return one_of(n, {"table", "tbody", "thead", "tfoot", "tr", "colgroup"}); }

/// Elements a <p> start tag (and the like) does not look past.
bool scope_boundary(std::string_view n) noexcept { return one_of(n, {"table", "td", "th", "caption", "html"}); }

/// True when an open element `what` is in scope (no boundary after it).
bool in_scope(const std::vector<std::string_view>& open, auto&& what) noexcept {
    for (auto it = open.rbegin(); it != open.rend(); ++it) {
        if (what(*it)) return true;
        if (scope_boundary(*it)) return false;
    }
    return false;
}

}  // namespace

bool misplaced_element(const std::vector<std::string_view>& open, std::string_view name, bool quirks) noexcept {
    const std::string_view parent = open.empty() ? std::string_view{} : open.back();
    // Table structure: only the right children, in the right parents.
    if (table_part(parent) && parent != "colgroup") {
        if (parent == "table" && !one_of(name, {"caption", "colgroup", "tbody", "thead", "tfoot", "style"})) return true;
        if (one_of(parent, {"tbody", "thead", "tfoot"}) && name != "tr" && name != "style") return true;
        if (parent == "tr" && !one_of(name, {"td", "th", "style"})) return true;
    }
    if (parent == "colgroup" && name != "col") return true;
    if (one_of(name, {"tr"}) && !one_of(parent, {"tbody", "thead", "tfoot"})) return true;
    if (one_of(name, {"td", "th"}) && parent != "tr") return true;
    if (one_of(name, {"tbody", "thead", "tfoot", "caption", "colgroup"}) && parent != "table") return true;
    if (name == "col" && parent != "colgroup") return true;
    if (name == "caption" || name == "colgroup" || name == "thead" || name == "tbody" || name == "tfoot") return false;
    // Start tags that close an open <p> (and headings, list items).
    const bool closes_p = one_of(name, {"address", "article", "blockquote", "center", "div", "dl", "figcaption", "figure", "footer",
                                        "header", "main", "nav", "ol", "p", "section", "ul", "pre", "hr", "h1", "h2", "h3",
                                        "h4", "h5", "h6", "dd", "dt", "li"}) ||
                          (name == "table" && !quirks);
    if (closes_p && in_scope(open, [](std::string_view n) { return n == "p"; })) return true;
    if (heading(name) && !open.empty() && heading(parent)) return true;
    if (name == "li" && in_scope(open, [](std::string_view n) { return n == "li"; })) return true;
    if ((name == "dd" || name == "dt") && in_scope(open, [](std::string_view n) { return n == "dd" || n == "dt"; })) return true;
    if (name == "a" && in_scope(open, [](std::string_view n) { return n == "a"; })) return true;
    // Three of the same formatting element are as many as a parser keeps.
    if (one_of(name, {"b", "i", "u", "s", "em", "strong", "small", "font", "code", "tt", "strike", "big", "nobr"}) &&
        std::count(open.begin(), open.end(), name) >= 2)
        return true;
    return false;
}

bool misplaced_text(const std::vector<std::string_view>& open) noexcept {
    return !open.empty() && (table_part(open.back()));
}

}  // namespace mailwarden::content_detail
