#include "link_findings.hpp"

#include "text_urls.hpp"
#include "url_normalize.hpp"

#include "common/registrable_domain.hpp"

namespace mailwarden::content_detail {

namespace {

bool letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// "bank.com", "bank.com/login": one word, two labels or more, a top-level
// label of letters (or an A-label), no '@' (an address is not a link text).
bool looks_like_domain(std::string_view word) {
    const std::size_t slash = word.find_first_of("/?#");
    const std::string_view host = word.substr(0, slash);
    if (host.empty() || host.find('@') != std::string_view::npos) return false;
    const std::size_t dot = host.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return false;
    const std::string_view tld = host.substr(dot + 1);
    if (tld.size() < 2) return false;
    bool letters = true;
    for (const char c : tld) letters = letters && letter(c);
    return letters || tld.starts_with("xn--");
}

// At most `max` bytes, cut before a UTF-8 sequence rather than inside one.
std::string clip(std::string_view text, std::size_t max = 200) {
    if (text.size() <= max) return std::string(text);
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0u) == 0x80u) --n;
    return std::string(text.substr(0, n)) + "...";
}

}  // namespace

std::optional<std::string> host_named_by_text(std::string_view anchor_text) {
    while (!anchor_text.empty() && anchor_text.front() == ' ') anchor_text.remove_prefix(1);
    while (!anchor_text.empty() && anchor_text.back() == ' ') anchor_text.remove_suffix(1);
    if (anchor_text.empty() || anchor_text.find(' ') != std::string_view::npos) return std::nullopt;
    std::optional<NormalUrl> normal = normalize_url(anchor_text, false);
    if (!normal && looks_like_domain(anchor_text)) normal = normalize_url("http://" + std::string(anchor_text), false);
    if (!normal) return std::nullopt;
    return normal->ip.empty() ? normal->domain : normal->ip;
}

void link_findings(const std::vector<FoundLink>& links, std::vector<ContentFinding>& findings) {
    for (const auto& found : links) {
        const LinkCheck& link = found.check;
        if (link.source == "href" && !found.anchor_text.empty()) {
            if (const auto shown = host_named_by_text(found.anchor_text)) {
                const std::string target = link.ip.empty() ? registrable_domain(link.domain) : link.ip;
                const std::string named = registrable_domain(*shown);
                if (!named.empty() && named != target)
                    findings.push_back({"link.text_mismatch", ContentSeverity::review,
                                        "the link text \"" + clip(found.anchor_text) + "\" names " + named +
                                            " but the link goes to " + clip(link.url)});
            }
        }
        if (link.obfuscated)
            findings.push_back({"link.obfuscated", ContentSeverity::review,
                                clip(link.url) + " was written obfuscated: " + found.obfuscation});
        if (!link.ip.empty())
            findings.push_back({"link.ip_literal", ContentSeverity::review,
                                clip(link.url) + ": the host is the IP address " + link.ip + ", not a name"});
        if (link.shortener)
            findings.push_back({"link.shortener", ContentSeverity::info,
                                clip(link.url) + ": " + link.domain + " is a URL shortener, the target is hidden"});
    }
}

void add_link_findings(const LinkScan& scan, std::vector<ContentFinding>& findings) {
    link_findings(scan.links, findings);
    if (scan.total > scan.links.size())
        findings.push_back({"link.too_many", ContentSeverity::info,
                            std::to_string(scan.total) + " distinct links, only the first " +
                                std::to_string(scan.links.size()) + " checked"});
}

std::vector<LinkCheck> to_link_checks(const std::vector<FoundLink>& links) {
    std::vector<LinkCheck> out;
    out.reserve(links.size());
    for (const auto& link : links) out.push_back(link.check);
    return out;
}

}  // namespace mailwarden::content_detail
