// The sender registry: validation, the state machine applied to what the
// transport and the clock say, persistence, callbacks, background refresh.
#include <mailwarden/address.hpp>
#include <mailwarden/sender.hpp>
#include <mailwarden/store.hpp>
#include <mailwarden/transport.hpp>

#include "common/callback_list.hpp"
#include "sender/gated_send.hpp"
#include "sender/sender_id.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <future>
#include <map>
#include <mutex>
#include <thread>

namespace mailwarden {

namespace {

constexpr std::string_view expired_reason = "the verification link expired before it was used";

// add() stores a sender before the transport creates its identity, and a
// request to SES may take this long with its retries: a Pending sender's
// identity missing sooner after its request is on its way, not revoked.
constexpr std::chrono::minutes identity_on_its_way{5};

bool has_line_break_or_control(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

}  // namespace

struct SenderRegistry::Impl {
    std::shared_ptr<SenderStore> store;
    std::shared_ptr<Transport> transport;
    RegistryOptions options;
    std::shared_ptr<Clock> clock;

    common::CallbackList<Sender, SenderHistoryEntry> callbacks;

    std::mutex gate_mutex;
    std::shared_ptr<SendGate> send_gate;

    std::shared_ptr<SendGate> gate() {
        const std::lock_guard lock(gate_mutex);
        return send_gate;
    }

    std::mutex refresher_mutex;
    std::condition_variable refresher_wake;
    std::thread refresher;
    bool refresher_stop = false;

    std::string account_or_default(std::string_view account) const {
        return account.empty() ? options.default_account : std::string(account);
    }

    /// Applies `event` to `sender` at `now`; returns the history entry when
    /// the state changed.
    std::optional<SenderHistoryEntry> apply(Sender& sender, VerificationEvent event, TimePoint now,
                                            std::string reason) const {
        const auto next = next_state(sender.state, event);
        if (!next) return std::nullopt;
        SenderHistoryEntry entry{now, sender.state, *next, std::string(to_string(event)), std::move(reason)};
        if (event == VerificationEvent::verification_sent) {
            sender.requested_at = now;
            sender.expires_at = now + options.link_lifetime;
            sender.failed_at.reset();
            sender.failure_reason.clear();
        }
        if (*next == VerificationState::success) {
            sender.verified_at = now;
            sender.failed_at.reset();
            sender.failure_reason.clear();
        }
        if (*next == VerificationState::failed) {
            sender.failed_at = now;
            sender.failure_reason = entry.reason;
        }
        sender.state = *next;
        sender.history.push_back(entry);
        return entry;
    }

    void notify(const Sender& sender, const SenderHistoryEntry& change) { callbacks.notify(sender, change); }

    /// Saves `sender` after `mutate` changed it; on a concurrent change
    /// reloads and mutates again (a few times).
    template <class Mutate>
    Result<Sender, Error> save_with(Sender sender, Mutate&& mutate) {
        for (int attempt = 0; attempt < 5; ++attempt) {
            std::vector<SenderHistoryEntry> changes;
            mutate(sender, changes);
            auto saved = store->update(sender);
            if (saved) {
                for (const auto& c : changes) notify(*saved, c);
                return saved;
            }
            if (saved.error().code != errc::already_exists) return saved;
            auto fresh = store->find(sender.account, sender.address);
            if (!fresh) return unexpected(std::move(fresh).error());
            if (!*fresh) return unexpected(Error(errc::not_found, "sender " + sender.address + " was removed"));
            sender = std::move(**fresh);
        }
        return unexpected(Error(errc::io, "sender " + sender.address + " keeps changing concurrently"));
    }

    /// The clock's verdict: a pending sender past its expiry is Failed.
    Result<Sender, Error> apply_expiry(Sender sender) {
        if (sender.state != VerificationState::pending || clock->now() < sender.expires_at) return sender;
        return save_with(std::move(sender), [this](Sender& s, std::vector<SenderHistoryEntry>& changes) {
            if (s.state != VerificationState::pending) return;
            if (auto c = apply(s, VerificationEvent::link_expired, s.expires_at, std::string(expired_reason)))
                changes.push_back(*c);
        });
    }

    static Error exists_error(const Sender& sender) {
        return Error(errc::already_exists, "sender " + sender.address + " already exists in account " + sender.account);
    }

    /// The verification mail for a sender just stored as Pending. When the
    /// transport fails the sender becomes Failed with the reason (add again
    /// or resend retries) and the transport's error is returned.
    Result<Sender, Error> send_verification(Sender sender) {
        auto sent = transport->request_verification({sender.address, sender.alias, options.link_lifetime});
        if (sent) return sender;
        const Error error = std::move(sent).error();
        const TimePoint now = clock->now();
        const std::string reason = "the verification mail could not be sent: " + error.message;
        auto recorded = save_with(std::move(sender), [&](Sender& s, std::vector<SenderHistoryEntry>& changes) {
            if (s.state != VerificationState::pending) return;  // changed meanwhile: that stands
            if (auto c = apply(s, VerificationEvent::transport_failed, now, reason)) changes.push_back(*c);
        });
        if (!recorded) return unexpected(error);  // removed or unwritable meanwhile: the mail's failure still counts
        Error stored = error;  // keeps the transport's detail (service code, retryable ...)
        stored.message += " (the sender is stored as Failed; add it again or resend)";
        return unexpected(std::move(stored));
    }

    /// add() of a Failed sender: Pending again with a new window, then the
    /// mail. Saved against the version read, so of concurrent adds one takes
    /// it and sends; the others find it changed and are told it exists.
    Result<Sender, Error> add_again(Sender sender) {
        const TimePoint now = clock->now();
        sender.last_checked_at = now;
        const auto change = apply(sender, VerificationEvent::verification_sent, now, "sender added again");
        auto taken = store->update(sender);
        if (!taken) {
            if (taken.error().code == errc::already_exists) return unexpected(exists_error(sender));
            return taken;
        }
        if (change) notify(*taken, *change);
        return send_verification(std::move(*taken));
    }

    /// How a sender's address is stored (domain lower-cased, IDNA); the
    /// input as it is when it is no address at all (then nothing matches).
    static std::string stored_form(std::string_view address) {
        const auto check = check_address(address, AddressPolicy{.allow_special_use = true});
        return check.valid() ? std::string(check.normalized()) : std::string(address);
    }

    Result<Sender, Error> load(std::string_view address, std::string_view account) {
        const std::string acct = account_or_default(account);
        auto found = store->find(acct, stored_form(address));
        if (!found) return unexpected(std::move(found).error());
        if (!*found) return unexpected(Error(errc::not_found, "no sender " + std::string(address) + " in account " + acct));
        return std::move(**found);
    }

    /// Each sender against the transport on refresh_concurrency worker
    /// threads that take the next sender as soon as they are free (one slow
    /// check does not hold up the others); counts into `report`.
    void refresh_all(const std::vector<Sender>& senders, RefreshReport& report) {
        const std::size_t workers =
            std::min(senders.size(), static_cast<std::size_t>(std::max(1, options.refresh_concurrency)));
        std::atomic<std::size_t> next{0};
        std::mutex report_mutex;
        auto work = [&] {
            for (std::size_t i = next++; i < senders.size(); i = next++) {
                auto r = refresh_one(senders[i]);
                const std::lock_guard lock(report_mutex);
                ++report.checked;
                if (!r) {
                    ++report.errors;
                    if (report.first_error.empty()) report.first_error = r.error().message;
                } else if (*r) {
                    ++report.changed;
                }
            }
        };
        std::vector<std::future<void>> running;
        for (std::size_t k = 0; k < workers; ++k) running.push_back(std::async(std::launch::async, work));
        for (auto& f : running) f.wait();  // all done before any exception leaves
        for (auto& f : running) f.get();
    }

    /// One sender against the transport, then the clock.
    Result<bool, Error> refresh_one(Sender sender) {
        const TimePoint now = clock->now();
        auto status = transport->identity_status(sender.address);
        if (!status) return unexpected(std::move(status).error());
        bool changed = false;
        auto saved = save_with(std::move(sender), [&](Sender& s, std::vector<SenderHistoryEntry>& changes) {
            s.last_checked_at = now;
            const bool on_its_way = s.state == VerificationState::pending && *status == IdentityStatus::not_found &&
                                    now - s.requested_at < identity_on_its_way;
            if (const auto event = on_its_way ? std::nullopt : event_for(s.state, *status)) {
                std::string reason;
                if (*event == VerificationEvent::transport_failed) reason = "the transport reports verification failed";
                if (*event == VerificationEvent::identity_revoked)
                    reason = "the identity is no longer verified at the transport (" +
                             std::string(to_string(*status)) + ")";
                if (auto c = apply(s, *event, now, reason)) changes.push_back(*c);
            }
            if (s.state == VerificationState::pending && now >= s.expires_at) {
                if (auto c = apply(s, VerificationEvent::link_expired, s.expires_at, std::string(expired_reason)))
                    changes.push_back(*c);
            }
            changed = !changes.empty();
        });
        if (!saved) return unexpected(std::move(saved).error());
        return changed;
    }
};

SenderRegistry::SenderRegistry(std::shared_ptr<SenderStore> store, std::shared_ptr<Transport> transport,
                               RegistryOptions options, std::shared_ptr<Clock> clock)
    : impl_(std::make_unique<Impl>()) {
    impl_->store = std::move(store);
    impl_->transport = std::move(transport);
    impl_->options = std::move(options);
    impl_->clock = std::move(clock);
}

SenderRegistry::~SenderRegistry() { stop_background_refresh(); }

const RegistryOptions& SenderRegistry::options() const noexcept { return impl_->options; }

Result<Sender, Error> SenderRegistry::add(std::string_view address, std::string_view alias, std::string_view account) {
    const RegistryOptions& o = impl_->options;
    AddressPolicy policy;
    policy.allow_special_use = o.allow_special_use_domains;
    const AddressCheck check = check_address(address, policy);
    if (!check.valid())
        return unexpected(Error(errc::invalid_argument, "cannot add sender " + std::string(address) + ": " +
                                                            std::string(check.message())));
    if (has_line_break_or_control(alias))
        return unexpected(Error(errc::invalid_argument, "the alias contains a line break or control character"));

    Sender sender;
    sender.account = impl_->account_or_default(account);
    sender.address = std::string(check.normalized());
    sender.alias = std::string(alias);
    if (check.noreply()) {
        if (o.reject_noreply)
            return unexpected(Error(errc::policy, sender.address + " is a no-reply address: recipients cannot answer it"));
        sender.warnings.emplace_back(
            "no-reply address: recipients cannot answer it, and some providers rank such senders lower");
    }
    if (check.role()) {
        if (o.reject_role)
            return unexpected(Error(errc::policy, sender.address + " is a role account, not a person's address"));
        sender.warnings.emplace_back("role account: replies reach a shared mailbox, and some providers rank it lower");
    }

    auto existing = impl_->store->find(sender.account, sender.address);
    if (!existing) return unexpected(std::move(existing).error());
    if (*existing) {
        // As get() shows it: a link that expired makes it Failed.
        auto current = impl_->apply_expiry(std::move(**existing));
        if (!current) return unexpected(std::move(current).error());
        if (current->state == VerificationState::failed) return impl_->add_again(std::move(*current));
        return unexpected(Impl::exists_error(sender));
    }

    const TimePoint now = impl_->clock->now();
    sender.id = new_sender_id();
    sender.created_at = now;
    sender.requested_at = now;
    sender.expires_at = now + o.link_lifetime;
    sender.last_checked_at = now;
    sender.history.push_back({now, std::nullopt, VerificationState::pending,
                              std::string(to_string(VerificationEvent::verification_sent)), "sender added"});

    // Stored before the mail goes: of concurrent adds of this address (other
    // threads, other processes) the store's unique key lets one through, and
    // only that one sends.
    auto inserted = impl_->store->insert(sender);
    if (!inserted) return unexpected(std::move(inserted).error());
    impl_->notify(sender, sender.history.back());
    return impl_->send_verification(std::move(sender));
}

Result<std::vector<Sender>, Error> SenderRegistry::list(std::optional<VerificationState> state,
                                                        std::string_view account) {
    auto all = impl_->store->list(impl_->account_or_default(account), std::nullopt);
    if (!all) return all;
    std::vector<Sender> out;
    for (auto& s : *all) {
        auto current = impl_->apply_expiry(std::move(s));
        if (!current) return unexpected(std::move(current).error());
        if (!state || current->state == *state) out.push_back(std::move(*current));
    }
    return out;
}

Result<Sender, Error> SenderRegistry::get(std::string_view address, std::string_view account) {
    auto sender = impl_->load(address, account);
    if (!sender) return sender;
    return impl_->apply_expiry(std::move(*sender));
}

Result<Sender, Error> SenderRegistry::resend(std::string_view address, std::string_view account) {
    auto sender = get(address, account);
    if (!sender) return sender;
    if (sender->state == VerificationState::success)
        return unexpected(Error(errc::invalid_argument, "sender " + sender->address + " is already verified"));
    auto sent = impl_->transport->request_verification(
        {sender->address, sender->alias, impl_->options.link_lifetime});
    if (!sent) return unexpected(std::move(sent).error());
    const TimePoint now = impl_->clock->now();
    return impl_->save_with(std::move(*sender), [&](Sender& s, std::vector<SenderHistoryEntry>& changes) {
        s.last_checked_at = now;
        if (auto c = impl_->apply(s, VerificationEvent::verification_sent, now, "verification mail sent again"))
            changes.push_back(*c);
    });
}

Result<Done, Error> SenderRegistry::remove(std::string_view address, bool delete_identity, std::string_view account) {
    auto sender = impl_->load(address, account);
    if (!sender) return unexpected(std::move(sender).error());
    if (delete_identity) {
        auto deleted = impl_->transport->delete_identity(sender->address);
        if (!deleted && deleted.error().kind() != errc::not_found) return deleted;
    }
    return impl_->store->remove(sender->id);
}

Result<RefreshReport, Error> SenderRegistry::refresh() {
    RefreshReport report;
    const RegistryOptions& o = impl_->options;
    const TimePoint recheck_before = impl_->clock->now() - o.recheck_verified_after;
    std::string after;
    const std::size_t batch = static_cast<std::size_t>(std::max(1, o.refresh_batch));
    for (;;) {
        auto due = impl_->store->due_for_refresh(recheck_before, batch, after);
        if (!due) return unexpected(std::move(due).error());
        if (due->empty()) break;
        after = due->back().id;
        impl_->refresh_all(*due, report);
        if (due->size() < batch) break;
    }
    return report;
}

Result<RefreshReport, Error> SenderRegistry::refresh_address(std::string_view address) {
    auto senders = impl_->store->find_in_all_accounts(Impl::stored_form(address));
    if (!senders) return unexpected(std::move(senders).error());
    RefreshReport report;
    impl_->refresh_all(*senders, report);
    return report;
}

Result<SendReceipt, Error> SenderRegistry::send(const OutgoingMessage& message) {
    auto sender = get(message.from, message.account);
    if (!sender) return unexpected(std::move(sender).error());
    if (sender->state != VerificationState::success)
        return unexpected(Error(errc::not_verified, "sender " + sender->address + " is " +
                                                        std::string(to_string(sender->state)) +
                                                        ": only a verified (Success) sender may send"));
    OutgoingMessage out = message;
    out.from = sender->address;
    out.account = impl_->account_or_default(message.account);  // the transport's content policy is per account
    const std::string account = out.account;
    return sender_detail::send_through_gate(impl_->gate(), *impl_->transport, std::move(out), sender->alias, account);
}

void SenderRegistry::set_send_gate(std::shared_ptr<SendGate> gate) {
    const std::lock_guard lock(impl_->gate_mutex);
    impl_->send_gate = std::move(gate);
}

int SenderRegistry::subscribe(StateChangeCallback callback) { return impl_->callbacks.add(std::move(callback)); }

bool SenderRegistry::unsubscribe(int id) { return impl_->callbacks.remove(id); }

bool SenderRegistry::in_callback() { return decltype(Impl::callbacks)::delivering_on_this_thread(); }

void SenderRegistry::start_background_refresh(std::chrono::milliseconds interval) {
    stop_background_refresh();
    std::lock_guard lock(impl_->refresher_mutex);
    impl_->refresher_stop = false;
    impl_->refresher = std::thread([this, interval] {
        // A round with transport errors doubles the wait (up to 16 intervals),
        // so an unreachable transport is not hammered; a clean round resets it.
        constexpr int max_backoff = 16;
        int factor = 1;
        std::unique_lock guard(impl_->refresher_mutex);
        while (!impl_->refresher_stop) {
            guard.unlock();
            const auto report = refresh();
            const bool failed = !report || report->errors > 0;
            factor = failed ? std::min(factor * 2, max_backoff) : 1;
            guard.lock();
            impl_->refresher_wake.wait_for(guard, interval * factor, [this] { return impl_->refresher_stop; });
        }
    });
}

void SenderRegistry::stop_background_refresh() {
    std::thread t;
    {
        std::lock_guard lock(impl_->refresher_mutex);
        impl_->refresher_stop = true;
        // From inside a callback (which may run on the refresher's thread or
        // on a worker its round waits for), joining would wait for ourselves:
        // the refresher ends after this round, and whoever stops or destroys
        // the registry next joins it.
        if (impl_->refresher.get_id() == std::this_thread::get_id() ||
            decltype(impl_->callbacks)::delivering_on_this_thread())
            return;
        t = std::move(impl_->refresher);
    }
    impl_->refresher_wake.notify_all();
    if (t.joinable()) t.join();
}

}  // namespace mailwarden
