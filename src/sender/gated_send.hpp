// A send with its gate: suppressed recipients left out, a send to nobody
// refused, the send recorded after it went out.
#pragma once

#include <mailwarden/sender.hpp>
#include <mailwarden/transport.hpp>

#include <memory>
#include <string>

namespace mailwarden::sender_detail {

/// Errors: the gate's (suspended, io), suppressed, the transport's.
Result<SendReceipt, Error> send_through_gate(const std::shared_ptr<SendGate>& gate, Transport& transport,
                                             OutgoingMessage message, std::string_view display_name,
                                             std::string_view account);

}  // namespace mailwarden::sender_detail
