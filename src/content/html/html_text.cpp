#include "content/html/html_text.hpp"

#include "content/html/css_filter.hpp"
#include "content/html/html_policy.hpp"
#include "content/html/html_escape.hpp"
#include "content/html/url_policy.hpp"

#include <string_view>
#include <vector>

namespace mailwarden::content_detail {

namespace {

bool space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

const char* attribute(const GumboElement& e, const char* name) {
    const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
    return a == nullptr ? nullptr : a->value;
}

bool displays_none(const GumboElement& e) {
    const char* style = attribute(e, "style");
    if (style == nullptr) return false;
    for (const CssDeclaration& d : style_declarations(style))
        if (d.property == "display" && d.value.find("none") != std::string::npos) return true;
    return false;
}

class TextWriter {
public:
    std::string text;

    bool enter(const GumboNode& node) {
        if (node.type == GUMBO_NODE_TEXT || node.type == GUMBO_NODE_WHITESPACE || node.type == GUMBO_NODE_CDATA) {
            append(node.v.text.text);
            return false;
        }
        if (node.type != GUMBO_NODE_ELEMENT && node.type != GUMBO_NODE_TEMPLATE) return node.type == GUMBO_NODE_DOCUMENT;
        const std::string_view name = tag_name(node, scratch_);
        const GumboElement& e = node.v.element;
        const ElementAction action = element_action(name, e.tag_namespace == GUMBO_NAMESPACE_HTML);
        if (action == ElementAction::drop || name == "style" || name == "title" || name == "head") return false;
        if (action == ElementAction::keep && displays_none(e)) return false;
        if (name == "br") {
            text += '\n';
            return false;
        }
        if (name == "img") {
            if (const char* alt = attribute(e, "alt"); alt != nullptr && *alt != '\0') {
                append(" ");
                append(alt);
                append(" ");
            }
            return false;
        }
        if (name == "pre") ++pre_;
        if (name == "ul") lists_.push_back(0);
        if (name == "ol") lists_.push_back(1);
        if (is_block(name)) breaks(paragraph(name) ? 2 : 1);
        if (name == "li") {
            if (lists_.empty() || lists_.back() == 0) text += "- ";
            else text += std::to_string(lists_.back()++) + ". ";
        }
        if ((name == "td" || name == "th") && !text.empty() && text.back() != '\n') text += "  ";
        if (name == "a") links_.push_back({text.size(), attribute(e, "href")});
        return true;
    }

    void leave(const GumboNode& node) {
        if (node.type != GUMBO_NODE_ELEMENT && node.type != GUMBO_NODE_TEMPLATE) return;
        const std::string_view name = tag_name(node, scratch_);
        if (name == "pre" && pre_ > 0) --pre_;
        if ((name == "ul" || name == "ol") && !lists_.empty()) lists_.pop_back();
        if (name == "a" && !links_.empty()) {
            const Link link = links_.back();
            links_.pop_back();
            close_link(link);
        }
        if (is_block(name)) breaks(paragraph(name) ? 2 : 1);
    }

    std::string finish() {
        std::string out;
        std::size_t newlines = 0;
        for (const char c : text) {
            if (c == '\n') {
                while (!out.empty() && out.back() == ' ') out.pop_back();
                if (out.empty() || ++newlines > 2) continue;
                out += c;
            } else {
                if (c == ' ' && (out.empty() || out.back() == '\n')) continue;
                newlines = 0;
                out += c;
            }
        }
        while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
        if (!out.empty()) out += '\n';
        return out;
    }

private:
    struct Link {
        std::size_t start;
        const char* href;
    };

    static bool paragraph(std::string_view name) {
        return name == "p" || name == "table" || name == "ul" || name == "ol" || name == "blockquote" || name == "pre" ||
               (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6');
    }

    /// Ends the text with at least `n` line breaks (none at the start).
    void breaks(std::size_t n) {
        while (!text.empty() && text.back() == ' ') text.pop_back();
        if (text.empty()) return;
        std::size_t have = 0;
        while (have < text.size() && text[text.size() - 1 - have] == '\n') ++have;
        for (; have < n; ++have) text += '\n';
    }

    void append(std::string_view s) {
        if (pre_ > 0) {
            text += without_controls(s);
            return;
        }
        for (const char c : html_characters(s)) {  // as the HTML writer has it
            if (space(c)) {
                if (!text.empty() && text.back() != ' ' && text.back() != '\n') text += ' ';
            } else {
                text += c;
            }
        }
    }

    void close_link(const Link& link) {
        if (link.href == nullptr) return;
        const std::string href = without_controls(link.href);  // as the HTML writer has it
        if (!url_allowed(href, UrlUse::link)) return;
        const std::string url = browser_url(href);
        if (url.empty() || url[0] == '#') return;
        std::string_view shown = std::string_view(text).substr(link.start);
        while (!shown.empty() && space(shown.front())) shown.remove_prefix(1);
        while (!shown.empty() && space(shown.back())) shown.remove_suffix(1);
        std::string_view bare = url;
        if (bare.substr(0, 7) == "mailto:") bare.remove_prefix(7);
        if (shown == url || shown == bare) return;
        if (!text.empty() && text.back() != ' ' && text.back() != '\n') text += ' ';
        text += '<';
        text += url;
        text += '>';
    }

    std::string scratch_;
    std::vector<int> lists_;
    std::vector<Link> links_;
    int pre_ = 0;
};

}  // namespace

std::string text_alternative(const GumboTree& tree) {
    TextWriter w;
    walk(*tree.document(), [&w](const GumboNode& n) { return w.enter(n); }, [&w](const GumboNode& n) { w.leave(n); });
    return w.finish();
}

}  // namespace mailwarden::content_detail
