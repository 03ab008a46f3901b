#include "content/html/gumbo_tree.hpp"

#include <new>

namespace mailwarden::content_detail {

GumboTree::GumboTree(std::string_view html) {
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // the errors are not read: do not collect them
    output_ = gumbo_parse_with_options(&options, html.data(), html.size());
    if (output_ == nullptr) throw std::bad_alloc();
}

GumboTree::~GumboTree() { gumbo_destroy_output(&kGumboDefaultOptions, output_); }

std::string_view tag_name(const GumboNode& node, std::string& scratch) {
    if (node.type != GUMBO_NODE_ELEMENT && node.type != GUMBO_NODE_TEMPLATE) return {};
    const GumboElement& e = node.v.element;
    if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
    GumboStringPiece piece = e.original_tag;
    gumbo_tag_from_original_text(&piece);
    scratch.assign(piece.data == nullptr ? "" : piece.data, piece.length);
    for (char& c : scratch)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    // gumbo cuts the written name at characters its tokenizer kept in it
    // ("<p\v..." is an unknown element named "p\v..."): such a name must
    // never pass for the known element it starts like.
    if (gumbo_tag_enum(scratch.c_str()) != GUMBO_TAG_UNKNOWN) scratch += '?';
    return scratch;
}

const GumboVector* children_of(const GumboNode& node) noexcept {
    switch (node.type) {
    case GUMBO_NODE_DOCUMENT: return &node.v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE: return &node.v.element.children;
    default: return nullptr;
    }
}

}  // namespace mailwarden::content_detail
