// The outcome of one DKIM signature: a result in the RFC 8601 vocabulary
// and a stable reason id saying why. Each reason has one result, so the
// mapping lives in one table (dkim_result.cpp).
#pragma once

#include <string_view>

namespace mailwarden::message_detail {

enum class DkimResult { pass, fail, neutral, policy, permerror, temperror };

enum class DkimReason {
    none,                     ///< pass
    // The DKIM-Signature field itself (permerror).
    tag_syntax,               ///< not a tag=value list, or a tag twice
    tag_missing,              ///< v, a, b, bh, d, h or s absent
    version_unsupported,      ///< v= other than 1
    algorithm_unknown,        ///< a= not rsa-sha256, rsa-sha1 or ed25519-sha256
    canonicalization_unknown, ///< c= other than simple / relaxed
    query_method_unknown,     ///< q= without dns/txt
    domain_invalid,           ///< d= not a domain name
    selector_invalid,         ///< s= not a selector
    identity_invalid,         ///< i= not an address-like identity
    identity_mismatch,        ///< i= domain not d= nor below it
    header_list_invalid,      ///< h= with an empty or malformed name
    from_not_signed,          ///< h= without From
    length_invalid,           ///< l= not digits
    timestamp_invalid,        ///< t= or x= not digits, or x= not after t=
    base64_invalid,           ///< b= or bh= not base64, or empty
    // Time (permerror).
    signature_expired,        ///< x= in the past
    signature_in_future,      ///< t= in the future beyond the allowed skew
    // The key record.
    key_unavailable,          ///< DNS failed (temperror)
    key_not_found,            ///< NXDOMAIN / no TXT record (permerror)
    key_syntax,               ///< the record does not parse (permerror)
    key_revoked,              ///< empty p= (permerror)
    key_algorithm_mismatch,   ///< k= does not fit a= (permerror)
    key_hash_restricted,      ///< key h= excludes the signature's hash (permerror)
    key_service_mismatch,     ///< key s= excludes email (permerror)
    key_strict_subdomain,     ///< key t=s and the i= domain is a subdomain of d= (permerror)
    key_too_short,            ///< RSA under the minimum, RFC 8301 (policy)
    algorithm_sha1,           ///< rsa-sha1, RFC 8301 (policy)
    // Limits of the verifier (neutral: not processed).
    signature_limit,          ///< beyond the signatures verified per message
    body_too_large,           ///< more canonical body than the limit hashed
    // The message (fail, or permerror for l=).
    body_length_exceeds,      ///< l= larger than the canonical body (permerror)
    body_hash_mismatch,       ///< bh= is not the body's hash (fail)
    signature_mismatch,       ///< b= does not verify (fail)
    // Accepted, but worth saying (pass).
    body_length_shorter,      ///< l= covers less than the body: content was appended unsigned
};

/// "pass", "fail", "neutral", "policy", "permerror", "temperror".
std::string_view to_string(DkimResult result) noexcept;
/// The stable id: "body_hash_mismatch", "key_revoked" ...
std::string_view to_string(DkimReason reason) noexcept;
/// The result a reason leads to.
DkimResult result_of(DkimReason reason) noexcept;

}  // namespace mailwarden::message_detail
