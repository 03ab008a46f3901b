// The plain-text alternative of an HTML body: what the sanitized HTML
// shows, as readable text.
#pragma once

#include "content/html/gumbo_tree.hpp"

#include <string>

namespace mailwarden::content_detail {

/// Block elements start new lines (paragraphs, headings, tables and lists a
/// blank line), list items get "- " or "1. ", table cells of a row are
/// separated by two spaces, a link whose text differs from its URL reads
/// "text <url>", an image gives its alt text, whitespace is collapsed
/// outside <pre>, entities are decoded. What the sanitizer drops (scripts,
/// styles, forms ...) and elements with display:none give nothing. The text
/// is UTF-8 without the characters html_characters() drops, as the HTML
/// written from the same tree has it.
std::string text_alternative(const GumboTree& tree);

}  // namespace mailwarden::content_detail
