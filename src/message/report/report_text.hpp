// The two texts a report carries besides its facts: our result as an
// Authentication-Results field value (RFC 8601), and the one-line summary
// in the style of a mailbox provider's "Show original".
#pragma once

#include <mailwarden/message_auth.hpp>

#include <string>

namespace mailwarden::message_detail {

/// Our Authentication-Results value for `report` (spf, dkim, arc when the
/// message has ARC fields, and dmarc entries), folded at 78 columns.
std::string our_auth_results(const MessageAuthReport& report, const std::string& authserv_id,
                             const std::string& client_ip);

/// "SPF: PASS with IP 192.0.2.1 (example.org); DKIM: PASS with domain
/// example.org; DMARC: PASS (p=reject)".
std::string summary_of(const MessageAuthReport& report, const std::string& client_ip);

}  // namespace mailwarden::message_detail
