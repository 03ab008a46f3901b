// The local part of an address (before the '@'): dot-atoms, a quoted string,
// and the RFC 5322 forms a sending system refuses (comments, folding
// whitespace, obsolete mixes of atoms and quoted strings).
#pragma once

#include <mailwarden/address.hpp>

#include <cstddef>
#include <string_view>

namespace mailwarden::address_detail {

struct LocalPartScan {
    AddressReason reason = AddressReason::ok;
    std::size_t at = 0;   // index of the '@' that ends the local part (valid when reason is ok)
    bool quoted = false;  // the whole local part is one quoted string
};

/// Scans `address` from its start up to the '@' that separates the parts.
/// Control characters are assumed to have been rejected already.
LocalPartScan scan_local_part(std::string_view address) noexcept;

/// Index one past the comment that starts at `open` (a '('), honouring nesting
/// and quoted pairs; npos when it is not closed.
std::size_t skip_comment(std::string_view text, std::size_t open) noexcept;

}  // namespace mailwarden::address_detail
