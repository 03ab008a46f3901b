// analyze_html and html_findings: images, hidden text, constructs a user's
// message should not carry.
#include "content/html/html_facts.hpp"

#include <doctest/doctest.h>

#include <algorithm>

namespace cd = mailwarden::content_detail;

namespace {

std::vector<mailwarden::ContentFinding> findings(std::string_view html) {
    std::vector<mailwarden::ContentFinding> out;
    cd::html_findings(cd::analyze_html(html), out);
    return out;
}

const mailwarden::ContentFinding* find(const std::vector<mailwarden::ContentFinding>& all, std::string_view id) {
    const auto it = std::find_if(all.begin(), all.end(), [&](const auto& f) { return f.id == id; });
    return it == all.end() ? nullptr : &*it;
}

std::string words(std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += "word ";
    return s;
}

}  // namespace

TEST_CASE("html facts: image-only and image-heavy messages") {
    const auto only = findings("<a href=\"https://x.example/\"><img src=\"https://x.example/ad.jpg\" width=\"600\" height=\"800\"></a>");
    REQUIRE(find(only, "html.image_only") != nullptr);
    CHECK(find(only, "html.image_only")->severity == mailwarden::ContentSeverity::review);
    CHECK(find(only, "html.image_ratio") == nullptr);

    const auto heavy = findings("<p>" + words(40) + "</p><img src=a.jpg><img src=b.jpg>");
    CHECK(find(heavy, "html.image_ratio") != nullptr);
    CHECK(findings("<p>" + words(170) + "</p><img src=a.jpg><img src=b.jpg>").empty());

    const cd::HtmlFacts f = cd::analyze_html("<img src=a width=300 height=200><img src=p width=1 height=1><p>hi</p>");
    CHECK(f.images == 1);
    CHECK(f.pixels == 1);
    CHECK(f.image_area == 60000);
    CHECK(f.text_chars == 2);
}

TEST_CASE("html facts: hidden text") {
    const std::string hidden = words(40);
    for (const std::string& html : {
             "<div style=\"display:none\">" + hidden + "</div>",
             "<div style=\"visibility: hidden\">" + hidden + "</div>",
             "<span style=\"font-size:0px\">" + hidden + "</span>",
             "<span style=\"font-size:1px\">" + hidden + "</span>",
             "<font color=\"#ffffff\">" + hidden + "</font>",
             "<p style=\"color:white\">" + hidden + "</p>",
             "<table bgcolor=\"#123456\"><tr><td><span style=\"color:#123456\">" + hidden + "</span></td></tr></table>",
             "<div style=\"background-color: rgb(0,0,0)\"><p style=\"color:#000\">" + hidden + "</p></div>",
         }) {
        CAPTURE(html);
        const auto all = findings("<p>" + words(100) + "</p>" + html);
        const auto* f = find(all, "html.hidden_text");
        REQUIRE(f != nullptr);
        CHECK(f->evidence.find("\"word word word") != std::string::npos);
    }
    // A preheader is ordinary; dark text on white is not hidden.
    CHECK(findings("<div style=\"display:none\">Our spring issue is here</div><p style=\"color:#333\">" + words(100) + "</p>").empty());
    CHECK(findings("<div style=\"background:#000\"><p style=\"color:#fff\">" + words(100) + "</p></div>").empty());
}

TEST_CASE("html facts: scripts, forms, handlers, dangerous URLs") {
    const auto all = findings(
        "<p>" + words(100) + "</p><script>x()</script><form><input></form><img src=x onerror=y()>"
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a><iframe src=\"https://x\"></iframe><div style=\"width:expression(1)\">x</div>");
    CHECK(find(all, "html.script") != nullptr);
    CHECK(find(all, "html.form")->evidence == "2 form elements");
    CHECK(find(all, "html.event_handler")->evidence == "1 event handler, first: onerror on img");
    CHECK(find(all, "html.dangerous_url")->evidence.find("2 URLs") == 0);
    CHECK(find(all, "html.embed") != nullptr);
    for (const auto& f : all) CHECK(f.severity == mailwarden::ContentSeverity::review);
}

TEST_CASE("html facts: unreadable input") {
    std::string deep;
    for (int i = 0; i < 1000; ++i) deep += "<div>";
    const auto all = findings(deep);
    REQUIRE(all.size() == 1);
    CHECK(all[0].id == "html.unreadable");
}
