// Where a written tree would not parse back into itself: an element whose
// start tag, in the place the writer puts it, makes an HTML5 parser close
// or move something (a <p> or <div> inside a <p>, an <a> inside an <a>, a
// cell outside a row, text directly in a table ...). The writer unwraps
// such an element (its content stays) and drops such text, so that what it
// writes parses back into the tree it wrote.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::content_detail {

/// `open`: the written elements enclosing the new one, outermost first;
/// `quirks`: the output parses in quirks mode (no doctype), where a table
/// does not close a paragraph.
bool misplaced_element(const std::vector<std::string_view>& open, std::string_view name, bool quirks) noexcept;

/// The elements the adoption agency moves and clones (a, b, i, font ...):
/// the last resort against a tree that does not settle is to unwrap them.
bool formatting(std::string_view name) noexcept;

/// Text that is not only whitespace, inside `open`.
bool misplaced_text(const std::vector<std::string_view>& open) noexcept;

}  // namespace mailwarden::content_detail
