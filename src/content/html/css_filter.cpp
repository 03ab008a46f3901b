#include "content/html/css_filter.hpp"

#include "content/html/url_policy.hpp"

#include <cctype>

namespace mailwarden::content_detail {

namespace {

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

/// Comments become one space (as the CSS tokenizer separates tokens there).
std::string strip_comments(std::string_view css) {
    std::string out;
    out.reserve(css.size());
    char quote = 0;
    for (std::size_t i = 0; i < css.size(); ++i) {
        const char c = css[i];
        if (quote != 0) {
            out += c;
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
            out += c;
        } else if (c == '/' && i + 1 < css.size() && css[i + 1] == '*') {
            const std::size_t end = css.find("*/", i + 2);
            i = end == std::string_view::npos ? css.size() : end + 1;
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

/// Index of the first `stop` character at nesting depth 0 outside quotes,
/// or css.size(). Parentheses and brackets nest; braces nest when `stop`
/// is not '}'.
std::size_t find_top(std::string_view css, std::size_t from, std::string_view stops) {
    char quote = 0;
    int depth = 0;
    for (std::size_t i = from; i < css.size(); ++i) {
        const char c = css[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
            continue;
        }
        if (depth == 0 && stops.find(c) != std::string_view::npos) return i;
        if (c == '"' || c == '\'') quote = c;
        else if (c == '(' || c == '[') ++depth;
        else if ((c == ')' || c == ']') && depth > 0) --depth;
    }
    return css.size();
}

/// The index after the '}' that closes the block opening at `open`, or
/// css.size() when it is not closed.
std::size_t block_end(std::string_view css, std::size_t open) {
    char quote = 0;
    int depth = 0;
    for (std::size_t i = open; i < css.size(); ++i) {
        const char c = css[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '{') {
            ++depth;
        } else if (c == '}' && --depth == 0) {
            return i + 1;
        }
    }
    return css.size();
}

/// Lower-case, whitespace removed: the form the checks read.
std::string squeezed(std::string_view s) {
    std::string out;
    for (const char c : s)
        if (!space(c)) out += lower(c);
    return out;
}

/// The url(...) arguments of a declaration's value (squeezed), each judged.
bool urls_allowed(const std::string& value) {
    std::size_t at = 0;
    while ((at = value.find("url(", at)) != std::string::npos) {
        at += 4;
        std::size_t end = value.find(')', at);
        if (end == std::string::npos) end = value.size();
        std::string_view url(value.data() + at, end - at);
        if (!url.empty() && (url.front() == '"' || url.front() == '\'')) url.remove_prefix(1);
        if (!url.empty() && (url.back() == '"' || url.back() == '\'')) url.remove_suffix(1);
        if (!url_allowed(url, UrlUse::image)) return false;
    }
    return true;
}

/// Quotes closed, parentheses and brackets balanced: a piece that reads
/// the same when the filter meets it again.
bool balanced(std::string_view s) {
    char quote = 0;
    int depth = 0;
    for (const char c : s) {
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '(' || c == '[') {
            ++depth;
        } else if (c == ')' || c == ']') {
            if (--depth < 0) return false;
        } else if (c == '{' || c == '}') {
            return false;
        }
    }
    return quote == 0 && depth == 0;
}

/// Why a declaration must go, or "" to keep it.
std::string_view refusal(std::string_view declaration) {
    if (declaration.find('\\') != std::string_view::npos) return "CSS escape";
    if (declaration.find('<') != std::string_view::npos) return "'<' in CSS";
    if (!balanced(declaration)) return "unbalanced CSS";
    for (const char c : declaration)
        if (static_cast<unsigned char>(c) < 0x20 && !space(c)) return "control character in CSS";
    const std::string s = squeezed(declaration);
    if (s.find("expression(") != std::string::npos) return "expression() in CSS";
    if (s.find("javascript:") != std::string::npos) return "javascript: in CSS";
    if (s.find("vbscript:") != std::string::npos) return "vbscript: in CSS";
    if (s.find("behavior") != std::string::npos) return "behavior in CSS";
    if (s.find("-moz-binding") != std::string::npos) return "-moz-binding in CSS";
    if (s.find("@import") != std::string::npos) return "@import in CSS";
    if (s.find("@font-face") != std::string::npos) return "@font-face in CSS";  // no property takes it
    if (s.find("image-set(") != std::string::npos || s.find("src(") != std::string::npos) return "image-set() in CSS";
    if (!urls_allowed(s)) return "url() with a scheme not allowed in CSS";
    return {};
}

void note(CssRemovals& removed, std::string_view what) {
    for (const std::string& r : removed)
        if (r == what) return;
    removed.emplace_back(what);
}

/// Declarations separated by ';', each "property: value" kept or not.
std::string filter_declarations(std::string_view css, CssRemovals& removed) {
    std::string out;
    std::size_t at = 0;
    while (at < css.size()) {
        std::size_t end = find_top(css, at, ";{}");
        // A block belongs to the declaration it appears in, which a browser
        // then drops whole (CSS Syntax 3, "consume a declaration"); read
        // apart, its content would become declarations of their own.
        bool block = false;
        while (end < css.size() && css[end] == '{') {
            block = true;
            end = find_top(css, block_end(css, end), ";{}");
        }
        const std::string_view declaration = trim(css.substr(at, end - at));
        at = end + 1;
        if (block) {
            note(removed, "malformed CSS declaration");
            continue;
        }
        if (declaration.empty()) continue;
        const std::size_t colon = declaration.find(':');
        if (colon == std::string_view::npos || trim(declaration.substr(0, colon)).empty()) {
            note(removed, "malformed CSS declaration");
            continue;
        }
        if (const std::string_view why = refusal(declaration); !why.empty()) {
            note(removed, why);
            continue;
        }
        std::string property;
        for (const char c : trim(declaration.substr(0, colon))) property += lower(c);
        if (!out.empty()) out += "; ";
        out += property;
        out += ": ";
        out += trim(declaration.substr(colon + 1));
    }
    return out;
}

bool at_keyword(std::string_view rule, std::string_view name) {
    if (rule.size() < name.size()) return false;
    for (std::size_t i = 0; i < name.size(); ++i)
        if (lower(rule[i]) != name[i]) return false;
    return rule.size() == name.size() || !(std::isalnum(static_cast<unsigned char>(rule[name.size()])) || rule[name.size()] == '-');
}

void filter_rules(std::string_view css, CssRemovals& removed, std::string& out, int depth) {
    std::size_t at = 0;
    while (at < css.size()) {
        while (at < css.size() && (space(css[at]) || css[at] == ';' || css[at] == '}')) ++at;
        if (at >= css.size()) break;
        const std::size_t open = find_top(css, at, "{;");
        const std::string_view prelude = trim(css.substr(at, open - at));
        if (open >= css.size() || css[open] == ';') {  // a statement: @import, @charset ...
            at = open + 1;
            if (!prelude.empty()) note(removed, prelude.front() == '@' && at_keyword(prelude.substr(1), "import") ? "@import in CSS" : "CSS statement");
            continue;
        }
        const std::size_t close = block_end(css, open);
        const bool closed = close <= css.size() && css[close - 1] == '}' && close > open + 1;
        const std::string_view body = css.substr(open + 1, (closed ? close - 1 : css.size()) - (open + 1));
        at = close;
        if (!prelude.empty() && prelude.front() == '@') {
            const std::string_view keyword = prelude.substr(1);
            const bool group = at_keyword(keyword, "media") || at_keyword(keyword, "supports");
            if (!group || depth >= 4 || !refusal(prelude).empty()) {
                note(removed, at_keyword(keyword, "font-face") ? "@font-face in CSS" : "CSS at-rule");
                continue;
            }
            std::string inner;
            filter_rules(body, removed, inner, depth + 1);
            if (inner.empty()) continue;
            out += prelude;
            out += '{';
            out += inner;
            out += '}';
            continue;
        }
        if (prelude.empty() || !refusal(prelude).empty() || prelude.find('@') != std::string_view::npos) {
            note(removed, "CSS rule with a selector not allowed");
            continue;
        }
        const std::string declarations = filter_declarations(body, removed);
        if (declarations.empty()) continue;
        out += prelude;
        out += '{';
        out += declarations;
        out += '}';
    }
}

}  // namespace

std::string filter_style_attribute(std::string_view value, CssRemovals& removed) {
    const std::string css = strip_comments(value);
    if (css != value) note(removed, "CSS comment");
    return filter_declarations(css, removed);
}

std::string filter_style_sheet(std::string_view css, CssRemovals& removed) {
    const std::string plain = strip_comments(css);
    std::string out;
    filter_rules(plain, removed, out, 0);
    return out;
}

std::vector<CssDeclaration> style_declarations(std::string_view value) {
    CssRemovals ignored;
    const std::string kept = filter_style_attribute(value, ignored);
    std::vector<CssDeclaration> out;
    std::string_view rest = kept;
    while (!rest.empty()) {
        const std::size_t end = find_top(rest, 0, ";");
        const std::string_view d = trim(rest.substr(0, end));
        rest = end >= rest.size() ? std::string_view{} : rest.substr(end + 1);
        const std::size_t colon = d.find(':');
        if (colon == std::string_view::npos) continue;
        out.push_back({std::string(trim(d.substr(0, colon))), std::string(trim(d.substr(colon + 1)))});
    }
    return out;
}

}  // namespace mailwarden::content_detail
