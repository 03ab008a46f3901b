// The registry handle, shared by the registry part of the C ABI and the
// parts that build on a registry's channel (the mailing lists).
#pragma once

#include "capi_handle.hpp"

#include <mailwarden/channel.hpp>
#include <mailwarden/ses/transport.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

// Filled by the registry's setters and by the parts that add to a channel's
// configuration (the content policies).
struct mw_registry_options {
    mailwarden::ChannelConfig channel;
    std::optional<std::int64_t> manual_clock_start;
    std::shared_ptr<mailwarden::ses::Client> ses;  // null: the local transport
    mailwarden::SesTransportOptions ses_transport;
    std::string dkim_keys;  // the key folder, read at open with the registry's clock
};

struct mw_registry : mailwarden::capi::Counted<mw_registry> {
    std::shared_ptr<mailwarden::ManualClock> manual_clock;  // null with the system clock
    mailwarden::Channel channel;
    std::string default_account;  // the account of calls that name none

    mailwarden::SenderRegistry& registry() const { return *channel.registry; }
};
