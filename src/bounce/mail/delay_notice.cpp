#include "bounce/mail/delay_notice.hpp"

#include "bounce/classify/phrase_matcher.hpp"
#include "bounce/mime/ascii.hpp"

#include <array>

namespace mailwarden::bounce_detail {

namespace {

bool contains_any(std::string_view normalized, std::span<const std::string_view> phrases) {
    for (const std::string_view p : phrases)
        if (normalized.find(p) != std::string_view::npos) return true;
    return false;
}

}  // namespace

bool delay_notice(std::string_view subject, std::string_view report) {
    // Both in normal form (lower case, blanks collapsed).
    static constexpr std::array<std::string_view, 12> still_trying = {
        "has not yet been delivered",
        "have not yet been delivered",
        "not been delivered yet",
        "will continue to attempt",
        "will continue trying",
        "will keep trying",
        "delivery attempts will continue",
        "still trying to deliver",
        "is just a warning",
        "is only a warning",
        "warning only",
        "do not need to resend",
    };
    static constexpr std::array<std::string_view, 4> delay_subjects = {
        "delayed mail", "delivery delayed", "message delayed", "(delay)",
    };
    // Words of a final report: the attempts have ended.
    static constexpr std::array<std::string_view, 6> given_up = {
        "giving up", "gave up", "permanent", "has been returned", "will not be retried", "no further attempts",
    };
    const std::string s = normalize_text(subject);
    const std::string text = normalize_text(report.substr(0, 8192));
    const bool delayed = contains_any(text, still_trying) || contains_any(s, delay_subjects) ||
                         (s.starts_with("warning:") && text.find("delivered") != std::string::npos);
    return delayed && !contains_any(text, given_up);
}

}  // namespace mailwarden::bounce_detail
