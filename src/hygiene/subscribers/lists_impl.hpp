// What the parts of SubscriberLists share: the configuration, and the
// look-ups every operation starts with.
#pragma once

#include <mailwarden/subscriber_lists.hpp>

#include <string>
#include <string_view>

namespace mailwarden {

namespace hygiene {

struct ListsState {
    ListsConfig config;

    TimePoint now() const { return config.clock->now(); }

    /// Errors: not_found naming the list.
    Result<MailingList, Error> find_list(std::string_view account, std::string_view name) const;
    /// Errors: not_found naming the address.
    Result<Subscriber, Error> find_subscriber(const MailingList& list, std::string_view address) const;
    /// Whether the tracker suppresses `address` for `account` (false without a tracker).
    bool suppressed(std::string_view account, std::string_view address) const;
    /// The tombstone hash of a fold key in a list.
    static std::string tombstone_hash(std::int64_t list_id, std::string_view fold_key);
    /// Moves the subscriber to `state` and logs `entry`; a state that ends
    /// the subscription leaves a tombstone too.
    Result<Subscriber, Error> change_state(Subscriber subscriber, SubscriberState state, ConsentEntry entry) const;
};

}  // namespace hygiene

struct SubscriberLists::Impl : hygiene::ListsState {};

}  // namespace mailwarden
