// gumbo's tree construction takes time in proportion to the depth of the
// stack of open elements for each tag, so a deep input (50,000 nested
// <div>s) costs minutes. A light scan before parsing estimates the depth
// the way the parser would reach it (end tags close up to the matching open
// element; elements that close implicitly or are void are not counted) and
// refuses inputs deeper than a browser would build (Chromium stops nesting
// at 512).
#pragma once

#include <cstddef>
#include <string_view>

namespace mailwarden::content_detail {

inline constexpr std::size_t max_html_depth = 256;

/// True when `html` would nest deeper than `limit` elements.
bool nested_too_deeply(std::string_view html, std::size_t limit = max_html_depth);

}  // namespace mailwarden::content_detail
