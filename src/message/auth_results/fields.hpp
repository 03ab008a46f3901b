// The Authentication-Results and ARC-Authentication-Results fields of a
// received message, each parsed. Top first: the topmost was added last,
// by the receiver nearest to the reader.
#pragma once

#include "message/auth_results/auth_results.hpp"
#include "message/dkim/message_fields.hpp"

#include <vector>

namespace mailwarden::message_detail {

std::vector<AuthResults> find_auth_results(const RawMessage& message);
std::vector<ArcAuthResults> find_arc_auth_results(const RawMessage& message);

}  // namespace mailwarden::message_detail
