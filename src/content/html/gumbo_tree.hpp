// The one place gumbo is called: a parsed document owned by RAII, and an
// iterative walk over it (no recursion: the depth of a tree is the input's
// to choose).
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::content_detail {

/// A document parsed by the HTML5 algorithm (whole documents and fragments
/// alike: a fragment lands in the implied body).
class GumboTree {
public:
    explicit GumboTree(std::string_view html);
    ~GumboTree();
    GumboTree(const GumboTree&) = delete;
    GumboTree& operator=(const GumboTree&) = delete;

    const GumboNode* document() const noexcept { return output_->document; }
    const GumboNode* root() const noexcept { return output_->root; }  ///< the html element

private:
    GumboOutput* output_;
};

/// Lower-case tag name of an element ("" for text and comments); for tags
/// gumbo does not know, the name as written, lower-cased into `scratch`,
/// with a '?' added when it reads like a known tag.
std::string_view tag_name(const GumboNode& node, std::string& scratch);

/// The element's children (templates included); empty for other nodes.
const GumboVector* children_of(const GumboNode& node) noexcept;

/// Depth-first walk without recursion. `enter(node)` returns whether to
/// descend into the node's children; `leave(node)` is called after them,
/// only for nodes that were descended into.
template <class Enter, class Leave>
void walk(const GumboNode& start, Enter&& enter, Leave&& leave) {
    struct Frame {
        const GumboNode* node;
        unsigned int next;
    };
    std::vector<Frame> stack;
    if (!enter(start)) return;
    stack.push_back({&start, 0});
    while (!stack.empty()) {
        Frame& top = stack.back();
        const GumboVector* kids = children_of(*top.node);
        if (kids == nullptr || top.next >= kids->length) {
            const GumboNode* done = top.node;
            stack.pop_back();
            leave(*done);
            continue;
        }
        const auto* child = static_cast<const GumboNode*>(kids->data[top.next++]);
        if (enter(*child)) stack.push_back({child, 0});
    }
}

}  // namespace mailwarden::content_detail
