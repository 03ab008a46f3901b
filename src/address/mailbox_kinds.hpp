// What kind of mailbox an address names: a role account, a no-reply form, or
// a domain reserved for special use. These are flags, not syntax errors.
#pragma once

#include <string_view>

namespace mailwarden::address_detail {

struct LocalPartKind {
    bool role = false;
    bool noreply = false;
};

/// Classifies a dot-atom local part. Role accounts are RFC 2142 mailbox names
/// and other common shared boxes; no-reply forms are noreply, no-reply,
/// do_not_reply, donotreply-billing ... Both are compared case-insensitively,
/// ignoring a +tag and the separators . - _
LocalPartKind classify_local_part(std::string_view local_part) noexcept;

/// RFC 2606 / RFC 6761 and later special-use names: .test, .example,
/// .invalid, .localhost, .local, .onion, .alt, home.arpa, example.com/.net/.org
/// and their subdomains. `domain` is the normalised (lower-case ASCII) domain.
bool is_special_use_domain(std::string_view domain) noexcept;

}  // namespace mailwarden::address_detail
