// The domain part of an address: LDH labels, internationalised names
// (IDNA2008 with UTS#46 mapping, through libidn2) and address literals.
#pragma once

#include <mailwarden/address.hpp>

#include <string>
#include <string_view>

namespace mailwarden::address_detail {

struct DomainScan {
    AddressReason reason = AddressReason::ok;
    std::uint32_t flags = 0;  // flag_idn, flag_address_literal
};

/// Checks `domain` (everything after the '@') and appends its normalised form
/// (lower-case ASCII, Punycode for IDNs, the literal as given) to `out`.
/// On failure `out` may hold a partial domain: the caller discards it.
DomainScan scan_domain(std::string_view domain, std::string& out);

}  // namespace mailwarden::address_detail
