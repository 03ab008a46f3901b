// libFuzzer target: the link extractor. The input is split at the first NUL
// into the text parts and the HTML; every link found must be normalized
// (http, https or ftp scheme, a host or an IP, a path) and the findings
// made from them must be well formed.
#include "content/links/extract_links.hpp"
#include "content/links/link_findings.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t nul = input.find('\0');
    const std::string_view text = input.substr(0, nul);
    const std::string_view html = nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
    static const std::vector<std::string> shorteners{"bit.ly", "t.co"};

    const auto scan = mailwarden::content_detail::scan_links(text, html, shorteners, 64);
    if (scan.links.size() > 64 || scan.total < scan.links.size()) std::abort();
    for (const auto& found : scan.links) {
        const mailwarden::LinkCheck& link = found.check;
        const std::string_view url = link.url;
        if (!url.starts_with("http://") && !url.starts_with("https://") && !url.starts_with("ftp://")) std::abort();
        if (link.domain.empty() == link.ip.empty()) std::abort();  // exactly one of them
        if (url.find('/', url.find("://") + 3) == std::string_view::npos) std::abort();
        for (const char c : link.domain)
            if (c >= 'A' && c <= 'Z') std::abort();
        if (link.obfuscated == found.obfuscation.empty()) std::abort();
        if (link.source != "href" && link.source != "src" && link.source != "action" && link.source != "text")
            std::abort();
    }
    std::vector<mailwarden::ContentFinding> findings;
    mailwarden::content_detail::add_link_findings(scan, findings);
    for (const auto& f : findings)
        if (f.id.empty() || f.evidence.empty()) std::abort();
    return 0;
}
