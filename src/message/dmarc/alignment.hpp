// Identifier alignment (RFC 9989 4.4, RFC 7489 3.1): an authenticated
// domain (SPF's MAIL FROM, a DKIM d=) against the From domain, strict
// (equal) or relaxed (the same organizational domain).
#pragma once

#include "message/dmarc/policy_discovery.hpp"

#include <map>
#include <string>
#include <string_view>

namespace mailwarden::message_detail {

enum class Aligned { yes, no, unknown };

/// Aligns identifiers with one From domain; each identifier's
/// organizational domain is looked up once.
class AlignmentCheck {
public:
    /// `author_org` empty when a DNS failure left it unknown.
    AlignmentCheck(TxtLookup lookup, DmarcMode mode, std::string author, std::string author_org);

    /// `identifier` as authenticated (case and U-labels allowed). unknown
    /// when a DNS failure leaves a relaxed comparison open.
    Aligned check(std::string_view identifier, bool strict);

private:
    TxtLookup lookup_;
    DmarcMode mode_;
    std::string author_;
    std::string author_org_;
    std::map<std::string, std::optional<std::string>, std::less<>> orgs_;
};

}  // namespace mailwarden::message_detail
