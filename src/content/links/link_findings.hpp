// The findings that belong to links themselves, before any blocklist
// (declared in extract_links.hpp), and what they are made from.
#pragma once

#include "extract_links.hpp"

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

/// The public form of the links (anchor text and obfuscation reason dropped).
std::vector<LinkCheck> to_link_checks(const std::vector<FoundLink>& links);

}  // namespace mailwarden::content_detail
