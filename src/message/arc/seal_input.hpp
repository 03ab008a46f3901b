// What an ARC-Seal signs (RFC 8617 5.1.1): the ARC sets up to its own, in
// increasing instance order, each as ARC-Authentication-Results,
// ARC-Message-Signature, ARC-Seal in relaxed header canonicalization.
#pragma once

#include "message/arc/arc_sets.hpp"
#include "message/dkim/message_fields.hpp"

#include <span>
#include <string>

namespace mailwarden::message_detail {

/// The bytes the seal of the last set in `sets` signs: every field followed
/// by CRLF except that seal, which comes last with its b= value emptied.
std::string seal_input(const RawMessage& message, std::span<const ArcSet> sets);

}  // namespace mailwarden::message_detail
