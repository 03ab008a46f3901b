// The resolver handle, shared by the DNS, domain-report and SPF parts of the
// C ABI.
#pragma once

#include "capi_handle.hpp"

#include <mailwarden/dns.hpp>

#include <memory>

struct mw_resolver : mailwarden::capi::Counted<mw_resolver> {
    std::shared_ptr<mailwarden::dns::Resolver> resolver;
};

namespace mailwarden::capi {

/// An options object's resolver setter: `*target` (null when the options
/// are NULL) shares the resolver of `handle`, or none for NULL. Errors:
/// MW_EINVAL for NULL options or a resolver already freed.
inline int set_resolver(std::shared_ptr<dns::Resolver>* target, mw_resolver* handle, mw_error** err) noexcept {
    if (target == nullptr) return fail_null(err, "options");
    if (handle == nullptr) {
        target->reset();
        return MW_OK;
    }
    return with_handle(handle, "resolver", err, [&](mw_resolver& r) -> int {
        *target = r.resolver;
        return MW_OK;
    });
}

}  // namespace mailwarden::capi
