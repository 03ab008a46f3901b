// The C handles around sender snapshots, shared by the sender and registry
// parts of the C ABI.
#pragma once

#include "capi_internal.hpp"

#include <mailwarden/sender.hpp>

#include <vector>

struct mw_sender {
    mailwarden::Sender value;
};

struct mw_sender_list {
    std::vector<mw_sender> items;
};
