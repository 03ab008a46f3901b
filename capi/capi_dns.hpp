// The resolver handle, shared by the DNS, domain-report and SPF parts of the
// C ABI.
#pragma once

#include "capi_handle.hpp"

#include <mailwarden/dns.hpp>

#include <memory>

struct mw_resolver : mailwarden::capi::Counted<mw_resolver> {
    std::shared_ptr<mailwarden::dns::Resolver> resolver;
};
