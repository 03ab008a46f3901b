// The registry handle, shared by the registry part of the C ABI and the
// parts that build on a registry's channel (the mailing lists).
#pragma once

#include "capi_handle.hpp"

#include <mailwarden/channel.hpp>

#include <memory>
#include <string>

struct mw_registry : mailwarden::capi::Counted<mw_registry> {
    std::shared_ptr<mailwarden::ManualClock> manual_clock;  // null with the system clock
    mailwarden::Channel channel;
    std::string store_path;       // the file the channel's stores use
    std::string default_account;  // the account of calls that name none

    mailwarden::SenderRegistry& registry() const { return *channel.registry; }
};
