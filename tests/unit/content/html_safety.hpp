// An independent check of sanitized HTML, for the unit tests and the fuzz
// target: parse it again with gumbo and look for anything that could run
// script. Written apart from the sanitizer's own policy on purpose.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

namespace html_safety {

inline std::string lower(std::string_view s) {
    std::string out;
    for (const char c : s) out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
}

/// Every byte up to and including the space removed (a browser ignores tabs
/// and newlines anywhere and controls and spaces at the ends; removing all
/// is stricter), lower-cased.
inline std::string squeeze(std::string_view s) {
    std::string out;
    for (const char c : s)
        if (static_cast<unsigned char>(c) > 0x20) out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
}

inline bool scheme_ok(std::string_view value) {
    const std::string v = squeeze(value);
    const std::size_t colon = v.find(':');
    if (colon == std::string::npos) return true;
    const std::size_t slash = v.find_first_of("/?#");
    if (slash != std::string::npos && slash < colon) return true;
    const std::string scheme = v.substr(0, colon);
    if (scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel" || scheme == "cid") return true;
    if (scheme == "data")
        for (const char* t : {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"})
            if (v.rfind(t, 0) == 0 && (v[std::string_view(t).size()] == ';' || v[std::string_view(t).size()] == ',')) return true;
    return false;
}

inline std::string css_problem(std::string_view css) {
    std::string s;
    bool in_comment = false;
    for (std::size_t i = 0; i < css.size(); ++i) {
        if (!in_comment && css.substr(i, 2) == "/*") in_comment = true;
        if (!in_comment && static_cast<unsigned char>(css[i]) > 0x20) s += css[i] >= 'A' && css[i] <= 'Z' ? static_cast<char>(css[i] - 'A' + 'a') : css[i];
        if (in_comment && i > 0 && css.substr(i - 1, 2) == "*/") in_comment = false;
    }
    for (const char* bad : {"expression(", "javascript:", "vbscript:", "behavior", "-moz-binding", "@import", "\\", "@font-face", "</"})
        if (s.find(bad) != std::string::npos) return std::string("CSS with ") + bad;
    std::size_t at = 0;
    while ((at = s.find("url(", at)) != std::string::npos) {
        at += 4;
        std::string url = s.substr(at, s.find(')', at) == std::string::npos ? std::string::npos : s.find(')', at) - at);
        if (!url.empty() && (url.front() == '"' || url.front() == '\'')) url.erase(0, 1);
        if (!scheme_ok(url)) return "CSS url(" + url + ")";
    }
    return {};
}

/// "" when `html` holds nothing that could run script; else what was found.
inline std::string problem(std::string_view html) {
    GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
    std::string found;
    std::vector<const GumboNode*> stack{out->document};
    while (!stack.empty() && found.empty()) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        const GumboVector* kids = nullptr;
        if (node->type == GUMBO_NODE_DOCUMENT) kids = &node->v.document.children;
        if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
            const GumboElement& e = node->v.element;
            kids = &e.children;
            const std::string tag = e.tag == GUMBO_TAG_UNKNOWN ? std::string("unknown") : gumbo_normalized_tagname(e.tag);
            if (e.tag_namespace != GUMBO_NAMESPACE_HTML) found = "foreign element " + tag;
            for (const char* bad : {"script", "iframe", "object", "embed", "form", "input", "button", "select", "textarea", "frame",
                                    "frameset", "applet", "base", "link", "meta", "template", "noscript", "svg", "math", "isindex",
                                    "xmp", "plaintext", "noembed", "noframes", "param", "video", "audio", "source", "keygen"})
                if (tag == bad) found = "element " + tag;
            for (unsigned int i = 0; i < e.attributes.length && found.empty(); ++i) {
                const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
                const std::string name = lower(a->name);
                if (name.rfind("on", 0) == 0) found = "attribute " + name;
                for (const char* url : {"href", "src", "background", "action", "formaction", "xlink:href", "srcset", "data", "poster",
                                        "lowsrc", "dynsrc", "code", "codebase", "srcdoc", "ping", "cite", "longdesc", "usemap"})
                    if (name == url && !scheme_ok(a->value)) found = name + "=" + a->value;
                if (name == "srcset" || name == "srcdoc" || name == "formaction" || name == "action") found = "attribute " + name;
                if (name == "style") {
                    if (std::string p = css_problem(a->value); !p.empty()) found = "style attribute: " + p;
                }
            }
            if (e.tag == GUMBO_TAG_STYLE)
                for (unsigned int i = 0; i < e.children.length && found.empty(); ++i) {
                    const auto* t = static_cast<const GumboNode*>(e.children.data[i]);
                    if (t->type == GUMBO_NODE_TEXT)
                        if (std::string p = css_problem(t->v.text.text); !p.empty()) found = "style element: " + p;
                }
        }
        for (unsigned int i = 0; kids != nullptr && i < kids->length; ++i) stack.push_back(static_cast<const GumboNode*>(kids->data[i]));
    }
    gumbo_destroy_output(&kGumboDefaultOptions, out);
    return found;
}

}  // namespace html_safety
