#include "content/html/html_sanitizer.hpp"

#include "content/html/css_filter.hpp"
#include "content/html/html_escape.hpp"
#include "content/html/html_policy.hpp"
#include "content/html/nesting_rules.hpp"
#include "content/html/url_policy.hpp"

#include <algorithm>

namespace mailwarden::content_detail {

namespace {

constexpr std::size_t max_removed = 64;

constexpr auto moved = static_cast<unsigned int>(
    GUMBO_INSERTION_FOSTER_PARENTED | GUMBO_INSERTION_ADOPTION_AGENCY_CLONED | GUMBO_INSERTION_ADOPTION_AGENCY_MOVED);

bool is_void(std::string_view name) noexcept { return name == "br" || name == "hr" || name == "img" || name == "col"; }

std::string text_of(const GumboNode& element) {
    std::string text;
    const GumboVector& kids = element.v.element.children;
    for (unsigned int i = 0; i < kids.length; ++i) {
        const auto* kid = static_cast<const GumboNode*>(kids.data[i]);
        if (kid->type == GUMBO_NODE_TEXT || kid->type == GUMBO_NODE_WHITESPACE || kid->type == GUMBO_NODE_CDATA) text += kid->v.text.text;
    }
    return text;
}

const GumboNode* child_element(const GumboNode& parent, GumboTag tag) {
    const GumboVector* kids = children_of(parent);
    for (unsigned int i = 0; kids != nullptr && i < kids->length; ++i) {
        const auto* kid = static_cast<const GumboNode*>(kids->data[i]);
        if (kid->type == GUMBO_NODE_ELEMENT && kid->v.element.tag == tag) return kid;
    }
    return nullptr;
}

class Writer {
public:
    SanitizeOutput out;
    bool quirks = true;    ///< the output parses in quirks mode (no doctype written)
    bool flatten = false;  ///< unwrap the formatting elements too

    void note(std::string what) {
        if (out.removed.size() >= max_removed) return;
        if (std::find(out.removed.begin(), out.removed.end(), what) == out.removed.end()) out.removed.push_back(std::move(what));
    }

    void attributes(std::string_view element, const GumboElement& e) {
        std::vector<std::string> css_removed;
        for (unsigned int i = 0; i < e.attributes.length; ++i) {
            const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
            const std::string_view name = a->name;
            const std::string value = without_controls(a->value);
            if (name.size() > 2 && name.substr(0, 2) == "on") {
                note(std::string(name) + " on " + std::string(element));
                continue;
            }
            const AttributeKind kind = a->attr_namespace == GUMBO_ATTR_NAMESPACE_NONE ? attribute_kind(element, name) : AttributeKind::forbidden;
            std::string kept;
            switch (kind) {
            case AttributeKind::forbidden:
                note(std::string(name.substr(0, 40)) + " attribute on " + std::string(element));
                continue;
            case AttributeKind::plain: kept = value; break;
            case AttributeKind::url:
            case AttributeKind::image_url:
                if (!url_allowed(value, kind == AttributeKind::url ? UrlUse::link : UrlUse::image)) {
                    const std::string scheme = url_scheme(browser_url(value));
                    note((scheme == "?" ? std::string("malformed") : scheme.substr(0, 20) + ":") + " URL in " + std::string(element) + " " + std::string(name));
                    continue;
                }
                kept = value;
                break;
            case AttributeKind::style:
                kept = filter_style_attribute(value, css_removed);
                for (std::string& r : css_removed) note(r + " (style on " + std::string(element) + ")");
                css_removed.clear();
                if (kept.empty()) continue;
                break;
            }
            out.html += ' ';
            out.html += name;
            out.html += "=\"";
            append_escaped_attribute(out.html, kept);
            out.html += '"';
        }
    }

    void style_block(const GumboNode& node) {
        std::vector<std::string> css_removed;
        std::string css = filter_style_sheet(without_controls(text_of(node)), css_removed);
        for (std::string& r : css_removed) note(r + " (style element)");
        if (css.empty()) return;
        out.html += "<style>";
        out.html += css;  // no '<' survives the filter: "</style" cannot occur
        out.html += "</style>";
    }

    void title(const GumboNode& node) {
        out.html += "<title>";
        append_escaped_text(out.html, text_of(node));
        out.html += "</title>";
    }

    bool enter(const GumboNode& node) {
        switch (node.type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_WHITESPACE:
        case GUMBO_NODE_CDATA:
            if ((static_cast<unsigned int>(node.parse_flags) & moved) != 0) out.settled = false;
            if (node.type != GUMBO_NODE_WHITESPACE && misplaced_text(open_)) {
                out.settled = false;
                note("text misplaced in a table");
                return false;
            }
            append_escaped_text(out.html, node.v.text.text);
            return false;
        case GUMBO_NODE_COMMENT: note("comment"); return false;
        case GUMBO_NODE_DOCUMENT: return false;
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE: break;
        }
        const std::string_view name = tag_name(node, scratch_);
        const GumboElement& e = node.v.element;
        if ((static_cast<unsigned int>(node.parse_flags) & moved) != 0) out.settled = false;
        switch (element_action(name, e.tag_namespace == GUMBO_NAMESPACE_HTML)) {
        case ElementAction::drop: note(std::string(name.substr(0, 40))); return false;
        case ElementAction::unwrap:
            out.settled = false;
            note(std::string(name.substr(0, 40)) + " tag (content kept)");
            return true;
        case ElementAction::keep: break;
        }
        if (name == "style") {
            style_block(node);
            return false;
        }
        if (name == "html" || name == "head" || name == "body") {  // only written by write_document
            note(std::string(name) + " tag (content kept)");
            return true;
        }
        if (name == "title") {  // a document's title is written by title(); elsewhere it would move to the head
            note("title outside the head");
            return false;
        }
        if (misplaced_element(open_, name, quirks) || (flatten && formatting(name))) {
            out.settled = false;
            note(std::string(name) + " misplaced (content kept)");
            if (is_void(name)) return false;
            unwrapped_.push_back(&node);
            return true;
        }
        out.html += '<';
        out.html += name;
        attributes(name, e);
        out.html += '>';
        if (is_void(name)) return false;
        open_.push_back(gumbo_normalized_tagname(e.tag));
        if (name == "pre" && e.children.length > 0) {
            const auto* first = static_cast<const GumboNode*>(e.children.data[0]);
            if ((first->type == GUMBO_NODE_TEXT || first->type == GUMBO_NODE_WHITESPACE) && first->v.text.text[0] == '\n') out.html += '\n';
        }
        return true;
    }

    void leave(const GumboNode& node) {
        if (node.type != GUMBO_NODE_ELEMENT && node.type != GUMBO_NODE_TEMPLATE) return;
        const std::string_view name = tag_name(node, scratch_);
        if (element_action(name, node.v.element.tag_namespace == GUMBO_NAMESPACE_HTML) != ElementAction::keep) return;
        if (name == "html" || name == "head" || name == "body") return;
        if (!unwrapped_.empty() && unwrapped_.back() == &node) {
            unwrapped_.pop_back();
            return;
        }
        if (!open_.empty()) open_.pop_back();
        out.html += "</";
        out.html += name;
        out.html += '>';
    }

    void content_of(const GumboNode* parent, bool styles_only) {
        const GumboVector* kids = parent == nullptr ? nullptr : children_of(*parent);
        for (unsigned int i = 0; kids != nullptr && i < kids->length; ++i) {
            const auto* kid = static_cast<const GumboNode*>(kids->data[i]);
            if (styles_only) {
                if (kid->type == GUMBO_NODE_ELEMENT && kid->v.element.tag == GUMBO_TAG_STYLE) style_block(*kid);
                else if (kid->type == GUMBO_NODE_ELEMENT && kid->v.element.tag != GUMBO_TAG_TITLE) enter(*kid);
                continue;
            }
            walk(*kid, [this](const GumboNode& n) { return enter(n); }, [this](const GumboNode& n) { leave(n); });
        }
    }

    void start_tag(std::string_view name, const GumboNode* element) {
        out.html += '<';
        out.html += name;
        if (element != nullptr) attributes(name, element->v.element);
        out.html += '>';
    }

private:
    std::string scratch_;
    std::vector<std::string_view> open_;        ///< the written elements now open
    std::vector<const GumboNode*> unwrapped_;  ///< kept elements written without their tags
};

bool written(const GumboNode* element) {
    return element != nullptr && element->v.element.original_tag.length > 0;
}

}  // namespace

SanitizeOutput sanitize_tree(const GumboTree& tree, bool flatten) {
    Writer w;
    w.flatten = flatten;
    const GumboNode* html = tree.root();
    const GumboNode* head = html == nullptr ? nullptr : child_element(*html, GUMBO_TAG_HEAD);
    const GumboNode* body = html == nullptr ? nullptr : child_element(*html, GUMBO_TAG_BODY);
    if (html != nullptr && body == nullptr) w.note("frameset");
    const GumboDocument& doc = tree.document()->v.document;
    const bool document = doc.has_doctype || written(html) || written(body);
    if (!document) {
        // Whitespace at the start of a fragment is dropped when it is parsed
        // (before <html>, or after the head's styles): dropped here too.
        w.content_of(head, true);
        const std::size_t styles = w.out.html.size();
        w.content_of(body, false);
        const std::size_t text = w.out.html.find_first_not_of(" \t\n\f\r", styles);
        w.out.html.erase(styles, (text == std::string::npos ? w.out.html.size() : text) - styles);
        return std::move(w.out);
    }
    if (doc.has_doctype && doc.doc_type_quirks_mode != GUMBO_DOCTYPE_QUIRKS) {
        w.out.html += "<!DOCTYPE html>";
        w.quirks = false;
    }
    w.start_tag("html", html);
    w.out.html += "<head>";
    if (head != nullptr) {
        const GumboVector& kids = head->v.element.children;
        for (unsigned int i = 0; i < kids.length; ++i) {
            const auto* kid = static_cast<const GumboNode*>(kids.data[i]);
            if (kid->type != GUMBO_NODE_ELEMENT) continue;
            if (kid->v.element.tag == GUMBO_TAG_STYLE) w.style_block(*kid);
            else if (kid->v.element.tag == GUMBO_TAG_TITLE) w.title(*kid);
            else w.enter(*kid);  // notes what head elements are dropped (meta, link, script, base)
        }
    }
    w.out.html += "</head>";
    w.start_tag("body", body);
    w.content_of(body, false);
    w.out.html += "</body></html>";
    return std::move(w.out);
}

}  // namespace mailwarden::content_detail
