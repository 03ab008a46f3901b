// The fields of an RFC 3464 delivery-status body: per-message fields, then
// one group per recipient. Real reports bend the grammar (no blank line
// between groups, fields in another order, a group per recipient without
// Final-Recipient): a new recipient starts at each Final-Recipient.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::bounce_detail {

/// Reports listing more recipients are read up to this many.
inline constexpr std::size_t max_dsn_recipients = 5000;

struct DsnRecipient {
    std::string final_recipient;     ///< the address, type prefix and brackets removed
    std::string original_recipient;  ///< likewise
    std::string action;              ///< lower case
    std::string status;
    std::string remote_mta;          ///< type prefix removed
    std::string diagnostic;          ///< Diagnostic-Code with its type prefix removed
    std::string diagnostic_type;     ///< "smtp", "x-postfix" ... lower case
    bool routed = false;             ///< Final-Recipient was a source route
};

struct DsnReport {
    std::string reporting_mta;
    std::vector<DsnRecipient> recipients;
};

/// Reads the fields of a delivery-status body (LF line ends).
DsnReport parse_dsn_fields(std::string_view body);

/// An address as a DSN or report writes it: "rfc822; <a@b>", "<a@b>",
/// "\"a@b\"", "a@b (comment)" -> "a@b". Empty when nothing address-like is left.
std::string clean_address(std::string_view text);

}  // namespace mailwarden::bounce_detail
