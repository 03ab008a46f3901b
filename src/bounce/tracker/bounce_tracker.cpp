// BounceTracker: transactions around the applier, the read side (stats,
// suppressions, admission), and what happens after a commit (callbacks,
// the suppression mirror).
#include <mailwarden/bounce_tracker.hpp>
#include <mailwarden/feedback_store.hpp>

#include "bounce/tracker/feedback_applier.hpp"
#include "bounce/tracker/rate_window.hpp"
#include "bounce/tracker/tracked_address.hpp"
#include "common/callback_list.hpp"

#include <mailwarden/address.hpp>

#include <atomic>
#include <mutex>
#include <set>

namespace mailwarden {

SuppressionMirror::~SuppressionMirror() = default;

void accumulate(IngestReport& total, IngestReport part) {
    total.events += part.events;
    total.duplicates += part.duplicates;
    total.sends += part.sends;
    total.deliveries += part.deliveries;
    total.hard_bounces += part.hard_bounces;
    total.soft_bounces += part.soft_bounces;
    total.complaints += part.complaints;
    total.ignored += part.ignored;
    for (auto& s : part.suppressed) total.suppressed.push_back(std::move(s));
    for (auto& c : part.status_changes) total.status_changes.push_back(std::move(c));
}

using bounce_detail::FeedbackApplier;
using bounce_detail::tracked_address;

struct BounceTracker::Impl {
    std::shared_ptr<FeedbackStore> store;
    TrackerPolicy policy;
    std::shared_ptr<Clock> clock;
    common::CallbackList<const StatusChange&> callbacks;
    std::mutex mirror_mutex;
    std::shared_ptr<SuppressionMirror> mirror;
    std::atomic<std::int64_t> mirror_failures{0};

    std::shared_ptr<SuppressionMirror> current_mirror() {
        const std::lock_guard lock(mirror_mutex);
        return mirror;
    }

    /// Runs `work` with an applier in one write transaction, commits, then
    /// tells the mirror and the subscribers.
    template <class Work>
    Result<IngestReport, Error> write(Work&& work) {
        auto tx = store->begin(true);
        if (!tx) return unexpected(std::move(tx).error());
        FeedbackApplier applier(**tx, policy, clock->now());
        if (auto done = work(applier); !done) return unexpected(std::move(done).error());
        auto report = applier.finish();
        if (!report) return report;
        if (auto committed = (*tx)->commit(); !committed) return unexpected(std::move(committed).error());
        tx->reset();
        after_commit(*report);
        return report;
    }

    void after_commit(const IngestReport& report) {
        if (auto m = current_mirror())
            for (const auto& s : report.suppressed)
                if (!m->suppressed(s)) ++mirror_failures;
        for (const auto& change : report.status_changes) callbacks.notify(change);
    }

    Result<std::optional<Suppression>, Error> find(FeedbackTransaction& tx, const std::string& address,
                                                   std::string_view account) {
        auto own = tx.find_suppression(account, address);
        if (!own || *own || account == global_scope) return own;
        return tx.find_suppression(global_scope, address);
    }

    std::string_view account_or_default(std::string_view account) const {
        return account.empty() ? std::string_view(policy.default_account) : account;
    }
};

BounceTracker::BounceTracker(std::shared_ptr<FeedbackStore> store, TrackerPolicy policy, std::shared_ptr<Clock> clock)
    : impl_(std::make_unique<Impl>()) {
    impl_->store = std::move(store);
    impl_->policy = std::move(policy);
    impl_->clock = clock ? std::move(clock) : system_clock();
}

BounceTracker::~BounceTracker() = default;

Result<IngestReport, Error> BounceTracker::ingest(std::span<const FeedbackEvent> events, std::string_view account) {
    return impl_->write([&](FeedbackApplier& applier) -> Result<Done, Error> {
        for (const auto& event : events)
            if (auto done = applier.apply(event, account); !done) return done;
        return Done{};
    });
}

Result<IngestReport, Error> BounceTracker::ingest(const FeedbackEvent& event, std::string_view account) {
    return ingest(std::span<const FeedbackEvent>(&event, 1), account);
}

Result<IngestReport, Error> BounceTracker::record_send(std::string_view account, std::string_view message_id,
                                                       std::span<const std::string> recipients) {
    if (message_id.empty()) return unexpected(Error(errc::invalid_argument, "a send needs its message id"));
    const auto name = impl_->account_or_default(account);
    return impl_->write(
        [&](FeedbackApplier& applier) { return applier.record_send(name, message_id, recipients); });
}

Result<Admission, Error> BounceTracker::admit(std::string_view account, std::span<const std::string> recipients) {
    const auto name = impl_->account_or_default(account);
    auto tx = impl_->store->begin(false);
    if (!tx) return unexpected(std::move(tx).error());
    auto record = (*tx)->find_account(name);
    if (!record) return unexpected(std::move(record).error());
    if (*record && (*record)->status == AccountStatus::suspended)
        return unexpected(Error(errc::suspended, "sending for account " + std::string(name) +
                                                     " is suspended: " + (*record)->status_reason +
                                                     "; it resumes only by an explicit resume with a reason"));
    Admission admission;
    std::set<std::string, std::less<>> seen;
    for (const auto& recipient : recipients) {
        std::string address = tracked_address(recipient);
        if (!seen.insert(address).second) continue;
        auto found = impl_->find(**tx, address, name);
        if (!found) return unexpected(std::move(found).error());
        if (*found) admission.suppressed.push_back(std::move(**found));
        else admission.allowed.push_back(recipient);
    }
    return admission;
}

Result<std::optional<Suppression>, Error> BounceTracker::find_suppression(std::string_view address,
                                                                          std::string_view account) {
    auto tx = impl_->store->begin(false);
    if (!tx) return unexpected(std::move(tx).error());
    return impl_->find(**tx, tracked_address(address), impl_->account_or_default(account));
}

Result<std::vector<Suppression>, Error> BounceTracker::suppressions(std::string_view account, std::size_t limit,
                                                                    std::string_view after) {
    auto tx = impl_->store->begin(false);
    if (!tx) return unexpected(std::move(tx).error());
    return (*tx)->list_suppressions(impl_->account_or_default(account), after, limit);
}

Result<Suppression, Error> BounceTracker::suppress(std::string_view address, std::string_view account,
                                                   std::string_view note) {
    const auto check = check_address(address, bounce_detail::any_address_form);
    if (!check.valid())
        return unexpected(Error(errc::invalid_argument, std::string(address) + " is not an address: " +
                                                            std::string(check.message())));
    Suppression s{std::string(impl_->account_or_default(account)), tracked_address(address), SuppressionReason::manual, impl_->clock->now(),
                  {}, {}, {}, std::string(note)};
    auto tx = impl_->store->begin(true);
    if (!tx) return unexpected(std::move(tx).error());
    if (auto put = (*tx)->put_suppression(s); !put) return unexpected(std::move(put).error());
    if (auto committed = (*tx)->commit(); !committed) return unexpected(std::move(committed).error());
    tx->reset();
    if (auto m = impl_->current_mirror(); m && !m->suppressed(s)) ++impl_->mirror_failures;
    return s;
}

Result<bool, Error> BounceTracker::unsuppress(std::string_view address, std::string_view account) {
    const std::string key = tracked_address(address);
    account = impl_->account_or_default(account);
    auto tx = impl_->store->begin(true);
    if (!tx) return unexpected(std::move(tx).error());
    auto removed = (*tx)->remove_suppression(account, key);
    if (!removed) return removed;
    if (auto soft = (*tx)->remove_soft_bounces(account, key); !soft) return unexpected(std::move(soft).error());
    if (auto committed = (*tx)->commit(); !committed) return unexpected(std::move(committed).error());
    tx->reset();
    if (auto m = impl_->current_mirror(); *removed && m && !m->unsuppressed(key)) ++impl_->mirror_failures;
    return removed;
}

Result<AccountStats, Error> BounceTracker::stats(std::string_view account) {
    const auto name = impl_->account_or_default(account);
    auto tx = impl_->store->begin(false);
    if (!tx) return unexpected(std::move(tx).error());
    auto found = (*tx)->find_account(name);
    if (!found) return unexpected(std::move(found).error());
    AccountRecord a = found->value_or(AccountRecord{});
    a.account = std::string(name);
    if (!*found) a.window_size = impl_->policy.window_sends;
    if (auto fitted = bounce_detail::fit_window(**tx, a, impl_->policy.window_sends); !fitted)
        return unexpected(std::move(fitted).error());
    return bounce_detail::stats_of(a, impl_->policy.window_sends);
}

Result<AccountStats, Error> BounceTracker::resume(std::string_view account, std::string_view actor,
                                                  std::string_view reason) {
    if (actor.empty()) return unexpected(Error(errc::invalid_argument, "a resume names who resumes"));
    if (reason.empty()) return unexpected(Error(errc::invalid_argument, "a resume needs a reason"));
    const auto name = impl_->account_or_default(account);
    auto report = impl_->write([&](FeedbackApplier& applier) -> Result<Done, Error> {
        auto a = applier.account(name);
        if (!a) return unexpected(std::move(a).error());
        AccountRecord& acct = **a;
        // The window starts afresh: the rates of before the resume are the
        // reason it was needed.
        acct.window_start = acct.next_seq;
        acct.window_hard = acct.window_soft = acct.window_complaints = 0;
        return applier.change_status(acct, AccountStatus::active, std::string(actor),
                                     std::string(reason), true);
    });
    if (!report) return unexpected(std::move(report).error());
    return stats(name);
}

Result<std::vector<StatusChange>, Error> BounceTracker::audit_log(std::string_view account) {
    auto tx = impl_->store->begin(false);
    if (!tx) return unexpected(std::move(tx).error());
    return (*tx)->audit_log(impl_->account_or_default(account));
}

int BounceTracker::subscribe(StatusCallback callback) { return impl_->callbacks.add(std::move(callback)); }
bool BounceTracker::unsubscribe(int id) { return impl_->callbacks.remove(id); }

void BounceTracker::set_mirror(std::shared_ptr<SuppressionMirror> mirror) {
    const std::lock_guard lock(impl_->mirror_mutex);
    impl_->mirror = std::move(mirror);
}

std::int64_t BounceTracker::mirror_failures() const noexcept { return impl_->mirror_failures.load(); }

const TrackerPolicy& BounceTracker::policy() const noexcept { return impl_->policy; }

}  // namespace mailwarden
