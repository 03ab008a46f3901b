// The values of the mailing lists through the C ABI: lists, subscribers,
// the consent log and its request facts, outcomes, previews, headers,
// reports and the purge policy.
#include "capi_lists.hpp"

#include <boost/json.hpp>

#include <climits>

namespace {

using mailwarden::capi::c_str_or_empty;
using mailwarden::capi::element_at;
using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::set_field;
using mailwarden::capi::guarded;

std::int64_t seconds_or_zero(const std::optional<mailwarden::TimePoint>& t) {
    return t ? mailwarden::to_unix_seconds(*t) : 0;
}

int set_text(mw_consent_facts* f, std::string mw_consent_facts::*field, const char* value, mw_error** err) {
    if (value == nullptr) return fail_null(err, "value");
    return set_field(f, "facts", err, [&](mw_consent_facts& facts) { facts.*field = value; });
}

template <class Value>
int return_json(char** out, const Value* value, mw_error** err, std::string (*render)(const Value&)) {
    if (out == nullptr) return fail_null(err, "out");
    if (value == nullptr) return fail_null(err, "value");
    return guarded(err, [&] { return mailwarden::capi::return_string(out, render(*value), err); });
}

std::string subscriber_json(const mw_subscriber& s) { return mailwarden::to_json(s.value); }
std::string outcome_json(const mw_subscribe_outcome& o) { return mailwarden::to_json(o.value); }
std::string consent_json(const mw_consent_log& log) {
    boost::json::array entries;
    for (const auto& e : log.items) entries.push_back(boost::json::parse(mailwarden::to_json(e.value)));
    return boost::json::serialize(entries);
}

}  // namespace

extern "C" {

const char* mw_subscriber_state_name(int state) {
    if (state < MW_SUBSCRIBER_PENDING || state > MW_SUBSCRIBER_PURGED) return nullptr;
    return mailwarden::to_string(static_cast<mailwarden::SubscriberState>(state)).data();
}

/* ---- lists ---- */

int64_t mw_mailing_list_id(const mw_mailing_list* l) { return l != nullptr ? l->value.id : 0; }
const char* mw_mailing_list_account(const mw_mailing_list* l) { return l != nullptr ? l->value.account.c_str() : ""; }
const char* mw_mailing_list_name(const mw_mailing_list* l) { return l != nullptr ? l->value.name.c_str() : ""; }
const char* mw_mailing_list_from(const mw_mailing_list* l) { return l != nullptr ? l->value.from.c_str() : ""; }
int64_t mw_mailing_list_created_at(const mw_mailing_list* l) {
    return l != nullptr ? mailwarden::to_unix_seconds(l->value.created_at) : 0;
}
void mw_mailing_list_free(mw_mailing_list* l) { delete l; }

size_t mw_mailing_list_set_count(const mw_mailing_list_set* s) { return s != nullptr ? s->items.size() : 0; }
const mw_mailing_list* mw_mailing_list_set_get(const mw_mailing_list_set* s, size_t index) {
    return s != nullptr ? element_at(&s->items, index) : nullptr;
}
void mw_mailing_list_set_free(mw_mailing_list_set* s) { delete s; }

/* ---- subscribers ---- */

int64_t mw_subscriber_id(const mw_subscriber* s) { return s != nullptr ? s->value.id : 0; }
int64_t mw_subscriber_list_id(const mw_subscriber* s) { return s != nullptr ? s->value.list_id : 0; }
const char* mw_subscriber_address(const mw_subscriber* s) { return s != nullptr ? s->value.address.c_str() : ""; }
const char* mw_subscriber_name(const mw_subscriber* s) { return s != nullptr ? s->value.name.c_str() : ""; }
int mw_subscriber_state(const mw_subscriber* s) { return s != nullptr ? static_cast<int>(s->value.state) : -1; }
size_t mw_subscriber_flag_count(const mw_subscriber* s) { return s != nullptr ? s->value.flags.size() : 0; }
const char* mw_subscriber_flag(const mw_subscriber* s, size_t index) {
    return c_str_or_empty(s != nullptr ? element_at(&s->value.flags, index) : nullptr);
}
int64_t mw_subscriber_created_at(const mw_subscriber* s) {
    return s != nullptr ? mailwarden::to_unix_seconds(s->value.created_at) : 0;
}
int64_t mw_subscriber_updated_at(const mw_subscriber* s) {
    return s != nullptr ? mailwarden::to_unix_seconds(s->value.updated_at) : 0;
}
int64_t mw_subscriber_confirmed_at(const mw_subscriber* s) {
    return s != nullptr ? seconds_or_zero(s->value.confirmed_at) : 0;
}
int64_t mw_subscriber_sends(const mw_subscriber* s) { return s != nullptr ? s->value.sends : 0; }
int64_t mw_subscriber_opens(const mw_subscriber* s) { return s != nullptr ? s->value.opens : 0; }
int64_t mw_subscriber_clicks(const mw_subscriber* s) { return s != nullptr ? s->value.clicks : 0; }
int64_t mw_subscriber_last_sent_at(const mw_subscriber* s) {
    return s != nullptr ? seconds_or_zero(s->value.last_sent_at) : 0;
}
int64_t mw_subscriber_last_engaged_at(const mw_subscriber* s) {
    return s != nullptr ? seconds_or_zero(s->value.last_engaged_at) : 0;
}
int mw_subscriber_to_json(char** out, const mw_subscriber* s, mw_error** err) {
    return return_json(out, s, err, subscriber_json);
}
void mw_subscriber_free(mw_subscriber* s) { delete s; }

size_t mw_subscriber_set_count(const mw_subscriber_set* s) { return s != nullptr ? s->items.size() : 0; }
const mw_subscriber* mw_subscriber_set_get(const mw_subscriber_set* s, size_t index) {
    return s != nullptr ? element_at(&s->items, index) : nullptr;
}
void mw_subscriber_set_free(mw_subscriber_set* s) { delete s; }

/* ---- the consent log and its facts ---- */

size_t mw_consent_log_count(const mw_consent_log* l) { return l != nullptr ? l->items.size() : 0; }
const mw_consent_entry* mw_consent_log_get(const mw_consent_log* l, size_t index) {
    return l != nullptr ? element_at(&l->items, index) : nullptr;
}
int mw_consent_log_to_json(char** out, const mw_consent_log* l, mw_error** err) {
    return return_json(out, l, err, consent_json);
}
void mw_consent_log_free(mw_consent_log* l) { delete l; }

int64_t mw_consent_entry_at(const mw_consent_entry* e) {
    return e != nullptr ? mailwarden::to_unix_seconds(e->value.at) : 0;
}
const char* mw_consent_entry_action(const mw_consent_entry* e) { return e != nullptr ? e->value.action.c_str() : ""; }
const char* mw_consent_entry_source(const mw_consent_entry* e) { return e != nullptr ? e->value.source.c_str() : ""; }
const char* mw_consent_entry_ip(const mw_consent_entry* e) { return e != nullptr ? e->value.ip.c_str() : ""; }
const char* mw_consent_entry_user_agent(const mw_consent_entry* e) {
    return e != nullptr ? e->value.user_agent.c_str() : "";
}
const char* mw_consent_entry_notice_text(const mw_consent_entry* e) {
    return e != nullptr ? e->value.notice_text.c_str() : "";
}
const char* mw_consent_entry_notice_version(const mw_consent_entry* e) {
    return e != nullptr ? e->value.notice_version.c_str() : "";
}
const char* mw_consent_entry_detail(const mw_consent_entry* e) { return e != nullptr ? e->value.detail.c_str() : ""; }

int mw_consent_facts_new(mw_consent_facts** out, mw_error** err) { return mailwarden::capi::new_options(out, err); }
void mw_consent_facts_free(mw_consent_facts* f) { delete f; }
int mw_consent_facts_set_source(mw_consent_facts* f, const char* v, mw_error** err) {
    return set_text(f, &mw_consent_facts::source, v, err);
}
int mw_consent_facts_set_ip(mw_consent_facts* f, const char* v, mw_error** err) {
    return set_text(f, &mw_consent_facts::ip, v, err);
}
int mw_consent_facts_set_user_agent(mw_consent_facts* f, const char* v, mw_error** err) {
    return set_text(f, &mw_consent_facts::user_agent, v, err);
}
int mw_consent_facts_set_notice(mw_consent_facts* f, const char* text, const char* version, mw_error** err) {
    if (version == nullptr) return fail_null(err, "version");
    const int status = set_text(f, &mw_consent_facts::notice_text, text, err);
    return status != MW_OK ? status : set_text(f, &mw_consent_facts::notice_version, version, err);
}

/* ---- outcomes, previews, headers, reports ---- */

int mw_subscribe_outcome_accepted(const mw_subscribe_outcome* o) { return o != nullptr && o->value.accepted ? 1 : 0; }
const char* mw_subscribe_outcome_refused_because(const mw_subscribe_outcome* o) {
    return o != nullptr ? o->value.refused_because.c_str() : "";
}
const mw_clean_verdict* mw_subscribe_outcome_check(const mw_subscribe_outcome* o) {
    return o != nullptr ? &o->check : nullptr;
}
const mw_subscriber* mw_subscribe_outcome_subscriber(const mw_subscribe_outcome* o) {
    return o != nullptr && o->subscriber ? &*o->subscriber : nullptr;
}
const char* mw_subscribe_outcome_confirm_link(const mw_subscribe_outcome* o) {
    return o != nullptr ? o->value.confirm_link.c_str() : "";
}
int mw_subscribe_outcome_to_json(char** out, const mw_subscribe_outcome* o, mw_error** err) {
    return return_json(out, o, err, outcome_json);
}
void mw_subscribe_outcome_free(mw_subscribe_outcome* o) { delete o; }

const mw_mailing_list* mw_token_preview_list(const mw_token_preview* p) { return p != nullptr ? &p->list : nullptr; }
const mw_subscriber* mw_token_preview_subscriber(const mw_token_preview* p) {
    return p != nullptr ? &p->subscriber : nullptr;
}
int64_t mw_token_preview_expires_at(const mw_token_preview* p) { return p != nullptr ? p->expires_at : 0; }
void mw_token_preview_free(mw_token_preview* p) { delete p; }

const char* mw_list_headers_unsubscribe(const mw_list_headers* h) {
    return h != nullptr ? h->value.list_unsubscribe.c_str() : "";
}
const char* mw_list_headers_unsubscribe_post(const mw_list_headers* h) {
    return h != nullptr ? h->value.list_unsubscribe_post.c_str() : "";
}
const char* mw_list_headers_list_id(const mw_list_headers* h) { return h != nullptr ? h->value.list_id.c_str() : ""; }
void mw_list_headers_free(mw_list_headers* h) { delete h; }

int64_t mw_list_send_report_sent(const mw_list_send_report* r) { return r != nullptr ? r->value.sent : 0; }
int64_t mw_list_send_report_suppressed(const mw_list_send_report* r) { return r != nullptr ? r->value.suppressed : 0; }
int64_t mw_list_send_report_failed(const mw_list_send_report* r) { return r != nullptr ? r->value.failed : 0; }
const char* mw_list_send_report_first_error(const mw_list_send_report* r) {
    return r != nullptr ? r->value.first_error.c_str() : "";
}
void mw_list_send_report_free(mw_list_send_report* r) { delete r; }

const mw_clean_verdict* mw_import_row_check(const mw_import_row* r) { return r != nullptr ? &r->check : nullptr; }
int mw_import_row_added(const mw_import_row* r) { return r != nullptr && r->row->added ? 1 : 0; }
const char* mw_import_row_refused_because(const mw_import_row* r) {
    return r != nullptr ? r->row->refused_because.c_str() : "";
}

int64_t mw_import_summary_rows(const mw_import_summary* s) { return s != nullptr ? s->value.rows : 0; }
int64_t mw_import_summary_added(const mw_import_summary* s) { return s != nullptr ? s->value.added : 0; }
int64_t mw_import_summary_refused(const mw_import_summary* s) { return s != nullptr ? s->value.refused : 0; }
size_t mw_import_summary_reason_count(const mw_import_summary* s) {
    return s != nullptr ? s->value.refused_by_reason.size() : 0;
}
const char* mw_import_summary_reason(const mw_import_summary* s, size_t index) {
    const auto* entry = s != nullptr ? element_at(&s->value.refused_by_reason, index) : nullptr;
    return entry != nullptr ? entry->first.c_str() : "";
}
int64_t mw_import_summary_reason_rows(const mw_import_summary* s, size_t index) {
    const auto* entry = s != nullptr ? element_at(&s->value.refused_by_reason, index) : nullptr;
    return entry != nullptr ? entry->second : 0;
}
void mw_import_summary_free(mw_import_summary* s) { delete s; }

int mw_purge_report_dry_run(const mw_purge_report* r) { return r != nullptr && r->dry_run ? 1 : 0; }
size_t mw_purge_report_count(const mw_purge_report* r) { return r != nullptr ? r->subscribers.size() : 0; }
const mw_subscriber* mw_purge_report_subscriber(const mw_purge_report* r, size_t index) {
    return r != nullptr ? element_at(&r->subscribers, index) : nullptr;
}
const char* mw_purge_report_reason(const mw_purge_report* r, size_t index) {
    return c_str_or_empty(r != nullptr ? element_at(&r->reasons, index) : nullptr);
}
void mw_purge_report_free(mw_purge_report* r) { delete r; }

/* ---- the purge policy ---- */

int mw_purge_policy_new(mw_purge_policy** out, mw_error** err) { return mailwarden::capi::new_options(out, err); }
void mw_purge_policy_free(mw_purge_policy* p) { delete p; }
int mw_purge_policy_set_unconfirmed_days(mw_purge_policy* p, int days, mw_error** err) {
    return set_field(p, "policy", err, [&](mw_purge_policy& policy) {
        policy.value.unconfirmed_days = days >= 0 ? std::optional<int>(days) : std::nullopt;
    });
}
int mw_purge_policy_set_inactive(mw_purge_policy* p, int days, int min_sends, mw_error** err) {
    if (min_sends < 0) return fail(err, MW_EINVAL, "min_sends must not be negative");
    return set_field(p, "policy", err, [&](mw_purge_policy& policy) {
        policy.value.inactive_days = days >= 0 ? std::optional<int>(days) : std::nullopt;
        policy.value.min_sends = min_sends;
    });
}
int mw_purge_policy_set_bounced_and_complained(mw_purge_policy* p, int purge, mw_error** err) {
    return set_field(p, "policy", err, [&](mw_purge_policy& policy) { policy.value.bounced_and_complained = purge != 0; });
}
int mw_purge_policy_set_dry_run(mw_purge_policy* p, int dry_run, mw_error** err) {
    return set_field(p, "policy", err, [&](mw_purge_policy& policy) { policy.value.dry_run = dry_run != 0; });
}

}  // extern "C"
