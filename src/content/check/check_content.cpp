// check_content(): one pass of the MIME reader for the structure and the
// bodies, then the links (found, judged, looked up), the HTML (made safe,
// judged) and spamd; the verdict is the worst finding's severity.
#include <mailwarden/content_check.hpp>

#include "content/dnsbl/check_blocklists.hpp"
#include "content/html/html_facts.hpp"
#include "content/links/extract_links.hpp"
#include "content/links/link_findings.hpp"
#include "content/spamd/ask_spamd.hpp"
#include "content/structure/structure_findings.hpp"

#include <algorithm>

namespace mailwarden {

namespace cd = content_detail;

namespace {

ContentVerdict verdict_of(const std::vector<ContentFinding>& findings) {
    auto worst = ContentSeverity::info;
    for (const auto& f : findings) worst = std::max(worst, f.severity);
    return worst == ContentSeverity::block    ? ContentVerdict::block
           : worst == ContentSeverity::review ? ContentVerdict::review
                                              : ContentVerdict::pass;
}

void check_links(const cd::MessageBodies& bodies, const ContentCheckOptions& options, ContentReport& report) {
    const auto& shorteners = options.shortener_domains.empty() ? default_shortener_domains() : options.shortener_domains;
    const auto scan = cd::scan_links(bodies.text, bodies.html.value_or(""), shorteners, options.max_links);
    cd::add_link_findings(scan, report.findings);
    report.links = cd::to_link_checks(scan.links);
    cd::check_blocklists(report.links, options, report.findings);
}

void check_html(const std::string& html, ContentReport& report) {
    cd::html_findings(cd::analyze_html(html), report.findings);
    if (auto safe = sanitize_html(html)) report.sanitized = std::move(*safe);
}

}  // namespace

Result<ContentReport, Error> check_content(std::string_view raw, const ContentCheckOptions& options) {
    if (raw.empty()) return unexpected(Error(errc::invalid_argument, "the message is empty"));
    ContentReport report;
    const cd::MessageBodies bodies = cd::check_structure(raw, options, report.findings);
    check_links(bodies, options, report);
    if (bodies.html) check_html(*bodies.html, report);
    if (options.spamd) report.spam = cd::ask_spamd(raw, *options.spamd, report.findings);  // adds spam.score
    report.verdict = verdict_of(report.findings);
    return report;
}

}  // namespace mailwarden
