#include "html_links.hpp"

#include "text_urls.hpp"

#include <gumbo.h>

#include <limits>
#include <memory>

namespace mailwarden::content_detail {

namespace {

constexpr std::size_t max_anchor_text = 256;

struct OutputFree {
    void operator()(GumboOutput* output) const noexcept { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};

std::string_view attribute(const GumboElement& element, const char* name) {
    const GumboAttribute* a = gumbo_get_attribute(&element.attributes, name);
    return a != nullptr && a->value != nullptr ? std::string_view(a->value) : std::string_view();
}

bool void_element(std::string_view name) {
    static constexpr std::string_view names[] = {"area", "base", "br", "col", "embed", "hr", "img", "input",
                                                 "link", "meta", "param", "source", "track", "wbr"};
    for (const auto v : names)
        if (name.size() == v.size()) {
            bool same = true;
            for (std::size_t k = 0; k < v.size() && same; ++k)
                same = (name[k] | 0x20) == v[k];
            if (same) return true;
        }
    return false;
}

// An upper bound of the nesting depth without parsing: start tags (not void
// elements, not "/>") less end tags.
bool too_deep(std::string_view html) {
    std::size_t depth = 0;
    for (std::size_t i = 0; i + 1 < html.size(); ++i) {
        if (html[i] != '<') continue;
        const char next = html[i + 1];
        if (next == '/') {
            depth = depth > 0 ? depth - 1 : 0;
            continue;
        }
        if (!((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z'))) continue;
        std::size_t end = i + 1;
        while (end < html.size() && ((html[end] | 0x20) >= 'a' && (html[end] | 0x20) <= 'z')) ++end;
        const std::size_t close = html.substr(end, 1024).find('>');  // bounded: linear overall
        const bool self_closing = close != std::string_view::npos && html[end + close - 1] == '/';
        if (!void_element(html.substr(i + 1, end - i - 1)) && !self_closing) ++depth;
        if (depth > max_html_depth) return true;
        i = end - 1;
    }
    return false;
}

void collapse_append(std::string& out, std::string_view text) {
    for (const char c : text) {
        if (out.size() >= max_anchor_text) return;
        const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        if (space) {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
}

void visible_text(const GumboNode* root, std::string& out) {
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty() && out.size() < max_anchor_text) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
            collapse_append(out, node->v.text.text);
        } else if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
            const GumboVector& children = node->v.element.children;
            for (unsigned i = children.length; i > 0; --i) stack.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
        }
    }
    if (out.size() >= max_anchor_text) {  // cut: not inside a UTF-8 sequence
        std::size_t n = out.size();
        while (n > 0 && (static_cast<unsigned char>(out[n - 1]) & 0xC0u) == 0x80u) --n;
        if (n > 0 && static_cast<unsigned char>(out[n - 1]) >= 0xC0u) out.resize(n - 1);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && out.front() == ' ') out.erase(0, 1);
}

void add_text_urls(std::string_view text, std::vector<HtmlLink>& out) {
    for (const auto& found : find_text_urls(text))
        out.push_back({std::string(found.written), "text", "", found.without_scheme});
}

}  // namespace

std::vector<HtmlLink> find_html_links(std::string_view html) {
    std::vector<HtmlLink> out;
    if (html.empty()) return out;
    if (too_deep(html) || html.size() > std::numeric_limits<unsigned>::max() / 2) {
        add_text_urls(html, out);
        return out;
    }
    const std::unique_ptr<GumboOutput, OutputFree> parsed(
        gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
    if (parsed == nullptr) return out;
    return find_html_links(*parsed->document);
}

std::vector<HtmlLink> find_html_links(const GumboNode& document) {
    std::vector<HtmlLink> out;
    std::vector<const GumboNode*> stack{&document};
    while (!stack.empty()) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
            add_text_urls(node->v.text.text, out);
            continue;
        }
        if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE && node->type != GUMBO_NODE_DOCUMENT)
            continue;
        const GumboVector* children = node->type == GUMBO_NODE_DOCUMENT ? &node->v.document.children
                                                                        : &node->v.element.children;
        if (node->type != GUMBO_NODE_DOCUMENT) {
            const GumboElement& element = node->v.element;
            switch (element.tag) {
            case GUMBO_TAG_SCRIPT:
            case GUMBO_TAG_STYLE:
                continue;  // not shown: neither links nor text
            case GUMBO_TAG_A:
                if (const auto href = attribute(element, "href"); !href.empty()) {
                    HtmlLink link{std::string(href), "href", "", false};
                    visible_text(node, link.anchor_text);
                    out.push_back(std::move(link));
                }
                break;
            case GUMBO_TAG_AREA:
                if (const auto href = attribute(element, "href"); !href.empty()) {
                    HtmlLink link{std::string(href), "href", "", false};
                    collapse_append(link.anchor_text, attribute(element, "alt"));
                    out.push_back(std::move(link));
                }
                break;
            case GUMBO_TAG_IMG:
                if (const auto src = attribute(element, "src"); !src.empty())
                    out.push_back({std::string(src), "src", "", false});
                break;
            case GUMBO_TAG_FORM:
                if (const auto action = attribute(element, "action"); !action.empty())
                    out.push_back({std::string(action), "action", "", false});
                break;
            default:
                break;
            }
        }
        for (unsigned i = children->length; i > 0; --i)
            stack.push_back(static_cast<const GumboNode*>(children->data[i - 1]));
    }
    return out;
}

}  // namespace mailwarden::content_detail
