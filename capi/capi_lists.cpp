// The mailing lists through the C ABI: options, the handle made from a
// registry, and its calls (intake, double opt-in, unsubscribes, sends,
// engagement, imports and purges).
#include "capi_address.hpp"
#include "capi_dns.hpp"
#include "capi_lists.hpp"
#include "capi_registry.hpp"

#include <string>
#include <string_view>

namespace {

using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::set_option;
using mailwarden::capi::guarded;

int set_text(mw_lists_options* o, std::optional<std::string> mw_lists_options::*field, const char* value,
             mw_error** err) {
    if (value == nullptr) return fail_null(err, "value");
    return set_option(o, err, [&](mw_lists_options& options) { options.*field = value; });
}

// The handle whose import is delivering rows on this thread: a call back
// into it would wait on the import's own transaction.
thread_local const mw_lists* importing = nullptr;

template <class Body>
int lists_call(mw_lists* l, mw_error** err, Body&& body) noexcept {
    return mailwarden::capi::with_handle(l, "lists", err, [&](mw_lists& h) -> int {
        if (importing == &h) return fail(err, MW_EINVAL, "an import's row callback must not call its own lists");
        return body(h, *h.lists);
    });
}

/// Wraps a library result in a new C value: *out = new Handle{make(value)}.
template <class Handle, class T, class Make>
int return_new(Handle** out, mailwarden::Result<T, mailwarden::Error> r, mw_error** err, Make&& make) {
    if (!r) return fail(err, r.error());
    *out = new Handle(make(std::move(*r)));
    return MW_OK;
}

int return_subscriber(mw_subscriber** out, mailwarden::Result<mailwarden::Subscriber, mailwarden::Error> r,
                      mw_error** err) {
    return return_new(out, std::move(r), err, [](mailwarden::Subscriber s) { return mw_subscriber{std::move(s)}; });
}

std::string text_or_empty(const char* s) { return s != nullptr ? s : ""; }

const mw_consent_facts& facts_or_none(const mw_consent_facts* facts) {
    static const mw_consent_facts none;
    return facts != nullptr ? *facts : none;
}

}  // namespace

extern "C" {

/* ---- options ---- */

int mw_lists_options_new(mw_lists_options** out, mw_error** err) { return mailwarden::capi::new_options(out, err); }
void mw_lists_options_free(mw_lists_options* o) { delete o; }

int mw_lists_options_set_address_options(mw_lists_options* o, const mw_address_options* address, mw_error** err) {
    if (address == nullptr) return fail_null(err, "address options");
    return set_option(o, err, [&](mw_lists_options& options) { options.intake.address = address->policy; });
}
int mw_lists_options_set_refuse_disposable(mw_lists_options* o, int refuse, mw_error** err) {
    return set_option(o, err, [&](mw_lists_options& options) { options.intake.refuse_disposable = refuse != 0; });
}
int mw_lists_options_add_disposable_allow(mw_lists_options* o, const char* domain, mw_error** err) {
    if (domain == nullptr || *domain == '\0') return fail(err, MW_EINVAL, "the domain must not be NULL or empty");
    return set_option(o, err, [&](mw_lists_options& options) { options.intake.disposable_allow.emplace_back(domain); });
}
int mw_lists_options_set_fold_provider_aliases(mw_lists_options* o, int fold, mw_error** err) {
    return set_option(o, err, [&](mw_lists_options& options) { options.intake.fold_provider_aliases = fold != 0; });
}
int mw_lists_options_set_resolver(mw_lists_options* o, mw_resolver* resolver, mw_error** err) {
    return mailwarden::capi::set_resolver(o != nullptr ? &o->resolver : nullptr, resolver, err);
}
int mw_lists_options_set_confirm_lifetime(mw_lists_options* o, int64_t seconds, mw_error** err) {
    if (seconds < 1) return fail(err, MW_EINVAL, "the confirmation lifetime must be at least 1 second");
    return set_option(o, err, [&](mw_lists_options& options) { options.confirm_lifetime = std::chrono::seconds(seconds); });
}
int mw_lists_options_set_confirm_link_base(mw_lists_options* o, const char* url, mw_error** err) {
    return set_text(o, &mw_lists_options::confirm_link_base, url, err);
}
int mw_lists_options_set_unsubscribe_link_base(mw_lists_options* o, const char* url, mw_error** err) {
    return set_text(o, &mw_lists_options::unsubscribe_link_base, url, err);
}
int mw_lists_options_set_list_id_domain(mw_lists_options* o, const char* domain, mw_error** err) {
    return set_text(o, &mw_lists_options::list_id_domain, domain, err);
}

/* ---- the handle ---- */

int mw_registry_lists(mw_lists** out, mw_registry* registry, const mw_lists_options* o, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    return mailwarden::capi::with_handle(registry, "registry", err, [&](mw_registry& r) -> int {
        static const mw_lists_options defaults;
        const mw_lists_options& options = o != nullptr ? *o : defaults;
        mailwarden::ListsConfig config;
        config.store = r.channel.subscribers;
        config.registry = r.channel.registry;
        config.tracker = r.channel.tracker;
        config.clock = r.channel.clock;
        config.resolver = options.resolver;
        config.intake = options.intake;
        config.confirm_lifetime = options.confirm_lifetime;
        if (options.confirm_link_base) config.confirm_link_base = *options.confirm_link_base;
        if (options.unsubscribe_link_base) config.unsubscribe_link_base = *options.unsubscribe_link_base;
        if (options.list_id_domain) config.list_id_domain = *options.list_id_domain;
        auto lists = mailwarden::SubscriberLists::open(std::move(config));
        if (!lists) return fail(err, lists.error());
        auto handle = std::make_unique<mw_lists>();
        handle->lists = std::move(*lists);
        handle->default_account = r.default_account;
        *out = mw_lists::publish(handle.release());
        return MW_OK;
    });
}

void mw_lists_free(mw_lists* l) { mw_lists::close(l); }

/* ---- lists ---- */

int mw_lists_create(mw_mailing_list** out, mw_lists* l, const char* account, const char* name, const char* from,
                    mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (name == nullptr) return fail_null(err, "name");
    if (from == nullptr) return fail_null(err, "from");
    return lists_call(l, err, [&](mw_lists& h, mailwarden::SubscriberLists& lists) -> int {
        return return_new(out, lists.create_list(h.account(account), name, from), err,
                          [](mailwarden::MailingList v) { return mw_mailing_list{std::move(v)}; });
    });
}

int mw_lists_find(mw_mailing_list** out, mw_lists* l, const char* account, const char* name, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (name == nullptr) return fail_null(err, "name");
    return lists_call(l, err, [&](mw_lists& h, mailwarden::SubscriberLists& lists) -> int {
        return return_new(out, lists.list(h.account(account), name), err,
                          [](mailwarden::MailingList v) { return mw_mailing_list{std::move(v)}; });
    });
}

int mw_lists_all(mw_mailing_list_set** out, mw_lists* l, const char* account, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    return lists_call(l, err, [&](mw_lists& h, mailwarden::SubscriberLists& lists) -> int {
        return return_new(out, lists.lists(h.account(account)), err, [](std::vector<mailwarden::MailingList> all) {
            mw_mailing_list_set set;
            for (auto& v : all) set.items.push_back(mw_mailing_list{std::move(v)});
            return set;
        });
    });
}

/* ---- intake and double opt-in ---- */

int mw_lists_subscribe(mw_subscribe_outcome** out, mw_lists* l, const char* account, const char* list,
                       const char* address, const char* name, const mw_consent_facts* facts, int double_opt_in,
                       mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (list == nullptr) return fail_null(err, "list");
    if (address == nullptr) return fail_null(err, "address");
    return lists_call(l, err, [&](mw_lists& h, mailwarden::SubscriberLists& lists) -> int {
        const mw_consent_facts& f = facts_or_none(facts);
        mailwarden::SubscribeRequest request;
        request.address = address;
        request.name = text_or_empty(name);
        request.source = f.source;
        request.ip = f.ip;
        request.user_agent = f.user_agent;
        request.notice_text = f.notice_text;
        request.notice_version = f.notice_version;
        request.double_opt_in = double_opt_in != 0;
        auto outcome = lists.subscribe(h.account(account), list, request);
        if (!outcome) return fail(err, outcome.error());
        auto result = std::make_unique<mw_subscribe_outcome>();
        result->value = std::move(*outcome);
        if (result->value.subscriber) result->subscriber = mw_subscriber{*result->value.subscriber};
        *out = result.release();
        return MW_OK;
    });
}

int mw_lists_resend_confirmation(char** link, mw_lists* l, const char* account, const char* list, const char* address,
                                 mw_error** err) {
    if (link == nullptr) return fail_null(err, "link");
    if (list == nullptr) return fail_null(err, "list");
    if (address == nullptr) return fail_null(err, "address");
    return lists_call(l, err, [&](mw_lists& h, mailwarden::SubscriberLists& lists) -> int {
        auto sent = lists.resend_confirmation(h.account(account), list, address);
        if (!sent) return fail(err, sent.error());
        return mailwarden::capi::return_string(link, *sent, err);
    });
}

int mw_lists_inspect(mw_token_preview** out, mw_lists* l, const char* link_or_token, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (link_or_token == nullptr) return fail_null(err, "link_or_token");
    return lists_call(l, err, [&](mw_lists&, mailwarden::SubscriberLists& lists) -> int {
        return return_new(out, lists.inspect(link_or_token), err, [](mailwarden::TokenPreview p) {
            return mw_token_preview{mw_mailing_list{std::move(p.list)}, mw_subscriber{std::move(p.subscriber)},
                                    mailwarden::to_unix_seconds(p.expires_at)};
        });
    });
}

int mw_lists_confirm(mw_subscriber** out, mw_lists* l, const char* link_or_token, const mw_consent_facts* facts,
                     mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (link_or_token == nullptr) return fail_null(err, "link_or_token");
    return lists_call(l, err, [&](mw_lists&, mailwarden::SubscriberLists& lists) -> int {
        const mw_consent_facts& f = facts_or_none(facts);
        return return_subscriber(out, lists.confirm(link_or_token, f.ip, f.user_agent), err);
    });
}

int mw_lists_find_subscriber(mw_subscriber** out, mw_lists* l, const char* account, const char* list,
                             const char* address, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (list == nullptr) return fail_null(err, "list");
    if (address == nullptr) return fail_null(err, "address");
    return lists_call(l, err, [&](mw_lists& h, mailwarden::SubscriberLists& lists) -> int {
        return return_subscriber(out, lists.subscriber(h.account(account), list, address), err);
    });
}

int mw_lists_headers(mw_list_headers** out, mw_lists* l, const char* account, const char* list, const char* address,
                     mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (list == nullptr) return fail_null(err, "list");
    if (address == nullptr) return fail_null(err, "address");
    return lists_call(l, err, [&](mw_lists& h, mailwarden::SubscriberLists& lists) -> int {
        auto found = lists.list(h.account(account), list);
        if (!found) return fail(err, found.error());
        auto subscriber = lists.subscriber(h.account(account), list, address);
        if (!subscriber) return fail(err, subscriber.error());
        return return_new(out, lists.headers_for(*found, *subscriber), err,
                          [](mailwarden::ListHeaders v) { return mw_list_headers{std::move(v)}; });
    });
}

/* ---- unsubscribing ---- */

int mw_lists_inspect_unsubscribe(mw_subscriber** out, mw_lists* l, const char* link_or_token, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (link_or_token == nullptr) return fail_null(err, "link_or_token");
    return lists_call(l, err, [&](mw_lists&, mailwarden::SubscriberLists& lists) -> int {
        return return_subscriber(out, lists.inspect_unsubscribe(link_or_token), err);
    });
}

int mw_lists_unsubscribe(mw_subscriber** out, mw_lists* l, const char* link_or_token, const char* how,
                         const mw_consent_facts* facts, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (link_or_token == nullptr) return fail_null(err, "link_or_token");
    if (how == nullptr) return fail_null(err, "how");
    return lists_call(l, err, [&](mw_lists&, mailwarden::SubscriberLists& lists) -> int {
        const mw_consent_facts& f = facts_or_none(facts);
        return return_subscriber(out, lists.unsubscribe(link_or_token, how, f.ip, f.user_agent), err);
    });
}

int mw_lists_unsubscribe_post(mw_subscriber** out, mw_lists* l, const char* link_or_token, const char* content_type,
                              const char* body, size_t body_length, const mw_consent_facts* facts, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (link_or_token == nullptr) return fail_null(err, "link_or_token");
    if (body == nullptr && body_length > 0) return fail_null(err, "body");
    return lists_call(l, err, [&](mw_lists&, mailwarden::SubscriberLists& lists) -> int {
        if (!mw_is_one_click_post(content_type, body, body_length))
            return fail(err, MW_EPARSE, "the body does not say List-Unsubscribe=One-Click (RFC 8058)");
        const mw_consent_facts& f = facts_or_none(facts);
        return return_subscriber(out, lists.unsubscribe(link_or_token, "one-click", f.ip, f.user_agent), err);
    });
}

int mw_lists_unsubscribe_address(mw_subscriber** out, mw_lists* l, const char* account, const char* list,
                                 const char* address, const char* how, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (list == nullptr) return fail_null(err, "list");
    if (address == nullptr) return fail_null(err, "address");
    return lists_call(l, err, [&](mw_lists& h, mailwarden::SubscriberLists& lists) -> int {
        return return_subscriber(
            out, lists.unsubscribe_address(h.account(account), list, address, how != nullptr ? how : "api"), err);
    });
}

int mw_is_one_click_post(const char* content_type, const char* body, size_t body_length) {
    if (body == nullptr && body_length > 0) return 0;
    try {
        return mailwarden::is_one_click_post(content_type != nullptr ? content_type : "",
                                             std::string_view(body != nullptr ? body : "", body_length))
                   ? 1
                   : 0;
    } catch (...) {
        return 0;
    }
}

/* ---- reading ---- */

int mw_lists_subscribers(mw_subscriber_set** out, mw_lists* l, const char* account, const char* list, int state,
                         mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (list == nullptr) return fail_null(err, "list");
    if (state < -1 || state > MW_SUBSCRIBER_PURGED) return fail(err, MW_EINVAL, "the state must be an mw_subscription_state or -1");
    return lists_call(l, err, [&](mw_lists& h, mailwarden::SubscriberLists& lists) -> int {
        std::optional<mailwarden::SubscriberState> only;
        if (state >= 0) only = static_cast<mailwarden::SubscriberState>(state);
        return return_new(out, lists.subscribers(h.account(account), list, only), err,
                          [](std::vector<mailwarden::Subscriber> all) {
                              mw_subscriber_set set;
                              for (auto& s : all) set.items.push_back(mw_subscriber{std::move(s)});
                              return set;
                          });
    });
}

int mw_lists_consent_log(mw_consent_log** out, mw_lists* l, const char* account, const char* list,
                         const char* address, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (list == nullptr) return fail_null(err, "list");
    if (address == nullptr) return fail_null(err, "address");
    return lists_call(l, err, [&](mw_lists& h, mailwarden::SubscriberLists& lists) -> int {
        return return_new(out, lists.consent_log(h.account(account), list, address), err,
                          [](std::vector<mailwarden::ConsentEntry> all) {
                              mw_consent_log log;
                              for (auto& e : all) log.items.push_back(mw_consent_entry{std::move(e)});
                              return log;
                          });
    });
}

/* ---- sending, engagement, imports, purges ---- */

int mw_lists_send(mw_list_send_report** out, mw_lists* l, const char* account, const char* list, const char* subject,
                  const char* text, const char* html, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (list == nullptr) return fail_null(err, "list");
    if (subject == nullptr) return fail_null(err, "subject");
    if (text == nullptr && html == nullptr) return fail(err, MW_EINVAL, "text or html is required");
    return lists_call(l, err, [&](mw_lists& h, mailwarden::SubscriberLists& lists) -> int {
        mailwarden::OutgoingMessage message;
        message.subject = subject;
        message.text = text_or_empty(text);
        message.html = text_or_empty(html);
        return return_new(out, lists.send(h.account(account), list, std::move(message)), err,
                          [](mailwarden::ListSendReport r) { return mw_list_send_report{std::move(r)}; });
    });
}

int mw_lists_record_engagement(mw_lists* l, const char* account, const char* list, const char* address, int clicked,
                               int machine, mw_error** err) {
    if (list == nullptr) return fail_null(err, "list");
    if (address == nullptr) return fail_null(err, "address");
    return lists_call(l, err, [&](mw_lists& h, mailwarden::SubscriberLists& lists) -> int {
        const auto what = clicked != 0 ? mailwarden::SubscriberStore::Engagement::clicked
                                       : mailwarden::SubscriberStore::Engagement::opened;
        auto done = lists.record_engagement(h.account(account), list, address, what, machine != 0);
        return done ? MW_OK : fail(err, done.error());
    });
}

int mw_lists_import(mw_import_summary** out, mw_lists* l, const char* account, const char* list, const char* input,
                    size_t input_length, const char* column_name, int column_index, const mw_consent_facts* facts,
                    mw_import_row_fn on_row, void* user_data, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (list == nullptr) return fail_null(err, "list");
    if (input == nullptr && input_length > 0) return fail_null(err, "input");
    return lists_call(l, err, [&](mw_lists& h, mailwarden::SubscriberLists& lists) -> int {
        const mw_consent_facts& f = facts_or_none(facts);
        mailwarden::ImportOptions options;
        options.source = f.source;
        options.notice_text = f.notice_text;
        options.notice_version = f.notice_version;
        if (column_index >= 0) options.column_index = static_cast<std::size_t>(column_index);
        options.column_name = text_or_empty(column_name);
        std::function<void(const mailwarden::ImportRow&)> each;
        if (on_row != nullptr) {
            each = [&](const mailwarden::ImportRow& row) {
                const mailwarden::capi::InCallback in_callback;
                const mw_import_row borrowed{&row};
                importing = &h;
                on_row(&borrowed, user_data);
                importing = nullptr;
            };
        }
        return return_new(out,
                          lists.import(h.account(account), list, std::string_view(input != nullptr ? input : "", input_length),
                                       options, each),
                          err, [](mailwarden::ImportSummary s) { return mw_import_summary{std::move(s)}; });
    });
}

int mw_lists_purge(mw_purge_report** out, mw_lists* l, const char* account, const char* list,
                   const mw_purge_policy* policy, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (list == nullptr) return fail_null(err, "list");
    return lists_call(l, err, [&](mw_lists& h, mailwarden::SubscriberLists& lists) -> int {
        const mailwarden::PurgePolicy rules = policy != nullptr ? policy->value : mailwarden::PurgePolicy{};
        return return_new(out, lists.purge(h.account(account), list, rules), err, [](mailwarden::PurgeReport r) {
            mw_purge_report report;
            report.dry_run = r.dry_run;
            for (auto& c : r.purged) {
                report.subscribers.push_back(mw_subscriber{std::move(c.subscriber)});
                report.reasons.push_back(std::move(c.reason));
            }
            return report;
        });
    });
}

}  // extern "C"
