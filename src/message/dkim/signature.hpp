// The DKIM-Signature header field (RFC 6376 3.5, RFC 8463): its tags read
// and checked; ARC's two signature fields (RFC 8617) share most of them. A
// malformed signature is reported with a reason, never skipped, and keeps
// what could be read (d=, s=, a= ...) for the report.
#pragma once

#include "message/dkim/dkim_result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::message_detail {

enum class DkimAlgorithm { rsa_sha256, rsa_sha1, ed25519_sha256 };
enum class Canonicalization { simple, relaxed };

struct DkimSignature {
    // As written, for the report (filled even when a later tag is malformed).
    std::string algorithm_text;         ///< a=
    std::string canonicalization_text;  ///< c=, "simple/simple" when absent
    std::string domain;                 ///< d=
    std::string selector;               ///< s=
    std::string identity;               ///< i=, "@" + d= when absent
    std::vector<std::string> headers;   ///< h=, in order, as written

    // Checked values.
    DkimAlgorithm algorithm = DkimAlgorithm::rsa_sha256;
    Canonicalization header_canonicalization = Canonicalization::simple;
    Canonicalization body_canonicalization = Canonicalization::simple;
    std::string signature;                ///< b=, decoded
    std::string body_hash;                ///< bh=, decoded
    std::optional<std::uint64_t> length;  ///< l= (saturated at 2^64 - 1)
    std::optional<std::int64_t> timestamp;   ///< t=
    std::optional<std::int64_t> expiration;  ///< x=
};

/// The fields that carry a DKIM-style signature. ARC's (RFC 8617 4.1.2,
/// 4.1.3) differ in a few tags: no v=, i= is the instance (its number is
/// ARC's business), and the seal signs no body and no h= list.
enum class SignatureKind {
    dkim,         ///< DKIM-Signature
    arc_message,  ///< ARC-Message-Signature: as DKIM, without v=; i= is the instance
    arc_seal,     ///< ARC-Seal: a=, b=, d=, s=; relaxed header canonicalization; no bh=, h= or c=
};

struct SignatureProblem {
    DkimReason reason = DkimReason::none;
    std::string detail;  ///< e.g. "tag 'bh' is missing"
};

/// Reads the value of one DKIM-Signature field (everything after the colon,
/// folded or not) into `out`, or of an ARC signature field for `kind`.
/// Returns the first problem found, or nullopt when the signature is well
/// formed. ARC signatures get identity "@" + d=, so key checks on i= hold.
std::optional<SignatureProblem> parse_signature(std::string_view value, DkimSignature& out,
                                                SignatureKind kind = SignatureKind::dkim);

/// "rsa-sha256", "rsa-sha1", "ed25519-sha256".
std::string_view to_string(DkimAlgorithm algorithm) noexcept;

}  // namespace mailwarden::message_detail
