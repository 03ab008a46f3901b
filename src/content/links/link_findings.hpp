// The findings that belong to links themselves, before any blocklist:
// link.text_mismatch, link.obfuscated, link.ip_literal (review),
// link.shortener, link.too_many (info).
#pragma once

#include "found_link.hpp"

#include <mailwarden/content_check.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::content_detail {

/// The host that an anchor's visible text names, when the text is a URL or
/// a domain name on its own ("bank.com", "https://www.bank.com/login",
/// "www.bank.com"); nullopt for prose ("Click here").
std::optional<std::string> host_named_by_text(std::string_view anchor_text);

/// Appends the findings of `scan`'s links (and link.too_many when links were
/// over the cap) to `findings`.
void add_link_findings(const LinkScan& scan, std::vector<ContentFinding>& findings);

/// The public form of the links (anchor text and obfuscation reason dropped).
std::vector<LinkCheck> to_link_checks(const std::vector<FoundLink>& links);

}  // namespace mailwarden::content_detail
