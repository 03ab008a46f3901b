// The C handle around the SES client, shared by the SES and registry parts of
// the C ABI (a registry over SES holds the same client).
#pragma once

#include "capi_internal.hpp"

#include <mailwarden/ses.hpp>

#include <memory>

struct mw_ses_client {
    std::shared_ptr<mailwarden::ses::Client> client;
};
