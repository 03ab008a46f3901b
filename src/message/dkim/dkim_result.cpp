#include "message/dkim/dkim_result.hpp"

#include <iterator>

namespace mailwarden::message_detail {

namespace {

struct ReasonEntry {
    DkimReason reason;
    std::string_view id;
    DkimResult result;
};

using enum DkimReason;
using R = DkimResult;

// In the order of the enum, so a reason is its own index.
constexpr ReasonEntry reasons[] = {
    {none, "none", R::pass},
    {tag_syntax, "tag_syntax", R::permerror},
    {tag_missing, "tag_missing", R::permerror},
    {version_unsupported, "version_unsupported", R::permerror},
    {algorithm_unknown, "algorithm_unknown", R::permerror},
    {canonicalization_unknown, "canonicalization_unknown", R::permerror},
    {query_method_unknown, "query_method_unknown", R::permerror},
    {domain_invalid, "domain_invalid", R::permerror},
    {selector_invalid, "selector_invalid", R::permerror},
    {identity_invalid, "identity_invalid", R::permerror},
    {identity_mismatch, "identity_mismatch", R::permerror},
    {header_list_invalid, "header_list_invalid", R::permerror},
    {from_not_signed, "from_not_signed", R::permerror},
    {length_invalid, "length_invalid", R::permerror},
    {timestamp_invalid, "timestamp_invalid", R::permerror},
    {base64_invalid, "base64_invalid", R::permerror},
    {signature_expired, "signature_expired", R::permerror},
    {signature_in_future, "signature_in_future", R::permerror},
    {key_unavailable, "key_unavailable", R::temperror},
    {key_not_found, "key_not_found", R::permerror},
    {key_syntax, "key_syntax", R::permerror},
    {key_revoked, "key_revoked", R::permerror},
    {key_algorithm_mismatch, "key_algorithm_mismatch", R::permerror},
    {key_hash_restricted, "key_hash_restricted", R::permerror},
    {key_service_mismatch, "key_service_mismatch", R::permerror},
    {key_strict_subdomain, "key_strict_subdomain", R::permerror},
    {key_too_short, "key_too_short", R::policy},
    {algorithm_sha1, "algorithm_sha1", R::policy},
    {signature_limit, "signature_limit", R::neutral},
    {body_too_large, "body_too_large", R::neutral},
    {body_length_exceeds, "body_length_exceeds", R::permerror},
    {body_hash_mismatch, "body_hash_mismatch", R::fail},
    {signature_mismatch, "signature_mismatch", R::fail},
    {body_length_shorter, "body_length_shorter", R::pass},
};

constexpr bool in_enum_order() {
    for (std::size_t i = 0; i < std::size(reasons); ++i)
        if (static_cast<std::size_t>(reasons[i].reason) != i) return false;
    return true;
}
static_assert(in_enum_order() && std::size(reasons) == static_cast<std::size_t>(DkimReason::body_length_shorter) + 1);

}  // namespace

std::string_view to_string(DkimResult result) noexcept {
    switch (result) {
        case R::pass: return "pass";
        case R::fail: return "fail";
        case R::neutral: return "neutral";
        case R::policy: return "policy";
        case R::permerror: return "permerror";
        case R::temperror: return "temperror";
    }
    return "permerror";
}

std::string_view to_string(DkimReason reason) noexcept { return reasons[static_cast<std::size_t>(reason)].id; }

DkimResult result_of(DkimReason reason) noexcept { return reasons[static_cast<std::size_t>(reason)].result; }

}  // namespace mailwarden::message_detail
