// Ordinary newsletters keep their layout: the sanitized copy has the same
// elements, in the same order, with the same links, images and styles.
#include <mailwarden/content_check.hpp>

#include "content/html/html_facts.hpp"
#include "unit/content/html_safety.hpp"
#include "unit/content/html_test_files.hpp"

#include <doctest/doctest.h>

#include <gumbo.h>

namespace {

/// The body's elements in document order, each with its href/src and
/// whether it has a style: "td[style]", "a[https://...]".
std::vector<std::string> layout(const std::string& html) {
    GumboOutput* out = gumbo_parse(html.c_str());
    std::vector<std::string> shape;
    std::vector<const GumboNode*> stack{out->root};
    while (!stack.empty()) {
        const GumboNode* n = stack.back();
        stack.pop_back();
        if (n->type != GUMBO_NODE_ELEMENT) continue;
        const GumboElement& e = n->v.element;
        const std::string tag = gumbo_normalized_tagname(e.tag);
        if (tag != "html" && tag != "head" && tag != "meta" && tag != "title") {
            std::string s = tag;
            for (const char* a : {"href", "src", "width", "bgcolor", "colspan"})
                if (const GumboAttribute* at = gumbo_get_attribute(&e.attributes, a)) s += std::string("[") + a + "=" + at->value + "]";
            if (gumbo_get_attribute(&e.attributes, "style") != nullptr) s += "[style]";
            shape.push_back(s);
        }
        for (unsigned int i = e.children.length; i > 0; --i) stack.push_back(static_cast<const GumboNode*>(e.children.data[i - 1]));
    }
    gumbo_destroy_output(&kGumboDefaultOptions, out);
    return shape;
}

}  // namespace

TEST_CASE("sanitize_html: newsletters keep their layout") {
    for (const char* file : {"green-thumb.html", "product-update.html", "letter.html"}) {
        CAPTURE(file);
        const std::string html = html_test::read(std::string("newsletters/") + file);
        REQUIRE(!html.empty());
        const auto safe = mailwarden::sanitize_html(html);
        REQUIRE(safe.has_value());
        CHECK(layout(safe->html) == layout(html));
        CHECK(html_safety::problem(safe->html).empty());
        const auto again = mailwarden::sanitize_html(safe->html);
        REQUIRE(again.has_value());
        CHECK(again->html == safe->html);
        CHECK(!safe->text.empty());
    }
}

TEST_CASE("sanitize_html: the newsletter's head keeps its style block, loses meta") {
    const auto safe = mailwarden::sanitize_html(html_test::read("newsletters/green-thumb.html"));
    REQUIRE(safe.has_value());
    CHECK(safe->html.rfind("<!DOCTYPE html><html lang=\"en\"><head><title>Green Thumb Weekly", 0) == 0);
    CHECK(safe->html.find("@media only screen and (max-width: 620px){.container{width: 100% !important}") != std::string::npos);
    CHECK(safe->removed == std::vector<std::string>{"meta"});
    CHECK(safe->text.find("Read part 1 <https://news.example.com/articles/1-0?utm_source=newsletter&utm_medium=email>") != std::string::npos);
    CHECK(safe->text.find("Write to us <mailto:editor@news.example.com>") != std::string::npos);
}

TEST_CASE("html facts: the newsletters") {
    namespace cd = mailwarden::content_detail;
    const cd::HtmlFacts f = cd::analyze_html(html_test::read("newsletters/green-thumb.html"));
    CHECK(f.links == 30);
    CHECK(f.images == 9);
    CHECK(f.pixels == 1);
    CHECK(f.scripts + f.forms + f.event_handlers + f.dangerous_urls + f.embeds == 0);
    CHECK(f.hidden_chars > 0);
    CHECK(f.hidden_chars <= cd::max_hidden_chars);
    CHECK(f.text_chars > 4000);
    std::vector<mailwarden::ContentFinding> findings;
    cd::html_findings(f, findings);
    CHECK(findings.empty());
}
