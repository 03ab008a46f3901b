// The address options handle, shared by the address part of the C ABI and
// the parts that take an address policy (list cleaning, mailing lists).
#pragma once

#include "capi_internal.hpp"

#include <mailwarden/address.hpp>

struct mw_address_options {
    mailwarden::AddressPolicy policy;
};
