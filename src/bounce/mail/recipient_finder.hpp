// The failed recipients a plain-text bounce names, and the text about each.
// MTAs without DSNs write "<a@b>:" (qmail), an indented address under "The
// following address(es) failed:" (Exim), "RCPT TO: a@b", "Could not be
// delivered to: <a@b>" ... Rather than one parser per MTA, every address in
// the report is a candidate, and the ones a report names for other reasons
// are dropped: header lines quoted from the original (From:, To:), the
// sender in MAIL FROM, addresses in URLs and Message-IDs, and the bounce's
// own sender and recipient.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::bounce_detail {

struct FoundRecipient {
    std::string address;
    std::size_t offset = 0;  ///< where the report first names it
};

/// At most `max` recipients, in the order the report names them.
/// `exclude`: addresses that are not recipients (the bounce's From and To).
std::vector<FoundRecipient> find_recipients(std::string_view report, const std::vector<std::string>& exclude,
                                            std::size_t max = 1000);

/// Recipients a report names only by their local part, listed under a
/// line such as "... the following recipients ...:" (AOL's screen names):
/// an unqualified name is one of the reporting site's, so `domain` is added.
/// Their offset is the heading's, which names the cause.
std::vector<FoundRecipient> find_bare_recipients(std::string_view report, std::string_view domain);

/// The part of `report` about the recipient at `offset`: from the start of
/// its line up to the line naming `next_offset` (the next recipient), at
/// most a few kilobytes.
std::string_view recipient_window(std::string_view report, std::size_t offset, std::size_t next_offset);

/// The lines of `window` that carry the remote server's answer (a reply
/// code or status code), else its first lines after the address line.
std::string diagnostic_lines(std::string_view window);

}  // namespace mailwarden::bounce_detail
