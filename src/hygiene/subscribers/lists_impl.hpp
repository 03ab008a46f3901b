// What the parts of SubscriberLists share: the configuration, and the
// look-ups every operation starts with.
#pragma once

#include <mailwarden/subscriber_lists.hpp>

#include <cstddef>
#include <functional>
#include <optional>
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
    /// Unsubscribes, logging how (and from where); already unsubscribed: as is.
    Result<Subscriber, Error> leave(Subscriber subscriber, std::string_view how, std::string_view ip = {},
                                    std::string_view user_agent = {}) const;
    /// What the confirmation token with this hash is, with no side effect.
    /// Errors as SubscriberLists::inspect.
    Result<TokenPreview, Error> preview(const std::string& token_hash) const;
    /// Calls `visit` with each of the list's subscribers (only those in
    /// `state` when set), a page of `page_size` at a time, until it returns
    /// false. Errors: the store's, and those `visit` returns.
    Result<Done, Error> for_each_subscriber(std::int64_t list_id, std::optional<SubscriberState> state,
                                            std::size_t page_size,
                                            const std::function<Result<bool, Error>(Subscriber&)>& visit) const;
};

}  // namespace hygiene

struct SubscriberLists::Impl : hygiene::ListsState {};

}  // namespace mailwarden
