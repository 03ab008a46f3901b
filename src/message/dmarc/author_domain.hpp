// The Author Domain of DMARC (RFC 9989 5.3.1, RFC 7489 6.6.1): the domain
// of the one mailbox in the one From field, lower-cased, as an A-label.
#pragma once

#include "message/dkim/message_fields.hpp"

#include <string>
#include <string_view>

namespace mailwarden::message_detail {

/// Why a message has no Author Domain; stable ids ("no_from" ...).
enum class FromProblem { none, no_from, multiple_from, multiple_addresses, unparseable_from };

std::string_view to_string(FromProblem problem) noexcept;

struct AuthorDomain {
    FromProblem problem = FromProblem::none;
    std::string domain;  ///< lower-case ASCII (A-labels); empty on a problem
    std::string detail;  ///< a sentence for a problem
};

/// From the header fields of a split message.
AuthorDomain author_domain(const RawMessage& message);

/// `domain` lower-cased with U-labels turned into A-labels (UTS #46,
/// IDNA2008); empty when it is not a valid domain name.
std::string normalize_domain(std::string_view domain);

/// From the body of one From field (after the colon; folding allowed).
AuthorDomain author_domain_of_field(std::string_view value);

}  // namespace mailwarden::message_detail
