// One DKIM-Signature field (RFC 6376 5): the body hash and the header hash
// input come from the verifier's own canonicalization and header
// selection, so what is signed is what is verified.
#pragma once

#include "message/dkim/message_fields.hpp"
#include "message/dkim/signature.hpp"

#include <openssl/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::message_detail {

struct SignatureSpec {
    EVP_PKEY* key = nullptr;
    DkimAlgorithm algorithm = DkimAlgorithm::rsa_sha256;
    Canonicalization header_canonicalization = Canonicalization::relaxed;
    Canonicalization body_canonicalization = Canonicalization::relaxed;
    std::string domain;                ///< d=
    std::string selector;              ///< s=
    std::vector<std::string> headers;  ///< h=, as written (over-signing included)
    std::int64_t timestamp = 0;               ///< t=
    std::optional<std::int64_t> expiration;   ///< x=
};

/// The line end `message` uses: "\n" when it has LF but no CRLF, else "\r\n".
std::string_view line_end_of(std::string_view message) noexcept;

/// The signed field for `message`, folded at 78 columns, ending in `eol`;
/// nullopt when the key cannot sign with spec.algorithm.
std::optional<std::string> signature_field(const RawMessage& message, const SignatureSpec& spec, std::string_view eol);

}  // namespace mailwarden::message_detail
