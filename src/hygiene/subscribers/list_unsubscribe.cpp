// Unsubscribe links: the headers that carry them, and using them. A GET
// (inspect_unsubscribe) never changes anything; unsubscribe() acts at once.
#include <mailwarden/subscriber_lists.hpp>

#include "hygiene/subscribers/list_mail.hpp"
#include "hygiene/subscribers/list_tokens.hpp"
#include "hygiene/subscribers/lists_impl.hpp"

namespace mailwarden {

Result<ListHeaders, Error> SubscriberLists::headers_for(const MailingList& list, const Subscriber& subscriber) {
    if (subscriber.list_id != list.id)
        return unexpected(Error(errc::invalid_argument, subscriber.address + " is not on the list " + list.name));
    auto key = impl_->config.store->signing_key();
    if (!key) return unexpected(std::move(key).error());
    return hygiene::list_headers(impl_->config, *key, list, subscriber);
}

Result<Subscriber, Error> SubscriberLists::inspect_unsubscribe(std::string_view link_or_token) {
    std::string_view text = link_or_token;
    // A mailto unsubscribe arrives as unsubscribe+<token>@domain.
    if (const auto plus = text.find("unsubscribe+u1."); plus != std::string_view::npos) {
        text.remove_prefix(plus + 12);
        text = text.substr(0, text.find('@'));
    }
    auto token = hygiene::token_of(text, "u1.");
    if (!token) return unexpected(std::move(token).error());
    auto key = impl_->config.store->signing_key();
    if (!key) return unexpected(std::move(key).error());
    auto id = hygiene::verify_unsubscribe_token(*token, *key);
    if (!id) return unexpected(std::move(id).error());
    auto s = impl_->config.store->find_by_id(*id);
    if (!s) return unexpected(std::move(s).error());
    if (!*s) return unexpected(Error(errc::not_found, "this subscriber was removed from the list"));
    return std::move(**s);
}

Result<Subscriber, Error> SubscriberLists::unsubscribe(std::string_view link_or_token, std::string_view how,
                                                       std::string_view ip, std::string_view user_agent) {
    auto s = inspect_unsubscribe(link_or_token);
    if (!s) return s;
    return impl_->leave(std::move(*s), how, ip, user_agent);
}

Result<Subscriber, Error> SubscriberLists::unsubscribe_address(std::string_view account, std::string_view list_name,
                                                               std::string_view address, std::string_view how) {
    auto list = impl_->find_list(account, list_name);
    if (!list) return unexpected(std::move(list).error());
    auto s = impl_->find_subscriber(*list, address);
    if (!s) return s;
    return impl_->leave(std::move(*s), how);
}

}  // namespace mailwarden
