// check_content(): one pass of the MIME reader for the structure and the
// bodies, one parse of the HTML part, then the links (found, judged, looked
// up), the HTML (judged, made safe) and spamd; the verdict is the worst
// finding's severity.
#include <mailwarden/content_check.hpp>

#include "content/dnsbl/check_blocklists.hpp"
#include "content/html/gumbo_tree.hpp"
#include "content/html/html_facts.hpp"
#include "content/html/html_sanitizer.hpp"
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

const std::vector<std::string>& shorteners_of(const ContentCheckOptions& options) {
    return options.shortener_domains.empty() ? default_shortener_domains() : options.shortener_domains;
}

void add_links(cd::LinkScan scan, const ContentCheckOptions& options, ContentReport& report) {
    cd::add_link_findings(scan, report.findings);
    report.links = cd::to_link_checks(scan.links);
    cd::check_blocklists(report.links, options, report.findings);
}

// The HTML part parsed once for the links, the facts and the safe copy —
// the parse is most of a check's time. HTML the sanitizer refuses (too
// large, nested too deeply) goes to each check on its own, which read it
// as best they can.
void check_bodies(const cd::MessageBodies& bodies, const ContentCheckOptions& options, ContentReport& report) {
    const auto& shorteners = shorteners_of(options);
    if (!bodies.html) return add_links(cd::scan_links(bodies.text, "", shorteners, options.max_links), options, report);
    const std::string& html = *bodies.html;
    if (cd::unsanitizable(html)) {
        add_links(cd::scan_links(bodies.text, html, shorteners, options.max_links), options, report);
        cd::html_findings(cd::analyze_html(html), report.findings);
        return;
    }
    auto tree = std::make_unique<cd::GumboTree>(html);
    add_links(cd::scan_links(bodies.text, *tree->document(), shorteners, options.max_links), options, report);
    cd::html_findings(cd::analyze_html(*tree), report.findings);
    report.sanitized = cd::sanitize_document(std::move(tree));
}

}  // namespace

Result<ContentReport, Error> check_content(std::string_view raw, const ContentCheckOptions& options) {
    if (raw.empty()) return unexpected(Error(errc::invalid_argument, "the message is empty"));
    ContentReport report;
    const cd::MessageBodies bodies = cd::check_structure(raw, options, report.findings);
    check_bodies(bodies, options, report);
    if (options.spamd) report.spam = cd::ask_spamd(raw, *options.spamd, report.findings);  // adds spam.score
    report.verdict = verdict_of(report.findings);
    return report;
}

}  // namespace mailwarden
