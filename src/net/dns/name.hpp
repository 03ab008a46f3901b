// The one spelling of a domain name used for cache keys and queries.
#pragma once

#include <string>
#include <string_view>

namespace mailwarden::dns::detail {

/// `name` with ASCII letters lower-cased and one trailing (unescaped) dot
/// removed: "Example.COM." -> "example.com". DNS compares names without
/// regard to ASCII case (RFC 4343), so these spell the same question.
std::string normalize_name(std::string_view name);

}  // namespace mailwarden::dns::detail
