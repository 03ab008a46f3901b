// Verifies every DKIM signature of a received message (RFC 6376 6, RFC 8463,
// RFC 8301): one result per DKIM-Signature field, top first, none skipped.
#pragma once

#include "message/dkim/dkim_result.hpp"
#include "message/dkim/key_lookup.hpp"

#include <mailwarden/clock.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::message_detail {

struct DkimVerifyOptions {
    /// Signatures verified per message; the ones below get `signature_limit`.
    std::size_t max_signatures = 10;
    /// Canonical body bytes hashed per signature; a longer body (without an
    /// l= under the limit) gets `body_too_large`.
    std::uint64_t max_body_bytes = std::uint64_t{64} << 20;
    /// rsa-sha1 signatures that verify pass instead of getting `policy` (RFC 8301).
    bool allow_sha1 = false;
    /// Smaller RSA keys get `policy` / `key_too_short` (RFC 8301: 1024).
    unsigned min_rsa_bits = 1024;
    /// How far t= may lie in the future (the signer's clock may run ahead).
    std::chrono::seconds clock_skew{300};
    /// For x= and t=; null means the system clock.
    std::shared_ptr<Clock> clock;
    /// Parsed key records a DkimVerifier keeps between messages.
    std::size_t key_cache_entries = 1024;
};

struct DkimSignatureResult {
    DkimResult result = DkimResult::permerror;
    DkimReason reason = DkimReason::none;
    std::string detail;  ///< one sentence for people; empty on a plain pass

    std::string domain;            ///< d=
    std::string selector;          ///< s=
    std::string algorithm;         ///< a=
    std::string canonicalization;  ///< c=
    std::string identity;          ///< i= (or "@" + d=)
    std::vector<std::string> signed_headers;  ///< h=

    unsigned key_bits = 0;     ///< 0 when no key was read
    bool key_testing = false;  ///< the key record says t=y

    std::string body_hash_expected;  ///< bh=, base64
    std::string body_hash_computed;  ///< base64; empty when the body was not hashed
    std::optional<std::uint64_t> body_length_signed;  ///< l=
    std::uint64_t body_length = 0;                    ///< canonical body bytes, when hashed
    std::optional<std::int64_t> timestamp;            ///< t=
    std::optional<std::int64_t> expiration;           ///< x=
};

/// Verifies messages with one key lookup and one set of options, keeping
/// parsed keys between messages. Thread-safe when the lookup is.
class DkimVerifier {
public:
    explicit DkimVerifier(TxtLookup lookup, DkimVerifyOptions options = {});

    /// The DKIM signatures of `message` (raw RFC 5322, CRLF or LF line
    /// ends). A message without signatures gives an empty list (RFC 8601
    /// "none").
    std::vector<DkimSignatureResult> verify(std::string_view message) const;

private:
    TxtLookup lookup_;
    DkimVerifyOptions options_;
    mutable KeyCache keys_;
};

/// One message, keeping nothing: DkimVerifier(lookup, options).verify(message).
std::vector<DkimSignatureResult> verify_dkim(std::string_view message, const TxtLookup& lookup,
                                             const DkimVerifyOptions& options = {});

}  // namespace mailwarden::message_detail
