// CSS from a user's message, filtered: style="" attributes and <style>
// blocks. Kept: plain declarations and rules, @media and @supports blocks.
// Removed: @import, @font-face (remote fonts), every other at-rule,
// declarations with expression(), behavior, -moz-binding, javascript: or
// vbscript:, a url() whose scheme images may not use, CSS escapes
// (backslashes: the way filters are evaded) and comments. The output is
// rebuilt from the pieces kept, so filtering it again changes nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::content_detail {

/// What a filter took out, for SanitizedHtml::removed.
using CssRemovals = std::vector<std::string>;

/// A style attribute's value: "color: red; background: url(x)" ->
/// "color: red; background: url(x)" minus what is not allowed.
std::string filter_style_attribute(std::string_view value, CssRemovals& removed);

/// A <style> element's text: rules rebuilt as "selector{declarations}".
std::string filter_style_sheet(std::string_view css, CssRemovals& removed);

/// The declarations of a style attribute (property lower-case, value
/// as written), after the filter; for the hidden-text facts.
struct CssDeclaration {
    std::string property;
    std::string value;
};
std::vector<CssDeclaration> style_declarations(std::string_view value);

}  // namespace mailwarden::content_detail
