// The links of a message: found in the text and HTML parts, normalized,
// deduplicated and capped (scan_links), and the findings of links themselves
// (add_link_findings, link_findings: link_findings.cpp).
#pragma once

#include <mailwarden/content_check.hpp>

#include <gumbo.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::content_detail {

/// A link found in a message: its public form plus what only the checks need.
struct FoundLink {
    LinkCheck check;
    /// For href links: the visible text of the <a> (or an <area>'s alt),
    /// white space collapsed, at most 256 bytes.
    std::string anchor_text;
    /// When obfuscated: what was seen ("hxxp", "[.]", "percent-encoded host",
    /// "integer IP", "user-info before the host", "mixed-script host").
    std::string obfuscation;
};

struct LinkScan {
    std::vector<FoundLink> links;  ///< distinct by normalized URL, at most max_links
    std::size_t total = 0;         ///< distinct links found, including those over the cap
};

/// Every http(s)/ftp link of `text_parts` (plain text) and `html` (a[href],
/// area[href], img[src], form[action], bare URLs in text nodes), normalized,
/// deduplicated by URL, in order of appearance, capped at `max_links`.
/// `shorteners`: host names (and their subdomains) flagged as shorteners.
/// Never throws on bad input (std::bad_alloc aside).
LinkScan scan_links(std::string_view text_parts, std::string_view html, const std::vector<std::string>& shorteners,
                    std::size_t max_links);

/// The same with the HTML already parsed (its gumbo document node), so
/// that one parse serves every check of a message.
LinkScan scan_links(std::string_view text_parts, const GumboNode& html_document,
                    const std::vector<std::string>& shorteners, std::size_t max_links);

/// scan_links(...).links.
std::vector<FoundLink> extract_links(std::string_view text_parts, std::string_view html,
                                     const std::vector<std::string>& shorteners, std::size_t max_links);

/// Appends the findings of the links to `findings`: link.text_mismatch,
/// link.obfuscated, link.ip_literal (review), link.shortener (info); and
/// link.too_many (info) when `scan` had links over the cap.
void add_link_findings(const LinkScan& scan, std::vector<ContentFinding>& findings);
/// The same for links without their scan (no link.too_many).
void link_findings(const std::vector<FoundLink>& links, std::vector<ContentFinding>& findings);

}  // namespace mailwarden::content_detail
