// The allow-list: what becomes of each element and attribute.
#pragma once

#include <string_view>

namespace mailwarden::content_detail {

enum class ElementAction {
    keep,    ///< on the allow-list: written with its allowed attributes
    unwrap,  ///< not on it but harmless: its content is kept, the tag is not
    drop,    ///< removed with everything inside (script, forms, frames ...)
};

/// `name` lower-case; `html_namespace` false for SVG and MathML elements
/// (always dropped).
ElementAction element_action(std::string_view name, bool html_namespace) noexcept;

enum class AttributeKind {
    forbidden,  ///< not on the element's list
    plain,      ///< kept as it is (escaped)
    url,        ///< kept when its scheme is allowed (url_policy.hpp)
    image_url,  ///< a URL that may also be cid: or data:image/...
    style,      ///< filtered by the CSS filter
};

/// `element` and `attribute` lower-case.
AttributeKind attribute_kind(std::string_view element, std::string_view attribute) noexcept;

/// Elements after which text starts a new line in the text alternative and
/// that count as blocks for the facts.
bool is_block(std::string_view name) noexcept;

}  // namespace mailwarden::content_detail
