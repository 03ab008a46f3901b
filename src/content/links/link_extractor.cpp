// scan_links(): the text parts' bare URLs, then the HTML's links, each
// normalized, deduplicated by URL and capped.
#include "extract_links.hpp"
#include "html_links.hpp"
#include "text_urls.hpp"
#include "url_normalize.hpp"

#include "common/registrable_domain.hpp"

#include <unordered_map>

namespace mailwarden::content_detail {

namespace {

bool is_shortener(std::string_view domain, const std::vector<std::string>& shorteners) {
    for (const auto& s : shorteners) {
        const std::string name = normalized_domain(s);
        if (name.empty()) continue;
        if (domain == name) return true;
        if (domain.size() > name.size() && domain.ends_with(name) && domain[domain.size() - name.size() - 1] == '.')
            return true;
    }
    return false;
}

class Collector {
public:
    Collector(const std::vector<std::string>& shorteners, std::size_t max_links)
        : shorteners_(shorteners), max_links_(max_links) {}

    void add(std::string_view written, bool without_scheme, std::string source, std::string anchor_text) {
        std::optional<NormalUrl> normal;
        if (without_scheme) normal = normalize_url("http://" + std::string(written), false);
        else normal = normalize_url(written, source != "text");
        if (!normal) return;
        const auto [seen, fresh] = index_.try_emplace(normal->url, scan_.links.size());
        if (!fresh) {
            if (seen->second < scan_.links.size()) merge(scan_.links[seen->second], *normal, anchor_text);
            return;
        }
        ++scan_.total;
        if (scan_.links.size() >= max_links_) {
            seen->second = static_cast<std::size_t>(-1);
            return;
        }
        FoundLink link;
        link.check.url = std::move(normal->url);
        link.check.domain = std::move(normal->domain);
        link.check.ip = std::move(normal->ip);
        link.check.source = std::move(source);
        link.check.obfuscated = !normal->obfuscation.empty();
        link.obfuscation = std::move(normal->obfuscation);
        link.check.shortener = !link.check.domain.empty() && is_shortener(link.check.domain, shorteners_);
        link.anchor_text = std::move(anchor_text);
        scan_.links.push_back(std::move(link));
    }

    LinkScan take() { return std::move(scan_); }

private:
    // The same URL written twice: obfuscated if either was, the first anchor text.
    static void merge(FoundLink& link, const NormalUrl& again, std::string& anchor_text) {
        if (!link.check.obfuscated && !again.obfuscation.empty()) {
            link.check.obfuscated = true;
            link.obfuscation = again.obfuscation;
        }
        if (link.anchor_text.empty() && !anchor_text.empty()) link.anchor_text = std::move(anchor_text);
    }

    const std::vector<std::string>& shorteners_;
    std::size_t max_links_;
    LinkScan scan_;
    std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace

namespace {

LinkScan collect(std::string_view text_parts, std::vector<HtmlLink> html_links,
                 const std::vector<std::string>& shorteners, std::size_t max_links) {
    Collector collector(shorteners, max_links);
    for (const auto& found : find_text_urls(text_parts)) collector.add(found.written, found.without_scheme, "text", "");
    for (auto& found : html_links)
        collector.add(found.written, found.without_scheme, std::move(found.source), std::move(found.anchor_text));
    return collector.take();
}

}  // namespace

LinkScan scan_links(std::string_view text_parts, std::string_view html, const std::vector<std::string>& shorteners,
                    std::size_t max_links) {
    return collect(text_parts, find_html_links(html), shorteners, max_links);
}

LinkScan scan_links(std::string_view text_parts, const GumboNode& html_document,
                    const std::vector<std::string>& shorteners, std::size_t max_links) {
    return collect(text_parts, find_html_links(html_document), shorteners, max_links);
}

std::vector<FoundLink> extract_links(std::string_view text_parts, std::string_view html,
                                     const std::vector<std::string>& shorteners, std::size_t max_links) {
    return scan_links(text_parts, html, shorteners, max_links).links;
}

}  // namespace mailwarden::content_detail
