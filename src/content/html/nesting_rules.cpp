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

/// True when an open element `what` is in scope (no `boundary` after it).
bool in_scope(const std::vector<std::string_view>& open, auto&& what, auto&& boundary) noexcept {
    for (auto it = open.rbegin(); it != open.rend(); ++it) {
        if (what(*it)) return true;
        if (boundary(*it)) return false;
    }
    return false;
}

bool in_scope(const std::vector<std::string_view>& open, auto&& what) noexcept { return in_scope(open, what, scope_boundary); }

/// The kept elements the parser calls special: an <li> or <dd> start tag
/// looks for an open one only up to these (div and p excepted).
bool special(std::string_view n) noexcept {
    return heading(n) || one_of(n, {"article", "blockquote", "body", "caption", "center", "colgroup", "dd", "dl", "dt", "figcaption",
                                    "figure", "footer", "header", "html", "li", "main", "nav", "ol", "pre", "section", "table",
                                    "tbody", "td", "tfoot", "th", "thead", "tr", "ul"});
}

bool list_boundary(std::string_view n) noexcept { return special(n) && n != "li" && n != "dd" && n != "dt"; }

/// The elements that put a marker in the list of active formatting
/// elements: an <a> start tag looks for an open <a> only up to these.
bool marker(std::string_view n) noexcept { return n == "td" || n == "th" || n == "caption"; }

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
    if (name == "li" && in_scope(open, [](std::string_view n) { return n == "li"; }, list_boundary)) return true;
    if ((name == "dd" || name == "dt") && in_scope(open, [](std::string_view n) { return n == "dd" || n == "dt"; }, list_boundary))
        return true;
    if (name == "a" && in_scope(open, [](std::string_view n) { return n == "a"; }, marker)) return true;
    // Three of the same formatting element are as many as a parser keeps.
    if (one_of(name, {"b", "i", "u", "s", "em", "strong", "small", "font", "code", "tt", "strike", "big", "nobr"}) &&
        std::count(open.begin(), open.end(), name) >= 2)
        return true;
    return false;
}

bool formatting(std::string_view name) noexcept {
    return one_of(name, {"a", "b", "i", "u", "s", "em", "strong", "small", "font", "code", "tt", "strike", "big", "nobr"});
}

bool misplaced_text(const std::vector<std::string_view>& open) noexcept {
    return !open.empty() && (table_part(open.back()));
}

}  // namespace mailwarden::content_detail
