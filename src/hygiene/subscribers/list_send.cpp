// Sending to a list: one mail per confirmed subscriber, each with its own
// unsubscribe link; the registry's send gate leaves out suppressed ones,
// which are then marked bounced or complained on the list.
#include <mailwarden/subscriber_lists.hpp>

#include "hygiene/subscribers/list_mail.hpp"
#include "hygiene/subscribers/lists_impl.hpp"

namespace mailwarden {

namespace {

// Whether a send error stops the whole list (the account or the sender
// cannot send) rather than one recipient.
bool stops_the_list(const Error& e) {
    const auto kind = e.kind();
    return kind == errc::suspended || kind == errc::not_verified || kind == errc::not_found || kind == errc::auth;
}

}  // namespace

Result<ListSendReport, Error> SubscriberLists::send(std::string_view account, std::string_view list_name,
                                                    OutgoingMessage message) {
    auto list = impl_->find_list(account, list_name);
    if (!list) return unexpected(std::move(list).error());
    auto key = impl_->config.store->signing_key();
    if (!key) return unexpected(std::move(key).error());
    if (message.from.empty()) message.from = list->from;
    message.account = list->account;
    const auto extra = message.headers;
    ListSendReport report;
    auto walked = impl_->for_each_subscriber(
        list->id, SubscriberState::confirmed, 500, [&](Subscriber& s) -> Result<bool, Error> {
            const ListHeaders h = hygiene::list_headers(impl_->config, *key, *list, s);
            message.to = {s.address};
            message.headers = extra;
            message.headers.emplace_back("List-Unsubscribe", h.list_unsubscribe);
            message.headers.emplace_back("List-Unsubscribe-Post", h.list_unsubscribe_post);
            message.headers.emplace_back("List-Id", h.list_id);
            auto sent = impl_->config.registry->send(message);
            if (!sent && sent.error().kind() == errc::suppressed) {
                ++report.suppressed;
                ConsentEntry entry;
                entry.action = "suppressed";
                entry.detail = "the bounce tracker suppresses this address";
                auto found = impl_->config.tracker ? impl_->config.tracker->find_suppression(s.address, list->account)
                                                   : Result<std::optional<Suppression>, Error>(std::nullopt);
                const bool complaint = found && *found && (*found)->reason == SuppressionReason::complaint;
                auto changed = impl_->change_state(std::move(s), complaint ? SubscriberState::complained
                                                                           : SubscriberState::bounced,
                                                   std::move(entry));
                if (!changed) return unexpected(std::move(changed).error());
                return true;
            }
            if (!sent) {
                if (stops_the_list(sent.error()) && report.sent == 0) return unexpected(std::move(sent).error());
                if (report.first_error.empty()) report.first_error = sent.error().message;
                ++report.failed;
                return !stops_the_list(sent.error());
            }
            ++report.sent;
            auto counted = impl_->config.store->record(s.id, SubscriberStore::Engagement::sent, impl_->now());
            if (!counted) return unexpected(std::move(counted).error());
            return true;
        });
    if (!walked) return unexpected(std::move(walked).error());
    return report;
}

}  // namespace mailwarden
