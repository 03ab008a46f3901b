// Lists, subscribing with double opt-in, and reading subscribers back.
#include <mailwarden/subscriber_lists.hpp>

#include "hygiene/subscribers/intake.hpp"
#include "hygiene/subscribers/list_mail.hpp"
#include "hygiene/subscribers/list_tokens.hpp"
#include "hygiene/subscribers/lists_impl.hpp"

namespace mailwarden {

using hygiene::has_control_character;

SubscriberLists::SubscriberLists(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SubscriberLists::~SubscriberLists() = default;

Result<std::shared_ptr<SubscriberLists>, Error> SubscriberLists::open(ListsConfig config) {
    if (!config.store) return unexpected(Error(errc::invalid_argument, "the lists need a store"));
    if (!config.registry) return unexpected(Error(errc::invalid_argument, "the lists need a sender registry to send"));
    if (config.confirm_lifetime.count() <= 0)
        return unexpected(Error(errc::invalid_argument, "the confirmation lifetime must be positive"));
    if (!config.clock) config.clock = system_clock();
    auto impl = std::make_unique<Impl>();
    impl->config = std::move(config);
    return std::shared_ptr<SubscriberLists>(new SubscriberLists(std::move(impl)));
}

// --- shared state------------------------------------------------------------------

Result<MailingList, Error> hygiene::ListsState::find_list(std::string_view account, std::string_view name) const {
    auto found = config.store->find_list(account, name);
    if (!found) return unexpected(std::move(found).error());
    if (!*found)
        return unexpected(Error(errc::not_found, "no list \"" + std::string(name) + "\" in account " + std::string(account)));
    return std::move(**found);
}

Result<Subscriber, Error> hygiene::ListsState::find_subscriber(const MailingList& list,
                                                                std::string_view address) const {
    const auto check = AddressChecker().check(address);
    const std::string key = hygiene::fold_key_of(check.valid() ? check.normalized() : address,
                                                 config.intake.fold_provider_aliases);
    auto found = config.store->find(list.id, key);
    if (!found) return unexpected(std::move(found).error());
    if (!*found)
        return unexpected(Error(errc::not_found, std::string(address) + " is not on the list " + list.name));
    return std::move(**found);
}

bool hygiene::ListsState::suppressed(std::string_view account, std::string_view address) const {
    if (!config.tracker) return false;
    auto found = config.tracker->find_suppression(address, account);
    return found && found->has_value();
}

std::string hygiene::ListsState::tombstone_hash(std::int64_t list_id, std::string_view fold_key) {
    return hygiene::token_hash(std::to_string(list_id) + "\n" + std::string(fold_key));
}

Result<Subscriber, Error> hygiene::ListsState::change_state(Subscriber subscriber, SubscriberState state,
                                                             ConsentEntry entry) const {
    entry.at = now();
    subscriber.state = state;
    subscriber.updated_at = entry.at;
    if (state == SubscriberState::confirmed) subscriber.confirmed_at = entry.at;
    auto saved = config.store->save(subscriber, entry);
    if (!saved) return saved;
    if (state == SubscriberState::unsubscribed || state == SubscriberState::bounced ||
        state == SubscriberState::complained) {
        auto put = config.store->put_tombstone(
            saved->list_id, {tombstone_hash(saved->list_id, saved->fold_key), std::string(to_string(state)), entry.at});
        if (!put) return unexpected(std::move(put).error());
    }
    return saved;
}

Result<Subscriber, Error> hygiene::ListsState::leave(Subscriber subscriber, std::string_view how, std::string_view ip,
                                                    std::string_view user_agent) const {
    if (has_control_character(how) || has_control_character(ip) || has_control_character(user_agent))
        return unexpected(Error(errc::invalid_argument, "a control character in the unsubscribe's facts"));
    if (subscriber.state == SubscriberState::unsubscribed) return subscriber;  // twice is once
    ConsentEntry entry;
    entry.action = "unsubscribe";
    entry.detail = std::string(how);
    entry.ip = std::string(ip);
    entry.user_agent = std::string(user_agent);
    return change_state(std::move(subscriber), SubscriberState::unsubscribed, std::move(entry));
}

Result<TokenPreview, Error> hygiene::ListsState::preview(const std::string& token_hash) const {
    auto stored = config.store->find_token(token_hash);
    if (!stored) return unexpected(std::move(stored).error());
    if (!*stored || (*stored)->purpose != "confirm")
        return unexpected(Error(errc::invalid_argument, "this confirmation link is unknown or was replaced by a newer one"));
    if ((*stored)->used_at) return unexpected(Error(errc::already_exists, "this confirmation link was already used"));
    if ((*stored)->expires_at <= now())
        return unexpected(Error(errc::expired, "this confirmation link has expired; ask for a new one"));
    auto s = config.store->find_by_id((*stored)->subscriber_id);
    if (!s) return unexpected(std::move(s).error());
    if (!*s) return unexpected(Error(errc::not_found, "the subscriber of this link was removed"));
    auto list = config.store->find_list_by_id((*s)->list_id);
    if (!list) return unexpected(std::move(list).error());
    if (!*list) return unexpected(Error(errc::not_found, "the list of this link was removed"));
    return TokenPreview{std::move(**list), std::move(**s), (*stored)->expires_at};
}

Result<Done, Error> hygiene::ListsState::for_each_subscriber(
    std::int64_t list_id, std::optional<SubscriberState> state, std::size_t page_size,
    const std::function<Result<bool, Error>(Subscriber&)>& visit) const {
    for (std::int64_t after = 0;;) {
        auto page = config.store->subscribers(list_id, state, after, page_size);
        if (!page) return unexpected(std::move(page).error());
        if (page->empty()) return Done{};
        after = page->back().id;
        for (Subscriber& s : *page) {
            auto go_on = visit(s);
            if (!go_on) return unexpected(std::move(go_on).error());
            if (!*go_on) return Done{};
        }
    }
}

// --- lists --------------------------------------------------------------------

Result<MailingList, Error> SubscriberLists::create_list(std::string_view account, std::string_view name,
                                                        std::string_view from) {
    if (name.empty() || name.size() > 200 || has_control_character(name) || account.empty() ||
        has_control_character(account))
        return unexpected(Error(errc::invalid_argument, "a list needs an account and a name without control characters"));
    // The sender is checked as the registry that sends its mail checks senders.
    AddressPolicy sender_policy;
    sender_policy.allow_special_use = impl_->config.registry->options().allow_special_use_domains;
    const auto sender = AddressChecker(sender_policy).check(from);
    if (!sender.valid()) return unexpected(Error(errc::invalid_argument, "the list's sender is not an address: " + std::string(from)));
    return impl_->config.store->create_list(
        {0, std::string(account), std::string(name), std::string(sender.normalized()), impl_->now()});
}

Result<MailingList, Error> SubscriberLists::list(std::string_view account, std::string_view name) {
    return impl_->find_list(account, name);
}

Result<std::vector<MailingList>, Error> SubscriberLists::lists(std::string_view account) {
    return impl_->config.store->lists(account);
}

// --- subscribing --------------------------------------------------------------

namespace {

bool any_field_has_control_character(const SubscribeRequest& r) {
    for (const std::string* field : {&r.address, &r.name, &r.source, &r.ip, &r.user_agent, &r.notice_text,
                                     &r.notice_version})
        if (has_control_character(*field)) return true;
    return false;
}

ConsentEntry entry_of(const SubscribeRequest& r, std::string action) {
    ConsentEntry e;
    e.action = std::move(action);
    e.source = r.source;
    e.ip = r.ip;
    e.user_agent = r.user_agent;
    e.notice_text = r.notice_text;
    e.notice_version = r.notice_version;
    return e;
}

}  // namespace

Result<SubscribeOutcome, Error> SubscriberLists::subscribe(std::string_view account, std::string_view list_name,
                                                           const SubscribeRequest& request) {
    auto list = impl_->find_list(account, list_name);
    if (!list) return unexpected(std::move(list).error());
    SubscribeOutcome out;
    if (any_field_has_control_character(request)) {
        out.refused_because = "invalid_field";
        return out;
    }
    const std::string acct(account);
    auto intake = hygiene::check_intake(impl_->config.intake, impl_->config.resolver,
                                        [this, acct](std::string_view a) { return impl_->suppressed(acct, a); },
                                        request.address);
    out.check = intake.check;
    if (!intake.refused_because.empty()) {
        out.refused_because = intake.refused_because;
        return out;
    }
    const auto& store = impl_->config.store;
    auto existing = store->find(list->id, intake.fold_key);
    if (!existing) return unexpected(std::move(existing).error());
    if (*existing && (*existing)->state == SubscriberState::confirmed) {
        out.accepted = true;  // nothing to do: no second mail
        out.subscriber = **existing;
        return out;
    }
    // An address that left may come back only by confirming again.
    bool left_before = *existing && (*existing)->state != SubscriberState::pending;
    if (!*existing) {
        auto tomb = store->find_tombstone(list->id, Impl::tombstone_hash(list->id, intake.fold_key));
        if (!tomb) return unexpected(std::move(tomb).error());
        left_before = tomb->has_value();
    }
    if (left_before && !request.double_opt_in) {
        out.refused_because = "tombstoned";
        return out;
    }
    Subscriber s = *existing ? **existing : Subscriber{};
    const TimePoint now = impl_->now();
    if (!*existing) {
        s.list_id = list->id;
        s.address = intake.check.address;
        s.fold_key = intake.fold_key;
        s.created_at = now;
    }
    if (!request.name.empty()) s.name = request.name;
    s.flags = intake.flags;
    s.updated_at = now;
    s.state = request.double_opt_in ? SubscriberState::pending : SubscriberState::confirmed;
    if (!request.double_opt_in) s.confirmed_at = now;
    ConsentEntry entry = entry_of(request, left_before ? "resubscribe" : "subscribe");
    entry.at = now;
    if (!request.double_opt_in) entry.detail = "confirmed by the host (no double opt-in)";
    auto saved = store->save(s, entry);
    if (!saved) return unexpected(std::move(saved).error());
    out.accepted = true;
    out.subscriber = *saved;
    if (request.double_opt_in) {
        auto link = hygiene::send_confirmation(*impl_, *list, *saved);
        if (!link) return unexpected(std::move(link).error());
        out.confirm_link = std::move(*link);
    }
    return out;
}

Result<std::string, Error> SubscriberLists::resend_confirmation(std::string_view account, std::string_view list_name,
                                                                std::string_view address) {
    auto list = impl_->find_list(account, list_name);
    if (!list) return unexpected(std::move(list).error());
    auto s = impl_->find_subscriber(*list, address);
    if (!s) return unexpected(std::move(s).error());
    if (s->state != SubscriberState::pending)
        return unexpected(Error(errc::invalid_argument, s->address + " is " + std::string(to_string(s->state)) +
                                                            ", not pending confirmation"));
    return hygiene::send_confirmation(*impl_, *list, *s);
}

// --- confirming ---------------------------------------------------------------

Result<TokenPreview, Error> SubscriberLists::inspect(std::string_view link_or_token) {
    auto token = hygiene::token_of(link_or_token, "c1.");
    if (!token) return unexpected(std::move(token).error());
    return impl_->preview(hygiene::token_hash(*token));
}

Result<Subscriber, Error> SubscriberLists::confirm(std::string_view link_or_token, std::string_view ip,
                                                   std::string_view user_agent) {
    if (has_control_character(ip) || has_control_character(user_agent))
        return unexpected(Error(errc::invalid_argument, "a control character in the confirmation's facts"));
    auto token = hygiene::token_of(link_or_token, "c1.");
    if (!token) return unexpected(std::move(token).error());
    const std::string hash = hygiene::token_hash(*token);
    auto preview = impl_->preview(hash);
    if (!preview) return unexpected(std::move(preview).error());
    auto used = impl_->config.store->use_token(hash, impl_->now());
    if (!used) return unexpected(std::move(used).error());
    if (!*used) return unexpected(Error(errc::already_exists, "this confirmation link was already used"));
    ConsentEntry entry;
    entry.action = "confirm";
    entry.ip = std::string(ip);
    entry.user_agent = std::string(user_agent);
    entry.detail = "double opt-in link";
    return impl_->change_state(std::move(preview->subscriber), SubscriberState::confirmed, std::move(entry));
}

// --- reading ------------------------------------------------------------------

Result<std::vector<Subscriber>, Error> SubscriberLists::subscribers(std::string_view account, std::string_view list_name,
                                                                    std::optional<SubscriberState> state) {
    auto list = impl_->find_list(account, list_name);
    if (!list) return unexpected(std::move(list).error());
    std::vector<Subscriber> out;
    auto read = impl_->for_each_subscriber(list->id, state, 1000, [&out](Subscriber& s) -> Result<bool, Error> {
        out.push_back(std::move(s));
        return true;
    });
    if (!read) return unexpected(std::move(read).error());
    return out;
}

Result<Subscriber, Error> SubscriberLists::subscriber(std::string_view account, std::string_view list_name,
                                                      std::string_view address) {
    auto list = impl_->find_list(account, list_name);
    if (!list) return unexpected(std::move(list).error());
    return impl_->find_subscriber(*list, address);
}

Result<std::vector<ConsentEntry>, Error> SubscriberLists::consent_log(std::string_view account,
                                                                      std::string_view list_name,
                                                                      std::string_view address) {
    auto list = impl_->find_list(account, list_name);
    if (!list) return unexpected(std::move(list).error());
    auto s = impl_->find_subscriber(*list, address);
    if (!s) return unexpected(std::move(s).error());
    return impl_->config.store->consent_log(s->id);
}

Result<Done, Error> SubscriberLists::record_engagement(std::string_view account, std::string_view list_name,
                                                       std::string_view address, SubscriberStore::Engagement what,
                                                       bool machine) {
    auto list = impl_->find_list(account, list_name);
    if (!list) return unexpected(std::move(list).error());
    auto s = impl_->find_subscriber(*list, address);
    if (!s) return unexpected(std::move(s).error());
    if (machine && what != SubscriberStore::Engagement::sent) return Done{};  // a proxy open or a scanner's click
    return impl_->config.store->record(s->id, what, impl_->now());
}

}  // namespace mailwarden
