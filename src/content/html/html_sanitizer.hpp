// The sanitizer's walk: a parsed tree written back from the allow-list.
#pragma once

#include <mailwarden/content_check.hpp>

#include "content/html/gumbo_tree.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mailwarden::content_detail {

struct SanitizeOutput {
    std::string html;
    std::vector<std::string> removed;  ///< each reason once, in the order first met
    /// False when the tree had nodes the parser moved (foster parenting, the
    /// adoption agency) or the writer unwrapped or dropped to keep the
    /// output well nested: the output then differs from the tree, so the
    /// caller parses it and sanitizes it again until it no longer changes
    /// (and takes the text alternative from that last tree).
    bool settled = true;
};

/// Writes `tree` back: a whole document ("<html><head>...<body>") when the
/// input was one (a doctype, or an <html> or <body> tag written), else the
/// body's content preceded by the head's style blocks.
/// `flatten`: also unwrap the formatting elements (a, b, i, u, font ...),
/// the last resort for a tree that does not settle otherwise.
SanitizeOutput sanitize_tree(const GumboTree& tree, bool flatten = false);

/// Why sanitize_html() refuses `html` (over 16 MiB, nested too deeply), or
/// nothing when a GumboTree of it may be sanitized.
std::optional<Error> unsanitizable(std::string_view html);

/// sanitize_html() on a document already parsed, so that one parse serves
/// every check of a message; the caller checked unsanitizable() first.
SanitizedHtml sanitize_document(std::unique_ptr<GumboTree> tree);

}  // namespace mailwarden::content_detail
