// Address literals: user@[192.0.2.1] and user@[IPv6:2001:db8::1] (RFC 5321 4.1.3).
#pragma once

#include <mailwarden/address.hpp>

#include <string_view>

namespace mailwarden::address_detail {

/// Checks a domain that starts with '['. Returns ok for a well-formed IPv4 or
/// IPv6 address literal, otherwise the reason it is not one.
AddressReason check_address_literal(std::string_view domain) noexcept;

}  // namespace mailwarden::address_detail
