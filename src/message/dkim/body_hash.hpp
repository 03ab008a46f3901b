// The body hash of a DKIM signature (bh=, RFC 6376 3.7): the canonical
// body, cut at l= when given, through SHA-256 or SHA-1.
#pragma once

#include "message/dkim/signature.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mailwarden::message_detail {

struct BodyHash {
    std::string digest;              ///< raw bytes; empty when limit_exceeded
    std::uint64_t canonical_length;  ///< of the whole canonical body, past l= too
    bool limit_exceeded = false;     ///< more than max_bytes would have been hashed
};

/// Hashes `body` for `algorithm`'s digest. `length` is l=; at most
/// `max_bytes` canonical bytes are hashed, beyond that only counted.
BodyHash hash_body(std::string_view body, Canonicalization mode, DkimAlgorithm algorithm,
                   std::optional<std::uint64_t> length, std::uint64_t max_bytes);

}  // namespace mailwarden::message_detail
