#include "content/html/html_facts.hpp"

#include "content/html/css_filter.hpp"
#include "content/html/gumbo_tree.hpp"
#include "content/html/nesting_guard.hpp"
#include "content/html/url_policy.hpp"

#include <charconv>

namespace mailwarden::content_detail {

namespace {

bool space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string lower_trim(std::string_view s) {
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    std::string out;
    for (const char c : s)
        if (!space(c)) out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
}

/// A colour as "#rrggbb" when it is one we can compare; else "".
std::string colour(std::string_view value) {
    std::string v = lower_trim(value);
    if (const std::size_t bang = v.find("!important"); bang != std::string::npos) v.erase(bang);
    if (v == "white") return "#ffffff";
    if (v == "black") return "#000000";
    if (v.size() == 4 && v[0] == '#') return std::string{'#', v[1], v[1], v[2], v[2], v[3], v[3]};
    if (v.size() == 7 && v[0] == '#') return v;
    if (v.size() == 6 && v.find_first_not_of("0123456789abcdef") == std::string::npos) return "#" + v;
    if (v.rfind("rgb(", 0) == 0) {
        unsigned int rgb[3] = {0, 0, 0};
        const char* p = v.data() + 4;
        const char* end = v.data() + v.size();
        for (unsigned int& c : rgb) {
            const auto r = std::from_chars(p, end, c);
            if (r.ec != std::errc() || c > 255) return {};
            p = r.ptr;
            if (p < end && *p == ',') ++p;
        }
        static constexpr char hex[] = "0123456789abcdef";
        std::string out = "#";
        for (const unsigned int c : rgb) {
            out += hex[c / 16];
            out += hex[c % 16];
        }
        return out;
    }
    return {};
}

bool tiny_font(std::string_view value) {
    const std::string v = lower_trim(value);
    std::size_t n = 0;
    double size = 0;
    const auto r = std::from_chars(v.data(), v.data() + v.size(), size);
    if (r.ec != std::errc()) return false;
    n = static_cast<std::size_t>(r.ptr - v.data());
    const std::string_view unit = std::string_view(v).substr(n);
    if (size <= 0) return true;
    if (unit == "px" || unit == "pt") return size <= 1;
    if (unit == "em" || unit == "rem") return size <= 0.1;
    if (unit == "%") return size <= 10;
    return false;
}

std::uint64_t dimension(const char* value) {
    if (value == nullptr) return 0;
    std::uint64_t n = 0;
    const std::string_view v(value);
    const auto r = std::from_chars(v.data(), v.data() + v.size(), n);
    return r.ec == std::errc() ? n : 0;
}

bool is_url_attribute(std::string_view name) {
    return name == "href" || name == "src" || name == "action" || name == "formaction" || name == "background" || name == "data" ||
           name == "poster" || name == "codebase" || name == "xlink:href" || name == "lowsrc" || name == "dynsrc" || name == "srcset";
}

struct Context {
    bool hidden = false;
    std::string text_colour;
    std::string background = "#ffffff";
};

class Analyzer {
public:
    HtmlFacts facts;

    bool enter(const GumboNode& node) {
        if (node.type == GUMBO_NODE_DOCUMENT) return true;
        if (node.type == GUMBO_NODE_TEXT || node.type == GUMBO_NODE_CDATA) {
            text(node.v.text.text);
            return false;
        }
        if (node.type != GUMBO_NODE_ELEMENT && node.type != GUMBO_NODE_TEMPLATE) return false;
        const std::string_view name = tag_name(node, scratch_);
        const GumboElement& e = node.v.element;
        if (name == "script") ++facts.scripts;
        if (name == "iframe" || name == "frame" || name == "object" || name == "embed" || name == "applet") ++facts.embeds;
        if (name == "form" || name == "input" || name == "button" || name == "select" || name == "textarea") ++facts.forms;
        Context context = stack_.empty() ? Context{} : stack_.back();
        attributes(name, e, context);
        if (name == "img") image(e, context);
        if (name == "a" && gumbo_get_attribute(&e.attributes, "href") != nullptr) ++facts.links;
        if (name == "script" || name == "style" || name == "title" || name == "head" || name == "noscript" || name == "template" ||
            name == "textarea")
            return false;
        stack_.push_back(std::move(context));
        return true;
    }

    void leave(const GumboNode& node) {
        if ((node.type == GUMBO_NODE_ELEMENT || node.type == GUMBO_NODE_TEMPLATE) && !stack_.empty()) stack_.pop_back();
    }

private:
    void attributes(std::string_view element, const GumboElement& e, Context& context) {
        for (unsigned int i = 0; i < e.attributes.length; ++i) {
            const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
            const std::string_view name = a->name;
            if (name.size() > 2 && name.substr(0, 2) == "on") {
                if (facts.event_handlers++ == 0) facts.first_handler = std::string(name.substr(0, 40)) + " on " + std::string(element.substr(0, 40));
            } else if (is_url_attribute(name)) {
                const UrlUse use = element == "a" ? UrlUse::link : UrlUse::image;
                if (!url_allowed(a->value, use)) dangerous(a->value);
            } else if (name == "style") {
                style(a->value, context);
            } else if (name == "bgcolor") {
                if (std::string c = colour(a->value); !c.empty()) context.background = std::move(c);
            } else if (name == "color" && element == "font") {
                context.text_colour = colour(a->value);
            } else if (name == "hidden") {
                context.hidden = true;
            } else if (name == "size" && element == "font") {
                if (dimension(a->value) == 0 && std::string_view(a->value).find_first_of("123456789") == std::string_view::npos) context.hidden = true;
            }
        }
    }

    void style(const char* value, Context& context) {
        CssRemovals removed;
        filter_style_attribute(value, removed);
        for (const std::string& r : removed)
            if (r.find("javascript") != std::string::npos || r.find("expression") != std::string::npos || r.find("url()") != std::string::npos ||
                r.find("vbscript") != std::string::npos || r.find("behavior") != std::string::npos || r.find("binding") != std::string::npos)
                dangerous(value);
        for (const CssDeclaration& d : style_declarations(value)) {
            const std::string v = lower_trim(d.value);
            if (d.property == "display" && v.rfind("none", 0) == 0) context.hidden = true;
            if (d.property == "visibility" && (v.rfind("hidden", 0) == 0 || v.rfind("collapse", 0) == 0)) context.hidden = true;
            if (d.property == "font-size" && tiny_font(d.value)) context.hidden = true;
            if (d.property == "opacity" && (v == "0" || v.rfind("0!", 0) == 0 || v == "0.0")) context.hidden = true;
            if (d.property == "color") context.text_colour = colour(d.value);
            if (d.property == "background-color" || d.property == "background") {
                if (std::string c = colour(d.value); !c.empty()) context.background = std::move(c);
            }
        }
    }

    void dangerous(std::string_view url) {
        if (facts.dangerous_urls++ == 0) facts.first_url = std::string(url.substr(0, 80));
    }

    void image(const GumboElement& e, const Context& context) {
        const GumboAttribute* width = gumbo_get_attribute(&e.attributes, "width");
        const GumboAttribute* height = gumbo_get_attribute(&e.attributes, "height");
        const std::uint64_t w = dimension(width == nullptr ? nullptr : width->value);
        const std::uint64_t h = dimension(height == nullptr ? nullptr : height->value);
        if ((width != nullptr && w <= 2 && height != nullptr && h <= 2) || context.hidden) {
            ++facts.pixels;
            return;
        }
        ++facts.images;
        if (w > 0 && h > 0 && w < 100000 && h < 100000) facts.image_area += w * h;
    }

    void text(std::string_view s) {
        const Context* c = stack_.empty() ? nullptr : &stack_.back();
        const bool hidden = c != nullptr && (c->hidden || (!c->text_colour.empty() && c->text_colour == c->background));
        std::size_t chars = 0;
        bool last_space = true;
        std::string words;
        for (const char ch : s) {
            if (space(ch)) {
                if (!last_space) {
                    ++chars;
                    if (hidden) words += ' ';
                }
                last_space = true;
                continue;
            }
            last_space = false;
            if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++chars;
            if (hidden) words += ch;
        }
        if (!hidden) {
            facts.text_chars += chars;
            return;
        }
        facts.hidden_chars += chars;
        if (facts.hidden_sample.size() < 80 && !words.empty()) {
            if (!facts.hidden_sample.empty() && facts.hidden_sample.back() != ' ') facts.hidden_sample += ' ';
            facts.hidden_sample += words;
            if (facts.hidden_sample.size() > 80) {
                std::size_t cut = 80;
                while (cut > 0 && (static_cast<unsigned char>(facts.hidden_sample[cut]) & 0xC0) == 0x80) --cut;
                facts.hidden_sample.resize(cut);
            }
        }
    }

    std::vector<Context> stack_;
    std::string scratch_;
};

}  // namespace

HtmlFacts analyze_html(std::string_view html) {
    Analyzer a;
    if (html.size() > 16 * 1024 * 1024 || nested_too_deeply(html)) {
        a.facts.unreadable = true;
        return a.facts;
    }
    return analyze_html(GumboTree(html));
}

HtmlFacts analyze_html(const GumboTree& tree) {
    Analyzer a;
    walk(*tree.document(), [&a](const GumboNode& n) { return a.enter(n); }, [&a](const GumboNode& n) { a.leave(n); });
    return std::move(a.facts);
}

}  // namespace mailwarden::content_detail
