// The links of an HTML body, read with gumbo (the HTML5 parsing algorithm):
// a[href], area[href], img[src], form[action], and bare URLs in text nodes
// (not in script or style).
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::content_detail {

struct HtmlLink {
    std::string written;      ///< the attribute value (entities decoded) or the bare URL
    std::string source;       ///< "href", "src", "action" or "text"
    std::string anchor_text;  ///< a[href]: the visible text; area[href]: alt
    bool without_scheme = false;
};

/// gumbo's parse time grows with the square of the nesting depth: HTML
/// nested deeper than this (by a count of tags) is read as text instead.
inline constexpr std::size_t max_html_depth = 4000;

std::vector<HtmlLink> find_html_links(std::string_view html);

/// The same in a document already parsed (its gumbo document node).
std::vector<HtmlLink> find_html_links(const GumboNode& document);

}  // namespace mailwarden::content_detail
