// One link as written (an href value, a bare URL cut out of text) made into
// its normalized form: lower-case scheme and host, hxxp undone, host decoded
// and converted, default port dropped, an empty path made "/".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mailwarden::content_detail {

struct NormalUrl {
    std::string url;
    std::string domain;       ///< A-labels; empty for an IP literal
    std::string ip;
    std::string obfuscation;  ///< "" when written plainly
};

/// Accepts http, https, ftp (and the defanged hxxp, hxxps, "[:]//",
/// "[://]"), "www." hosts without a scheme, and with `allow_scheme_relative`
/// "//host/..." (taken as http). nullopt for everything else: relative
/// URLs, mailto:, javascript:, hosts that are no domain name or IP.
std::optional<NormalUrl> normalize_url(std::string_view written, bool allow_scheme_relative);

}  // namespace mailwarden::content_detail
