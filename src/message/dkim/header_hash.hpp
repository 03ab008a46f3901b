// What a DKIM signature's header hash covers (RFC 6376 3.7, 5.4.2): the
// fields named in h=, each picked from the bottom of the header up, then
// the DKIM-Signature field itself with its b= value emptied.
#pragma once

#include "message/dkim/message_fields.hpp"
#include "message/dkim/signature.hpp"

#include <string>
#include <string_view>

namespace mailwarden::message_detail {

/// The canonical bytes to hash for the signature in field
/// `signature_field` of `message`. A name listed more often than it occurs
/// (over-signing) adds nothing for the missing instances, so adding such a
/// field later breaks the signature. The signature being verified is never
/// picked for an h= name: its signer could not have seen it.
std::string header_hash_input(const RawMessage& message, std::size_t signature_field, const DkimSignature& signature);

/// `field` (a whole DKIM-Signature field) with the value of its b= tag
/// removed, surrounding whitespace included.
std::string without_b_value(std::string_view field);

}  // namespace mailwarden::message_detail
