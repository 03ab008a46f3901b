// The report's vocabulary: verdict and severity names, the default list of
// URL shorteners, and finding look-up.
#include <mailwarden/content_check.hpp>

#include <algorithm>

namespace mailwarden {

std::string_view to_string(ContentVerdict verdict) noexcept {
    switch (verdict) {
        case ContentVerdict::pass: return "pass";
        case ContentVerdict::review: return "review";
        case ContentVerdict::block: return "block";
    }
    return "unknown";
}

std::string_view to_string(ContentSeverity severity) noexcept {
    switch (severity) {
        case ContentSeverity::info: return "info";
        case ContentSeverity::review: return "review";
        case ContentSeverity::block: return "block";
    }
    return "unknown";
}

const std::vector<std::string>& default_shortener_domains() {
    static const std::vector<std::string> domains{"bit.ly", "tinyurl.com", "t.co",        "goo.gl", "ow.ly",
                                                  "is.gd",  "buff.ly",     "rebrand.ly",  "cutt.ly", "shorturl.at",
                                                  "tiny.cc", "rb.gy",      "s.id",        "lnkd.in"};
    return domains;
}

bool ContentReport::has_finding(std::string_view id) const noexcept {
    return std::any_of(findings.begin(), findings.end(), [&](const ContentFinding& f) { return f.id == id; });
}

}  // namespace mailwarden
