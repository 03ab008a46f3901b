#include "content/html/html_facts.hpp"

namespace mailwarden::content_detail {

namespace {

void add(std::vector<ContentFinding>& findings, const char* id, std::string evidence) {
    findings.push_back({id, ContentSeverity::review, std::move(evidence)});
}

std::string count(std::size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

}  // namespace

void html_findings(const HtmlFacts& f, std::vector<ContentFinding>& findings) {
    if (f.unreadable) {
        add(findings, "html.unreadable", "the HTML is over 16 MiB or nests elements deeper than a browser would");
        return;
    }
    if (f.images > 0 && f.text_chars < 20) {
        add(findings, "html.image_only", count(f.images, "image", "images") + " and " + count(f.text_chars, "character", "characters") + " of text");
    } else if (f.images > 0 && f.text_chars < min_text_per_image * f.images) {
        add(findings, "html.image_ratio",
            count(f.images, "image", "images") + " and " + count(f.text_chars, "character", "characters") + " of text (fewer than " +
                std::to_string(min_text_per_image) + " per image)");
    }
    if (f.hidden_chars > max_hidden_chars)
        add(findings, "html.hidden_text", count(f.hidden_chars, "hidden character", "hidden characters") + ": \"" + f.hidden_sample + "\"");
    if (f.scripts > 0) add(findings, "html.script", count(f.scripts, "script element", "script elements"));
    if (f.embeds > 0) add(findings, "html.embed", count(f.embeds, "frame or embedded object", "frames or embedded objects"));
    if (f.forms > 0) add(findings, "html.form", count(f.forms, "form element", "form elements"));
    if (f.event_handlers > 0)
        add(findings, "html.event_handler", count(f.event_handlers, "event handler", "event handlers") + ", first: " + f.first_handler);
    if (f.dangerous_urls > 0)
        add(findings, "html.dangerous_url", count(f.dangerous_urls, "URL", "URLs") + " with a scheme not allowed, first: " + f.first_url);
}

}  // namespace mailwarden::content_detail
