// The SES client handle and the mapping of SES errors to status codes, shared
// by the SES, registry and domain-report parts of the C ABI (a registry over
// SES holds the same client).
#pragma once

#include "capi_internal.hpp"

#include <mailwarden/ses.hpp>

#include <memory>

struct mw_ses_client {
    std::shared_ptr<mailwarden::ses::Client> client;
};

namespace mailwarden::capi {

/// Stores e in *err with the status of its code (the table in mailwarden.h)
/// and returns that status. The message is Error::describe(): type, HTTP
/// status, message and request id, never credentials.
int fail_ses(mw_error** err, const ses::Error& e);

}  // namespace mailwarden::capi
