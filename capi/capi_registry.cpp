// The sender registry through the C ABI: options, then one registry built by
// open_channel() over the local transport or Amazon SES.
#include "capi_bounce.hpp"
#include "capi_handle.hpp"
#include "capi_registry.hpp"
#include "capi_sender.hpp"
#include "capi_ses.hpp"

#include <mailwarden/channel.hpp>
#include <mailwarden/ses/transport.hpp>

#include <memory>
#include <optional>
#include <string>

struct mw_send_receipt {
    mailwarden::SendReceipt value;
};


namespace {

using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::guarded;
using mailwarden::capi::set_option;
using mailwarden::capi::with_handle;

constexpr std::string_view local_only = "the registry uses SES: verification links are sent and checked by SES";

std::string_view account_or_default(const char* account) { return account != nullptr ? account : ""; }

int return_sender(mw_sender** out, mailwarden::Result<mailwarden::Sender, mailwarden::Error> r, mw_error** err) {
    if (!r) return fail(err, r.error());
    *out = new mw_sender{std::move(*r)};
    return MW_OK;
}

int return_string(char** out, const mailwarden::Result<std::string, mailwarden::Error>& r, mw_error** err) {
    if (!r) return fail(err, r.error());
    return mailwarden::capi::return_string(out, *r, err);
}

// A registry call with the common checks: a live registry and the named
// non-NULL arguments.
template <class Body>
int registry_call(mw_registry* r, mw_error** err, Body&& body) noexcept {
    return with_handle(r, "registry", err, std::forward<Body>(body));
}

// A send with the common checks; on success, done(receipt) gives the result.
template <class Done>
int send_message(mw_registry* r, const char* from, const char* const* to, size_t to_count, const char* subject,
                 const char* text, const char* html, const char* account, mw_error** err, Done&& done) noexcept {
    if (from == nullptr) return fail_null(err, "from");
    if (to == nullptr || to_count == 0) return fail(err, MW_EINVAL, "at least one recipient is required");
    if (text == nullptr && html == nullptr) return fail(err, MW_EINVAL, "text or html is required");
    return registry_call(r, err, [&](mw_registry& reg) -> int {
        mailwarden::OutgoingMessage m;
        m.from = from;
        for (size_t i = 0; i < to_count; ++i) {
            if (to[i] == nullptr) return fail(err, MW_EINVAL, "to[" + std::to_string(i) + "] must not be NULL");
            m.to.emplace_back(to[i]);
        }
        m.subject = subject != nullptr ? subject : "";
        m.text = text != nullptr ? text : "";
        m.html = html != nullptr ? html : "";
        m.account = account_or_default(account);
        auto receipt = reg.registry().send(m);
        if (!receipt) return fail(err, receipt.error());
        return done(*receipt);
    });
}

}  // namespace

extern "C" {

int mw_registry_options_new(mw_registry_options** out, mw_error** err) { return mailwarden::capi::new_options(out, err); }

void mw_registry_options_free(mw_registry_options* o) { delete o; }

int mw_registry_options_set_store_path(mw_registry_options* o, const char* path, mw_error** err) {
    if (path == nullptr) return fail_null(err, "path");
    return set_option(o, err, [&](mw_registry_options& opt) { opt.channel.store_path = path; });
}

int mw_registry_options_set_outbox(mw_registry_options* o, const char* dir, mw_error** err) {
    if (dir == nullptr) return fail_null(err, "dir");
    return set_option(o, err, [&](mw_registry_options& opt) { opt.channel.outbox = dir; });
}

int mw_registry_options_set_dkim_keys(mw_registry_options* o, const char* folder, mw_error** err) {
    return set_option(o, err, [&](mw_registry_options& opt) { opt.dkim_keys = folder != nullptr ? folder : ""; });
}

int mw_registry_options_set_link_lifetime(mw_registry_options* o, int64_t seconds, mw_error** err) {
    if (seconds <= 0) return fail(err, MW_EINVAL, "the link lifetime must be positive");
    return set_option(o, err,
                      [&](mw_registry_options& opt) { opt.channel.options.link_lifetime = std::chrono::seconds(seconds); });
}

int mw_registry_options_set_default_account(mw_registry_options* o, const char* account, mw_error** err) {
    if (account == nullptr || *account == '\0') return fail(err, MW_EINVAL, "the account must not be empty");
    return set_option(o, err, [&](mw_registry_options& opt) { opt.channel.options.default_account = account; });
}

int mw_registry_options_set_reject_noreply(mw_registry_options* o, int reject, mw_error** err) {
    return set_option(o, err, [&](mw_registry_options& opt) { opt.channel.options.reject_noreply = reject != 0; });
}

int mw_registry_options_set_reject_role(mw_registry_options* o, int reject, mw_error** err) {
    return set_option(o, err, [&](mw_registry_options& opt) { opt.channel.options.reject_role = reject != 0; });
}

int mw_registry_options_set_allow_special_use(mw_registry_options* o, int allow, mw_error** err) {
    return set_option(o, err,
                      [&](mw_registry_options& opt) { opt.channel.options.allow_special_use_domains = allow != 0; });
}

int mw_registry_options_set_manual_clock(mw_registry_options* o, int64_t unix_seconds, mw_error** err) {
    return set_option(o, err, [&](mw_registry_options& opt) { opt.manual_clock_start = unix_seconds; });
}

int mw_registry_options_set_ses_client(mw_registry_options* o, const mw_ses_client* client,
                                       const char* verification_template, const char* configuration_set,
                                       mw_error** err) {
    if (client == nullptr) return fail_null(err, "client");
    if (verification_template != nullptr && *verification_template == '\0')
        return fail(err, MW_EINVAL, "the verification template name must not be empty (NULL for none)");
    if (configuration_set != nullptr && *configuration_set == '\0')
        return fail(err, MW_EINVAL, "the configuration set name must not be empty (NULL for none)");
    auto shared = mailwarden::capi::shared_client(client);
    if (!shared) return fail(err, MW_EINVAL, "client is closed (already freed)");
    return set_option(o, err, [&](mw_registry_options& opt) {
        opt.ses = std::move(shared);
        opt.ses_transport.verification_template = verification_template != nullptr ? verification_template : "";
        opt.ses_transport.configuration_set = configuration_set != nullptr ? configuration_set : "";
    });
}

int mw_registry_options_set_tracker_options(mw_registry_options* o, const mw_tracker_options* tracker_options,
                                            mw_error** err) {
    if (tracker_options == nullptr) return fail_null(err, "tracker_options");
    return set_option(o, err, [&](mw_registry_options& opt) { opt.channel.tracker = tracker_options->policy; });
}

int mw_registry_open(mw_registry** out, const mw_registry_options* o, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (o == nullptr) return fail_null(err, "options");
    return guarded(err, [&]() -> int {
        auto r = std::make_unique<mw_registry>();
        mailwarden::ChannelConfig config = o->channel;
        if (o->manual_clock_start) {
            r->manual_clock =
                std::make_shared<mailwarden::ManualClock>(mailwarden::from_unix_seconds(*o->manual_clock_start));
            config.clock = r->manual_clock;
        }
        if (o->ses) config.transport = mailwarden::make_ses_transport(o->ses, o->ses_transport);
        if (!o->dkim_keys.empty()) {
            mailwarden::DkimSignOptions signing;
            signing.clock = config.clock;  // t= from the registry's clock, manual or not
            auto signers = mailwarden::load_dkim_keys(o->dkim_keys, signing);
            if (!signers) return fail(err, signers.error());
            config.dkim_signers = std::move(*signers);
        }
        auto channel = mailwarden::open_channel(std::move(config));
        if (!channel) return fail(err, channel.error());
        r->channel = std::move(*channel);
        r->default_account = o->channel.options.default_account;
        *out = mw_registry::publish(r.release());
        return MW_OK;
    });
}

void mw_registry_free(mw_registry* r) { mw_registry::close(r); }

int mw_registry_add(mw_sender** out, mw_registry* r, const char* address, const char* alias, const char* account,
                    mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (address == nullptr) return fail_null(err, "address");
    return registry_call(r, err, [&](mw_registry& reg) -> int {
        return return_sender(out, reg.registry().add(address, alias != nullptr ? alias : "", account_or_default(account)),
                             err);
    });
}

int mw_registry_get(mw_sender** out, mw_registry* r, const char* address, const char* account, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (address == nullptr) return fail_null(err, "address");
    return registry_call(r, err, [&](mw_registry& reg) -> int {
        return return_sender(out, reg.registry().get(address, account_or_default(account)), err);
    });
}

int mw_registry_list(mw_sender_list** out, mw_registry* r, int state, const char* account, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (state < -1 || state > MW_SENDER_FAILED) return fail(err, MW_EINVAL, "state must be -1 or a MW_SENDER_* value");
    return registry_call(r, err, [&](mw_registry& reg) -> int {
        std::optional<mailwarden::VerificationState> filter;
        if (state >= 0) filter = static_cast<mailwarden::VerificationState>(state);
        auto senders = reg.registry().list(filter, account_or_default(account));
        if (!senders) return fail(err, senders.error());
        auto list = std::make_unique<mw_sender_list>();
        for (auto& s : *senders) list->items.push_back(mw_sender{std::move(s)});
        *out = list.release();
        return MW_OK;
    });
}

int mw_registry_resend(mw_sender** out, mw_registry* r, const char* address, const char* account, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (address == nullptr) return fail_null(err, "address");
    return registry_call(r, err, [&](mw_registry& reg) -> int {
        return return_sender(out, reg.registry().resend(address, account_or_default(account)), err);
    });
}

int mw_registry_remove(mw_registry* r, const char* address, int delete_identity, const char* account, mw_error** err) {
    if (address == nullptr) return fail_null(err, "address");
    return registry_call(r, err, [&](mw_registry& reg) -> int {
        auto removed = reg.registry().remove(address, delete_identity != 0, account_or_default(account));
        return removed ? MW_OK : fail(err, removed.error());
    });
}

int mw_registry_refresh(int* checked, int* changed, mw_registry* r, mw_error** err) {
    return registry_call(r, err, [&](mw_registry& reg) -> int {
        auto report = reg.registry().refresh();
        if (!report) return fail(err, report.error());
        if (checked != nullptr) *checked = report->checked;
        if (changed != nullptr) *changed = report->changed;
        return MW_OK;
    });
}

int mw_registry_confirm(char** message, mw_registry* r, const char* link, mw_error** err) {
    if (message == nullptr) return fail_null(err, "message");
    if (link == nullptr) return fail_null(err, "link");
    return registry_call(r, err, [&](mw_registry& reg) -> int {
        if (!reg.channel.local) return fail(err, MW_EINVAL, local_only);
        auto confirmed = reg.channel.local->confirm(link);
        if (!confirmed) return fail(err, confirmed.error());
        // The new state shows at once: the senders of that address are checked now.
        (void)reg.registry().refresh_address(confirmed->address);
        return mailwarden::capi::return_string(message, confirmed->message, err);
    });
}

int mw_registry_last_link(char** link, mw_registry* r, const char* address, mw_error** err) {
    if (link == nullptr) return fail_null(err, "link");
    if (address == nullptr) return fail_null(err, "address");
    return registry_call(r, err, [&](mw_registry& reg) -> int {
        if (!reg.channel.local) return fail(err, MW_EINVAL, local_only);
        return return_string(link, reg.channel.local->last_link(address), err);
    });
}

int mw_registry_send(char** message_id, mw_registry* r, const char* from, const char* const* to, size_t to_count,
                     const char* subject, const char* text, const char* html, const char* account, mw_error** err) {
    if (message_id == nullptr) return fail_null(err, "message_id");
    return send_message(r, from, to, to_count, subject, text, html, account, err,
                        [&](mailwarden::SendReceipt& receipt) {
                            return mailwarden::capi::return_string(message_id, receipt.message_id, err);
                        });
}

int mw_registry_send_receipt(mw_send_receipt** out, mw_registry* r, const char* from, const char* const* to,
                             size_t to_count, const char* subject, const char* text, const char* html,
                             const char* account, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    return send_message(r, from, to, to_count, subject, text, html, account, err,
                        [&](mailwarden::SendReceipt& receipt) {
                            *out = new mw_send_receipt{std::move(receipt)};
                            return MW_OK;
                        });
}

const char* mw_send_receipt_message_id(const mw_send_receipt* s) {
    return s != nullptr ? s->value.message_id.c_str() : "";
}
size_t mw_send_receipt_suppressed_count(const mw_send_receipt* s) {
    return s != nullptr ? s->value.suppressed.size() : 0;
}
const char* mw_send_receipt_suppressed_get(const mw_send_receipt* s, size_t index) {
    return mailwarden::capi::c_str_or_empty(mailwarden::capi::element_at(s != nullptr ? &s->value.suppressed : nullptr, index));
}
const char* mw_send_receipt_record_error(const mw_send_receipt* s) {
    return s != nullptr ? s->value.record_error.c_str() : "";
}
void mw_send_receipt_free(mw_send_receipt* s) { delete s; }

int mw_registry_tracker(mw_tracker** out, mw_registry* r, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    return registry_call(r, err, [&](mw_registry& reg) -> int {
        return mailwarden::capi::publish_tracker(out, reg.channel.tracker, err);
    });
}

int mw_registry_advance_clock(mw_registry* r, int64_t seconds, mw_error** err) {
    if (seconds < 0) return fail(err, MW_EINVAL, "the clock only moves forward");
    return registry_call(r, err, [&](mw_registry& reg) -> int {
        if (!reg.manual_clock) return fail(err, MW_EINVAL, "this registry uses the system clock");
        reg.manual_clock->advance(std::chrono::seconds(seconds));
        return MW_OK;
    });
}

int mw_registry_subscribe(int* id, mw_registry* r, mw_state_change_fn fn, void* user_data, mw_error** err) {
    if (id == nullptr) return fail_null(err, "id");
    if (fn == nullptr) return fail_null(err, "fn");
    return registry_call(r, err, [&](mw_registry& reg) -> int {
        *id = reg.registry().subscribe(
            [fn, user_data](const mailwarden::Sender& s, const mailwarden::SenderHistoryEntry& c) {
                const mw_sender borrowed{s};
                const mailwarden::capi::InCallback marker;
                fn(&borrowed, c.from ? static_cast<int>(*c.from) : -1, static_cast<int>(c.to), user_data);
            });
        return MW_OK;
    });
}

int mw_registry_unsubscribe(mw_registry* r, int id, mw_error** err) {
    return registry_call(r, err, [&](mw_registry& reg) -> int {
        if (!reg.registry().unsubscribe(id)) return fail(err, MW_ENOTFOUND, "no subscription " + std::to_string(id));
        return MW_OK;
    });
}

int mw_registry_start_refresher(mw_registry* r, int64_t interval_ms, mw_error** err) {
    if (interval_ms <= 0) return fail(err, MW_EINVAL, "the interval must be positive");
    return registry_call(r, err, [&](mw_registry& reg) -> int {
        if (mailwarden::SenderRegistry::in_callback())
            return fail(err, MW_EINVAL, "the refresher cannot be started from inside a callback");
        reg.registry().start_background_refresh(std::chrono::milliseconds(interval_ms));
        return MW_OK;
    });
}

void mw_registry_stop_refresher(mw_registry* r) {
    (void)registry_call(r, nullptr, [](mw_registry& reg) -> int {
        reg.registry().stop_background_refresh();
        return MW_OK;
    });
}

}  // extern "C"
