// The SES client handle, shared by the SES, registry and domain-report parts
// of the C ABI (a registry over SES holds the same client).
#pragma once

#include "capi_handle.hpp"

#include <mailwarden/ses/client.hpp>

#include <memory>

struct mw_ses_client : mailwarden::capi::Counted<mw_ses_client> {
    std::shared_ptr<mailwarden::ses::Client> client;
};

namespace mailwarden::capi {

/// The client of a live handle (a new owner of it), or null when the handle
/// is NULL or freed.
std::shared_ptr<ses::Client> shared_client(const mw_ses_client* client) noexcept;

}  // namespace mailwarden::capi
