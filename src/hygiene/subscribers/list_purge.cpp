// Purging a list: who goes and why, shown first on a dry run. A purged
// subscriber leaves only a tombstone (a hash), so a later import cannot
// bring the address back unnoticed.
#include <mailwarden/subscriber_lists.hpp>

#include "hygiene/subscribers/lists_impl.hpp"

namespace mailwarden {

namespace {

using Days = std::chrono::duration<std::int64_t, std::ratio<86400>>;

// Why the policy purges `s`, or empty.
std::string purge_reason(const hygiene::ListsState& lists, const MailingList& list, const Subscriber& s,
                         const PurgePolicy& policy, TimePoint now) {
    if (policy.bounced_and_complained) {
        if (s.state == SubscriberState::bounced) return "bounced";
        if (s.state == SubscriberState::complained) return "complained";
    }
    if (policy.unconfirmed_days && s.state == SubscriberState::pending &&
        now - s.updated_at >= Days(*policy.unconfirmed_days))
        return "unconfirmed";
    if (policy.inactive_days && s.state == SubscriberState::confirmed && s.sends >= policy.min_sends) {
        const TimePoint last = s.last_engaged_at.value_or(s.confirmed_at.value_or(s.created_at));
        if (now - last >= Days(*policy.inactive_days)) return "inactive";
    }
    if (policy.bounced_and_complained &&
        (s.state == SubscriberState::confirmed || s.state == SubscriberState::pending) &&
        lists.suppressed(list.account, s.address))
        return "suppressed";
    return {};
}

}  // namespace

Result<PurgeReport, Error> SubscriberLists::purge(std::string_view account, std::string_view list_name,
                                                  const PurgePolicy& policy) {
    if ((policy.unconfirmed_days && *policy.unconfirmed_days < 0) || (policy.inactive_days && *policy.inactive_days < 0) ||
        policy.min_sends < 0)
        return unexpected(Error(errc::invalid_argument, "purge days and sends cannot be negative"));
    auto list = impl_->find_list(account, list_name);
    if (!list) return unexpected(std::move(list).error());
    PurgeReport report;
    report.dry_run = policy.dry_run;
    const TimePoint now = impl_->now();
    auto walked = impl_->for_each_subscriber(list->id, std::nullopt, 1000, [&](Subscriber& s) -> Result<bool, Error> {
        std::string reason = purge_reason(*impl_, *list, s, policy, now);
        if (reason.empty()) return true;
        if (!policy.dry_run) {
            auto done = impl_->config.store->purge(s.id, list->id,
                                                   {Impl::tombstone_hash(list->id, s.fold_key), "purged", now});
            if (!done) return unexpected(std::move(done).error());
            s.state = SubscriberState::purged;
        }
        report.purged.push_back({std::move(s), std::move(reason)});
        return true;
    });
    if (!walked) return unexpected(std::move(walked).error());
    return report;
}

}  // namespace mailwarden
