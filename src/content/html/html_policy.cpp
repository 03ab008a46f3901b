#include "content/html/html_policy.hpp"

#include <algorithm>
#include <array>

namespace mailwarden::content_detail {

namespace {

// Sorted: looked up by binary search.
constexpr std::array<std::string_view, 58> kept = {
    "a",       "article", "b",       "blockquote", "body",  "br",     "caption", "center",   "code",
    "col",     "colgroup", "dd",     "div",        "dl",    "dt",     "em",      "figcaption", "figure",
    "font",    "footer",  "h1",      "h2",         "h3",    "h4",     "h5",      "h6",       "head",
    "header",  "hr",      "html",    "i",          "img",   "li",     "main",    "nav",      "ol",
    "p",       "pre",     "s",       "section",    "small", "span",   "strike",  "strong",   "style",
    "sub",     "sup",     "table",   "tbody",      "td",    "tfoot",  "th",      "thead",    "title",
    "tr",      "tt",      "u",       "ul",
};

// Removed with their content. Besides the dangerous ones, the elements
// whose removal as a wrapper could change how the rest parses (marquee is
// a scope boundary) and those whose content is not text for people.
constexpr std::array<std::string_view, 35> dropped = {
    "applet",   "audio",  "base",     "basefont", "bgsound", "button",   "canvas",  "datalist", "dialog",
    "embed",    "fieldset", "form",   "frame",    "frameset", "iframe",  "image",   "input",    "isindex",
    "keygen",   "link",   "marquee",  "math",     "meta",    "noembed",  "noframes", "noscript", "object",
    "optgroup", "option", "param",    "plaintext", "script", "select",   "template", "textarea",
};
// also dropped, checked separately: svg, video, source, track, portal, xml

bool in(std::string_view name, const auto& sorted) noexcept {
    return std::binary_search(sorted.begin(), sorted.end(), name);
}

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) noexcept {
    return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

ElementAction element_action(std::string_view name, bool html_namespace) noexcept {
    if (!html_namespace) return ElementAction::drop;
    if (in(name, kept)) return ElementAction::keep;
    if (in(name, dropped) || one_of(name, {"svg", "video", "source", "track", "portal", "xml", "xmp", "output", "label", "legend", "slot"}))
        return ElementAction::drop;
    return ElementAction::unwrap;
}

AttributeKind attribute_kind(std::string_view element, std::string_view attribute) noexcept {
    if (attribute == "style") return AttributeKind::style;
    if (one_of(attribute, {"class", "dir", "lang", "title", "align", "valign"})) return AttributeKind::plain;
    if (element == "a") {
        if (attribute == "href") return AttributeKind::url;
        if (one_of(attribute, {"target", "rel"})) return AttributeKind::plain;
        return AttributeKind::forbidden;
    }
    if (element == "img") {
        if (attribute == "src") return AttributeKind::image_url;
        if (one_of(attribute, {"alt", "width", "height", "border", "hspace", "vspace"})) return AttributeKind::plain;
        return AttributeKind::forbidden;
    }
    if (element == "font") return one_of(attribute, {"color", "face", "size"}) ? AttributeKind::plain : AttributeKind::forbidden;
    if (one_of(element, {"table", "td", "th", "tr", "tbody", "thead", "tfoot", "body"})) {
        if (attribute == "background") return AttributeKind::image_url;
        if (one_of(attribute, {"bgcolor", "border", "cellpadding", "cellspacing", "width", "height", "colspan", "rowspan",
                               "nowrap", "role", "bordercolor"}))
            return AttributeKind::plain;
        return AttributeKind::forbidden;
    }
    if (one_of(element, {"col", "colgroup"})) return one_of(attribute, {"span", "width"}) ? AttributeKind::plain : AttributeKind::forbidden;
    if (element == "ol") return one_of(attribute, {"start", "type"}) ? AttributeKind::plain : AttributeKind::forbidden;
    if (element == "ul" || element == "li") return attribute == "type" ? AttributeKind::plain : AttributeKind::forbidden;
    if (element == "hr") return one_of(attribute, {"width", "size", "color", "noshade"}) ? AttributeKind::plain : AttributeKind::forbidden;
    if (one_of(element, {"div", "p", "center", "span"})) return one_of(attribute, {"width", "bgcolor"}) ? AttributeKind::plain : AttributeKind::forbidden;
    return AttributeKind::forbidden;
}

bool is_block(std::string_view name) noexcept {
    return one_of(name, {"p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "li", "ul", "ol", "blockquote",
                         "pre", "center", "section", "article", "header", "footer", "main", "nav", "figure", "figcaption",
                         "caption", "dl", "dt", "dd", "title", "body", "address", "tbody", "thead", "tfoot"});
}

}  // namespace mailwarden::content_detail
