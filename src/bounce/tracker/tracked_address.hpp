// The form under which the tracker keeps an address: the address checker's
// normal form (domain lower-cased, IDNA), then lower-cased whole, because
// mailbox providers do not tell "Bob@" from "bob@" and a suppression must
// catch both. Anything that is no address is kept trimmed and lower-cased.
#pragma once

#include <mailwarden/address.hpp>

#include <string>
#include <string_view>

namespace mailwarden::bounce_detail {

/// Every form an address may take in feedback: quoted local parts, address
/// literals, special-use domains.
inline constexpr AddressPolicy any_address_form{
    .allow_quoted_local = true, .allow_address_literal = true, .allow_special_use = true};

std::string tracked_address(std::string_view address);

/// An address of the Amazon SES mailbox simulator.
bool is_simulator_address(std::string_view tracked) noexcept;

}  // namespace mailwarden::bounce_detail
