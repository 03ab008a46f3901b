// The sender registry through the C ABI (SQLite store; the local transport
// or Amazon SES).
#include "capi_sender.hpp"
#include "capi_ses.hpp"

#include <mailwarden/store.hpp>
#include <mailwarden/transport.hpp>

#include <memory>
#include <string>

struct mw_registry_options {
    std::string store_path;
    std::string outbox;
    mailwarden::RegistryOptions registry;
    std::optional<std::int64_t> manual_clock_start;
    std::shared_ptr<mailwarden::ses::Client> ses;  // null: the local transport
    mailwarden::SesTransportOptions ses_transport;
};

struct mw_registry {
    std::shared_ptr<mailwarden::ManualClock> manual_clock;  // null with the system clock
    std::shared_ptr<mailwarden::LocalTransport> local;      // null over SES
    std::unique_ptr<mailwarden::SenderRegistry> registry;
};

namespace {

using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::guarded;

// A library error as a C status: mailwarden codes are the C numbers; any
// other category (e.g. the SES client's) is a transport failure.
int fail_with(mw_error** err, const mailwarden::Error& e) {
    const int code = e.code.category() == mailwarden::error_category() ? e.code.value() : MW_ETRANSPORT;
    return fail(err, code, e.message);
}

constexpr std::string_view local_only = "the registry uses SES: verification links are sent and checked by SES";

std::string_view account_or_default(const char* account) { return account != nullptr ? account : ""; }

int return_sender(mw_sender** out, mailwarden::Result<mailwarden::Sender, mailwarden::Error> r, mw_error** err) {
    if (!r) return fail_with(err, r.error());
    *out = new mw_sender{std::move(*r)};
    return MW_OK;
}

int return_string(char** out, const mailwarden::Result<std::string, mailwarden::Error>& r, mw_error** err) {
    if (!r) return fail_with(err, r.error());
    char* copy = mailwarden::capi::copy_string(*r);
    if (copy == nullptr) return fail(err, MW_ENOMEM, "out of memory");
    *out = copy;
    return MW_OK;
}

template <class Apply>
int set_option(mw_registry_options* o, mw_error** err, Apply&& apply) {
    if (o == nullptr) return fail_null(err, "options");
    return guarded(err, [&] { return apply(*o); });
}

}  // namespace

extern "C" {

int mw_registry_options_new(mw_registry_options** out, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    return guarded(err, [&] {
        *out = new mw_registry_options{};
        return MW_OK;
    });
}

void mw_registry_options_free(mw_registry_options* o) { delete o; }

int mw_registry_options_set_store_path(mw_registry_options* o, const char* path, mw_error** err) {
    if (path == nullptr) return fail_null(err, "path");
    return set_option(o, err, [&](mw_registry_options& opt) {
        opt.store_path = path;
        return MW_OK;
    });
}

int mw_registry_options_set_outbox(mw_registry_options* o, const char* dir, mw_error** err) {
    if (dir == nullptr) return fail_null(err, "dir");
    return set_option(o, err, [&](mw_registry_options& opt) {
        opt.outbox = dir;
        return MW_OK;
    });
}

int mw_registry_options_set_link_lifetime(mw_registry_options* o, int64_t seconds, mw_error** err) {
    if (seconds <= 0) return fail(err, MW_EINVAL, "the link lifetime must be positive");
    return set_option(o, err, [&](mw_registry_options& opt) {
        opt.registry.link_lifetime = std::chrono::seconds(seconds);
        return MW_OK;
    });
}

int mw_registry_options_set_default_account(mw_registry_options* o, const char* account, mw_error** err) {
    if (account == nullptr || *account == '\0') return fail(err, MW_EINVAL, "the account must not be empty");
    return set_option(o, err, [&](mw_registry_options& opt) {
        opt.registry.default_account = account;
        return MW_OK;
    });
}

int mw_registry_options_set_reject_noreply(mw_registry_options* o, int reject, mw_error** err) {
    return set_option(o, err, [&](mw_registry_options& opt) {
        opt.registry.reject_noreply = reject != 0;
        return MW_OK;
    });
}

int mw_registry_options_set_reject_role(mw_registry_options* o, int reject, mw_error** err) {
    return set_option(o, err, [&](mw_registry_options& opt) {
        opt.registry.reject_role = reject != 0;
        return MW_OK;
    });
}

int mw_registry_options_set_allow_special_use(mw_registry_options* o, int allow, mw_error** err) {
    return set_option(o, err, [&](mw_registry_options& opt) {
        opt.registry.allow_special_use_domains = allow != 0;
        return MW_OK;
    });
}

int mw_registry_options_set_manual_clock(mw_registry_options* o, int64_t unix_seconds, mw_error** err) {
    return set_option(o, err, [&](mw_registry_options& opt) {
        opt.manual_clock_start = unix_seconds;
        return MW_OK;
    });
}

int mw_registry_options_set_ses_client(mw_registry_options* o, const mw_ses_client* client,
                                       const char* verification_template, const char* configuration_set,
                                       mw_error** err) {
    if (client == nullptr) return fail_null(err, "client");
    if (verification_template != nullptr && *verification_template == '\0')
        return fail(err, MW_EINVAL, "the verification template name must not be empty (NULL for none)");
    if (configuration_set != nullptr && *configuration_set == '\0')
        return fail(err, MW_EINVAL, "the configuration set name must not be empty (NULL for none)");
    return set_option(o, err, [&](mw_registry_options& opt) {
        opt.ses = client->client;
        opt.ses_transport.verification_template = verification_template != nullptr ? verification_template : "";
        opt.ses_transport.configuration_set = configuration_set != nullptr ? configuration_set : "";
        return MW_OK;
    });
}

int mw_registry_open(mw_registry** out, const mw_registry_options* o, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (o == nullptr) return fail_null(err, "options");
    if (o->store_path.empty()) return fail(err, MW_EINVAL, "the store path is not set");
    if (!o->ses && o->outbox.empty()) return fail(err, MW_EINVAL, "the outbox folder is not set");
    return guarded(err, [&] {
        auto r = std::make_unique<mw_registry>();
        std::shared_ptr<mailwarden::Clock> clock = mailwarden::system_clock();
        if (o->manual_clock_start) {
            r->manual_clock = std::make_shared<mailwarden::ManualClock>(mailwarden::from_unix_seconds(*o->manual_clock_start));
            clock = r->manual_clock;
        }
        auto store = mailwarden::open_sqlite_store(o->store_path);
        if (!store) return fail_with(err, store.error());
        std::shared_ptr<mailwarden::Transport> transport;
        if (o->ses) {
            transport = mailwarden::make_ses_transport(o->ses, o->ses_transport);
        } else {
            auto local = mailwarden::LocalTransport::open({o->outbox}, clock);
            if (!local) return fail_with(err, local.error());
            r->local = *local;
            transport = r->local;
        }
        r->registry = std::make_unique<mailwarden::SenderRegistry>(*store, transport, o->registry, clock);
        *out = r.release();
        return MW_OK;
    });
}

void mw_registry_free(mw_registry* r) { delete r; }

int mw_registry_add(mw_sender** out, mw_registry* r, const char* address, const char* alias, const char* account,
                    mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (r == nullptr) return fail_null(err, "registry");
    if (address == nullptr) return fail_null(err, "address");
    return guarded(err, [&] {
        return return_sender(out, r->registry->add(address, alias != nullptr ? alias : "", account_or_default(account)),
                                   err);
    });
}

int mw_registry_get(mw_sender** out, mw_registry* r, const char* address, const char* account, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (r == nullptr) return fail_null(err, "registry");
    if (address == nullptr) return fail_null(err, "address");
    return guarded(err, [&] { return return_sender(out, r->registry->get(address, account_or_default(account)), err); });
}

int mw_registry_list(mw_sender_list** out, mw_registry* r, int state, const char* account, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (r == nullptr) return fail_null(err, "registry");
    if (state < -1 || state > MW_SENDER_FAILED) return fail(err, MW_EINVAL, "state must be -1 or a MW_SENDER_* value");
    return guarded(err, [&] {
        std::optional<mailwarden::VerificationState> filter;
        if (state >= 0) filter = static_cast<mailwarden::VerificationState>(state);
        auto senders = r->registry->list(filter, account_or_default(account));
        if (!senders) return fail_with(err, senders.error());
        auto list = std::make_unique<mw_sender_list>();
        for (auto& s : *senders) list->items.push_back(mw_sender{std::move(s)});
        *out = list.release();
        return MW_OK;
    });
}

int mw_registry_resend(mw_sender** out, mw_registry* r, const char* address, const char* account, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (r == nullptr) return fail_null(err, "registry");
    if (address == nullptr) return fail_null(err, "address");
    return guarded(err,
                   [&] { return return_sender(out, r->registry->resend(address, account_or_default(account)), err); });
}

int mw_registry_remove(mw_registry* r, const char* address, int delete_identity, const char* account, mw_error** err) {
    if (r == nullptr) return fail_null(err, "registry");
    if (address == nullptr) return fail_null(err, "address");
    return guarded(err, [&] {
        auto removed = r->registry->remove(address, delete_identity != 0, account_or_default(account));
        return removed ? MW_OK : fail_with(err, removed.error());
    });
}

int mw_registry_refresh(mw_registry* r, int* checked, int* changed, mw_error** err) {
    if (r == nullptr) return fail_null(err, "registry");
    return guarded(err, [&] {
        auto report = r->registry->refresh();
        if (!report) return fail_with(err, report.error());
        if (checked != nullptr) *checked = report->checked;
        if (changed != nullptr) *changed = report->changed;
        return MW_OK;
    });
}

int mw_registry_confirm(char** message, mw_registry* r, const char* link, mw_error** err) {
    if (message == nullptr) return fail_null(err, "message");
    if (r == nullptr) return fail_null(err, "registry");
    if (link == nullptr) return fail_null(err, "link");
    if (!r->local) return fail(err, MW_EINVAL, local_only);
    return guarded(err, [&] {
        auto confirmed = r->local->confirm(link);
        if (!confirmed) return fail_with(err, confirmed.error());
        // The new state shows at once: the senders of that address are checked now.
        (void)r->registry->refresh_address(confirmed->address);
        return return_string(message, std::move(confirmed->message), err);
    });
}

int mw_registry_last_link(char** link, mw_registry* r, const char* address, mw_error** err) {
    if (link == nullptr) return fail_null(err, "link");
    if (r == nullptr) return fail_null(err, "registry");
    if (address == nullptr) return fail_null(err, "address");
    if (!r->local) return fail(err, MW_EINVAL, local_only);
    return guarded(err, [&] { return return_string(link, r->local->last_link(address), err); });
}

int mw_registry_send(char** message_id, mw_registry* r, const char* from, const char* const* to, size_t to_count,
                     const char* subject, const char* text, const char* html, const char* account, mw_error** err) {
    if (message_id == nullptr) return fail_null(err, "message_id");
    if (r == nullptr) return fail_null(err, "registry");
    if (from == nullptr) return fail_null(err, "from");
    if (to == nullptr || to_count == 0) return fail(err, MW_EINVAL, "at least one recipient is required");
    if (text == nullptr && html == nullptr) return fail(err, MW_EINVAL, "text or html is required");
    return guarded(err, [&] {
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
        return return_string(message_id, r->registry->send(m), err);
    });
}

int mw_registry_advance_clock(mw_registry* r, int64_t seconds, mw_error** err) {
    if (r == nullptr) return fail_null(err, "registry");
    if (!r->manual_clock) return fail(err, MW_EINVAL, "this registry uses the system clock");
    r->manual_clock->advance(std::chrono::seconds(seconds));
    return MW_OK;
}

int mw_registry_subscribe(int* id, mw_registry* r, mw_state_change_fn fn, void* user_data, mw_error** err) {
    if (id == nullptr) return fail_null(err, "id");
    if (r == nullptr) return fail_null(err, "registry");
    if (fn == nullptr) return fail_null(err, "fn");
    return guarded(err, [&] {
        *id = r->registry->subscribe([fn, user_data](const mailwarden::Sender& s, const mailwarden::SenderHistoryEntry& c) {
            const mw_sender borrowed{s};
            fn(&borrowed, c.from ? static_cast<int>(*c.from) : -1, static_cast<int>(c.to), user_data);
        });
        return MW_OK;
    });
}

int mw_registry_unsubscribe(mw_registry* r, int id, mw_error** err) {
    if (r == nullptr) return fail_null(err, "registry");
    return guarded(err, [&] {
        r->registry->unsubscribe(id);
        return MW_OK;
    });
}

int mw_registry_start_refresher(mw_registry* r, int64_t interval_ms, mw_error** err) {
    if (r == nullptr) return fail_null(err, "registry");
    if (interval_ms <= 0) return fail(err, MW_EINVAL, "the interval must be positive");
    return guarded(err, [&] {
        r->registry->start_background_refresh(std::chrono::milliseconds(interval_ms));
        return MW_OK;
    });
}

void mw_registry_stop_refresher(mw_registry* r) {
    if (r != nullptr) r->registry->stop_background_refresh();
}

}  // extern "C"
