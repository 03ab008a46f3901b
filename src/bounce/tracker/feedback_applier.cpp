#include "bounce/tracker/feedback_applier.hpp"

#include "bounce/tracker/event_time.hpp"
#include "bounce/tracker/rate_window.hpp"
#include "bounce/tracker/tracked_address.hpp"

#include <algorithm>

namespace mailwarden::bounce_detail {

namespace {

// SES counts neither bounces to addresses on the account's own suppression
// list (it sent nothing) nor anything to its mailbox simulator.
bool counts_against_account(const FeedbackEvent& event, std::string_view address, const TrackerPolicy& policy) {
    if (event.ses_bounce_subtype == "OnAccountSuppressionList") return false;
    return policy.count_simulator || !is_simulator_address(address);
}

// Feedback about a mail whose id is unknown still concerns one send: the
// event's own key stands in for the message id.
std::string message_key(const FeedbackEvent& event) {
    if (!event.message_id.empty()) return event.message_id;
    return "feedback:" + event.idempotency_key;
}

std::string recipient_key(const FeedbackEvent& event, const RecipientFeedback& r, const std::string& address) {
    if (!r.idempotency_key.empty()) return r.idempotency_key;
    return event.idempotency_key + "|" + address;
}

}  // namespace

Result<AccountRecord*, Error> FeedbackApplier::account(std::string_view name) {
    if (auto it = accounts_.find(name); it != accounts_.end()) return &it->second;
    auto found = tx_.find_account(name);
    if (!found) return unexpected(std::move(found).error());
    AccountRecord a = found->value_or(AccountRecord{});
    a.account = std::string(name);
    if (!*found) a.window_size = policy_.window_sends;
    if (auto fitted = fit_window(tx_, a, policy_.window_sends); !fitted) return unexpected(std::move(fitted).error());
    return &accounts_.emplace(std::string(name), std::move(a)).first->second;
}

Result<Done, Error> FeedbackApplier::apply(const FeedbackEvent& event, std::string_view account) {
    ++report_.events;
    if (!event.idempotency_key.empty()) {
        auto fresh = tx_.claim("event:" + event.idempotency_key, now_);
        if (!fresh) return unexpected(std::move(fresh).error());
        if (!*fresh) {
            ++report_.duplicates;
            return Done{};
        }
    }
    const TimePoint at = event_time(event, now_);
    for (const auto& r : event.recipients)
        if (auto done = apply_recipient(event, r, account, at); !done) return done;
    return Done{};
}

Result<Done, Error> FeedbackApplier::apply_recipient(const FeedbackEvent& event, const RecipientFeedback& r,
                                                     std::string_view given_account, TimePoint at) {
    const std::string address = tracked_address(r.address);
    if (address.empty()) return Done{};
    auto fresh = tx_.claim(recipient_key(event, r, address), now_);
    if (!fresh) return unexpected(std::move(fresh).error());
    if (!*fresh) {
        ++report_.duplicates;
        return Done{};
    }
    const bool counted_kind = event.kind == FeedbackKind::send || event.kind == FeedbackKind::delivery ||
                              (event.kind == FeedbackKind::bounce && r.bounce_class != BounceClass::none) ||
                              (event.kind == FeedbackKind::complaint && event.feedback_type != "not-spam");
    if (!counted_kind || !counts_against_account(event, address, policy_)) {
        ++report_.ignored;
        return Done{};
    }
    const std::string message_id = message_key(event);
    auto name = account_of(message_id, address, given_account);
    if (!name) return unexpected(std::move(name).error());
    auto named = account(*name);
    if (!named) return unexpected(std::move(named).error());
    auto send = ensure_send(**named, message_id, address, at);
    if (!send) return unexpected(std::move(send).error());
    // A send recorded earlier keeps its account, whatever the caller named.
    auto owner = send->account == (*named)->account ? named : account(send->account);
    if (!owner) return unexpected(std::move(owner).error());
    AccountRecord& acct = **owner;

    switch (event.kind) {
    case FeedbackKind::delivery:
        ++acct.total_deliveries;
        ++report_.deliveries;
        // A delivery ends a run of soft bounces.
        if (auto r2 = tx_.remove_soft_bounces(acct.account, address); !r2) return r2;
        break;
    case FeedbackKind::bounce:
        if (r.bounce_class == BounceClass::hard) {
            auto flagged = flag(acct, *send, Flag::hard);
            if (!flagged) return unexpected(std::move(flagged).error());
            if (*flagged) ++report_.hard_bounces;
            if (auto s = suppress(acct, address, SuppressionReason::bounce, event, r, at); !s) return s;
        } else {
            auto flagged = flag(acct, *send, Flag::soft);
            if (!flagged) return unexpected(std::move(flagged).error());
            if (*flagged) ++report_.soft_bounces;
            if (auto s = count_soft_bounce(acct, address, event, r, at); !s) return s;
        }
        break;
    case FeedbackKind::complaint: {
        auto flagged = flag(acct, *send, Flag::complaint);
        if (!flagged) return unexpected(std::move(flagged).error());
        if (*flagged) ++report_.complaints;
        if (auto s = suppress(acct, address, SuppressionReason::complaint, event, r, at); !s) return s;
        break;
    }
    default: break;  // a send: counted by ensure_send
    }
    return rejudge(acct);
}

Result<std::string, Error> FeedbackApplier::account_of(std::string_view message_id, std::string_view recipient,
                                                       std::string_view given) {
    if (!given.empty()) return std::string(given);
    auto send = tx_.find_send(message_id, recipient);
    if (!send) return unexpected(std::move(send).error());
    if (*send) return (*send)->account;
    auto any = tx_.find_message(message_id);
    if (!any) return unexpected(std::move(any).error());
    if (*any) return (*any)->account;
    return policy_.default_account;
}

Result<SendRecord, Error> FeedbackApplier::ensure_send(AccountRecord& a, std::string_view message_id,
                                                       std::string_view recipient, TimePoint at) {
    auto found = tx_.find_send(message_id, recipient);
    if (!found) return unexpected(std::move(found).error());
    if (*found) return std::move(**found);
    SendRecord send{std::string(message_id), std::string(recipient), a.account, 0, at};
    if (auto entered = enter_window(tx_, a, send, policy_.window_sends); !entered)
        return unexpected(std::move(entered).error());
    if (auto inserted = tx_.insert_send(send); !inserted) return unexpected(std::move(inserted).error());
    ++report_.sends;
    return send;
}

Result<bool, Error> FeedbackApplier::flag(AccountRecord& a, SendRecord& send, Flag which) {
    bool& flag = which == Flag::hard ? send.hard_bounced : which == Flag::soft ? send.soft_bounced : send.complained;
    if (flag) return false;
    flag = true;
    if (auto saved = tx_.update_send_flags(send); !saved) return unexpected(std::move(saved).error());
    const bool in_window = send.seq >= window_from(a, policy_.window_sends);
    auto& total = which == Flag::hard ? a.total_hard : which == Flag::soft ? a.total_soft : a.total_complaints;
    auto& window = which == Flag::hard ? a.window_hard : which == Flag::soft ? a.window_soft : a.window_complaints;
    ++total;
    if (in_window) ++window;
    return true;
}

Result<Done, Error> FeedbackApplier::count_soft_bounce(AccountRecord& a, const std::string& address,
                                                       const FeedbackEvent& event, const RecipientFeedback& r,
                                                       TimePoint at) {
    if (policy_.soft_bounce_limit <= 0) return Done{};
    auto found = tx_.find_soft_bounces(a.account, address);
    if (!found) return unexpected(std::move(found).error());
    SoftBounceRecord run = found->value_or(SoftBounceRecord{a.account, address, {}});
    std::erase_if(run.times, [&](TimePoint t) { return t + policy_.soft_bounce_period <= at; });
    run.times.insert(std::upper_bound(run.times.begin(), run.times.end(), at), at);
    const auto limit = static_cast<std::size_t>(policy_.soft_bounce_limit);
    if (run.times.size() > limit) run.times.erase(run.times.begin(), run.times.end() - static_cast<long>(limit));
    if (run.times.size() < limit) return tx_.put_soft_bounces(run);
    if (auto removed = tx_.remove_soft_bounces(a.account, address); !removed) return removed;
    return suppress(a, address, SuppressionReason::bounce, event, r, at,
                    std::to_string(limit) + " soft bounces without a delivery in between");
}

Result<Done, Error> FeedbackApplier::suppress(const AccountRecord& a, const std::string& address,
                                              SuppressionReason reason, const FeedbackEvent& event,
                                              const RecipientFeedback& r, TimePoint at, std::string note) {
    const std::string scope(policy_.suppress_globally ? global_scope : std::string_view(a.account));
    auto existing = tx_.find_suppression(scope, address);
    if (!existing) return unexpected(std::move(existing).error());
    if (*existing) return Done{};  // the first evidence stays
    Suppression s{scope, address, reason, at, recipient_key(event, r, address), r.status, r.diagnostic, std::move(note)};
    if (auto put = tx_.put_suppression(s); !put) return put;
    report_.suppressed.push_back(std::move(s));
    return Done{};
}

Result<Done, Error> FeedbackApplier::rejudge(AccountRecord& a) {
    auto verdict = judge(a, policy_);
    if (!verdict) return Done{};
    return change_status(a, verdict->status, "mailwarden", std::move(verdict->reason));
}

Result<Done, Error> FeedbackApplier::change_status(AccountRecord& a, AccountStatus to, std::string actor,
                                                   std::string reason, bool always) {
    if (a.status == to && !always) return Done{};
    StatusChange change{a.account, now_, a.status, to, std::move(actor), std::move(reason)};
    if (auto logged = tx_.append_audit(change, a.audit_entries++); !logged) return logged;
    a.status = to;
    a.status_since = now_;
    a.status_reason = change.reason;
    report_.status_changes.push_back(std::move(change));
    return Done{};
}

Result<Done, Error> FeedbackApplier::record_send(std::string_view account_name, std::string_view message_id,
                                                 std::span<const std::string> recipients) {
    auto a = account(account_name);
    if (!a) return unexpected(std::move(a).error());
    for (const auto& recipient : recipients) {
        const std::string address = tracked_address(recipient);
        if (address.empty() || !counts_against_account(FeedbackEvent{}, address, policy_)) continue;
        auto send = ensure_send(**a, message_id, address, now_);
        if (!send) return unexpected(std::move(send).error());
    }
    return rejudge(**a);
}

Result<IngestReport, Error> FeedbackApplier::finish() {
    for (const auto& [name, a] : accounts_)
        if (auto saved = tx_.save_account(a); !saved) return unexpected(std::move(saved).error());
    return std::move(report_);
}

}  // namespace mailwarden::bounce_detail
