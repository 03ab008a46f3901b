// The tracker's values through the C ABI: suppressions, status changes,
// account figures, ingest reports, and their JSON.
#include "capi_bounce.hpp"

#include <mailwarden/clock.hpp>

namespace mailwarden::capi {

namespace {

std::int64_t unix_or_zero(const std::optional<TimePoint>& t) { return t ? to_unix_seconds(*t) : 0; }

/// *out = to_json(value) for a value held in a non-NULL handle.
template <class Handle>
int value_json(char** out, const Handle* handle, const char* what, mw_error** err) noexcept {
    if (out == nullptr) return fail_null(err, "out");
    if (handle == nullptr) return fail_null(err, what);
    return guarded(err, [&]() -> int { return return_string(out, to_json(handle->value), err); });
}

}  // namespace

int return_report(mw_ingest_report** out, Result<IngestReport, Error> report, mw_error** err) {
    if (!report) return fail(err, report.error());
    if (out == nullptr) return MW_OK;
    auto handle = std::make_unique<mw_ingest_report>();
    for (const auto& s : report->suppressed) handle->suppressed.push_back(mw_suppression{s});
    for (const auto& c : report->status_changes) handle->status_changes.push_back(mw_status_change{c});
    handle->value = std::move(*report);
    *out = handle.release();
    return MW_OK;
}

int return_stats(mw_account_stats** out, Result<AccountStats, Error> stats, mw_error** err) {
    if (!stats) return fail(err, stats.error());
    if (out != nullptr) *out = new mw_account_stats{std::move(*stats)};
    return MW_OK;
}

}  // namespace mailwarden::capi

using mailwarden::capi::element_at;
using mailwarden::capi::value_json;

extern "C" {

const char* mw_account_status_name(int status) {
    if (status < MW_ACCOUNT_ACTIVE || status > MW_ACCOUNT_SUSPENDED) return nullptr;
    return mailwarden::to_string(static_cast<mailwarden::AccountStatus>(status)).data();
}

const char* mw_suppression_reason_name(int reason) {
    if (reason < MW_SUPPRESSION_BOUNCE || reason > MW_SUPPRESSION_MANUAL) return nullptr;
    return mailwarden::to_string(static_cast<mailwarden::SuppressionReason>(reason)).data();
}

// --- suppressions ----------------------------------------------------------

const char* mw_suppression_account(const mw_suppression* s) { return s != nullptr ? s->value.account.c_str() : ""; }
const char* mw_suppression_address(const mw_suppression* s) { return s != nullptr ? s->value.address.c_str() : ""; }
int mw_suppression_reason(const mw_suppression* s) { return s != nullptr ? static_cast<int>(s->value.reason) : -1; }
int64_t mw_suppression_at(const mw_suppression* s) {
    return s != nullptr ? mailwarden::to_unix_seconds(s->value.at) : 0;
}
const char* mw_suppression_evidence_key(const mw_suppression* s) {
    return s != nullptr ? s->value.evidence_key.c_str() : "";
}
const char* mw_suppression_status(const mw_suppression* s) { return s != nullptr ? s->value.status.c_str() : ""; }
const char* mw_suppression_diagnostic(const mw_suppression* s) {
    return s != nullptr ? s->value.diagnostic.c_str() : "";
}
const char* mw_suppression_note(const mw_suppression* s) { return s != nullptr ? s->value.note.c_str() : ""; }
int mw_suppression_to_json(char** out, const mw_suppression* s, mw_error** err) {
    return value_json(out, s, "suppression", err);
}
void mw_suppression_free(mw_suppression* s) { delete s; }

size_t mw_suppression_page_count(const mw_suppression_page* p) { return p != nullptr ? p->items.size() : 0; }
const mw_suppression* mw_suppression_page_get(const mw_suppression_page* p, size_t index) {
    return element_at(p != nullptr ? &p->items : nullptr, index);
}
const char* mw_suppression_page_next_after(const mw_suppression_page* p) {
    return p != nullptr ? p->next_after.c_str() : "";
}
void mw_suppression_page_free(mw_suppression_page* p) { delete p; }

// --- status changes --------------------------------------------------------

const char* mw_status_change_account(const mw_status_change* c) {
    return c != nullptr ? c->value.account.c_str() : "";
}
int64_t mw_status_change_at(const mw_status_change* c) {
    return c != nullptr ? mailwarden::to_unix_seconds(c->value.at) : 0;
}
int mw_status_change_from(const mw_status_change* c) { return c != nullptr ? static_cast<int>(c->value.from) : -1; }
int mw_status_change_to(const mw_status_change* c) { return c != nullptr ? static_cast<int>(c->value.to) : -1; }
const char* mw_status_change_actor(const mw_status_change* c) { return c != nullptr ? c->value.actor.c_str() : ""; }
const char* mw_status_change_reason(const mw_status_change* c) {
    return c != nullptr ? c->value.reason.c_str() : "";
}
int mw_status_change_to_json(char** out, const mw_status_change* c, mw_error** err) {
    return value_json(out, c, "change", err);
}

size_t mw_status_change_list_count(const mw_status_change_list* l) { return l != nullptr ? l->items.size() : 0; }
const mw_status_change* mw_status_change_list_get(const mw_status_change_list* l, size_t index) {
    return element_at(l != nullptr ? &l->items : nullptr, index);
}
void mw_status_change_list_free(mw_status_change_list* l) { delete l; }

// --- account figures -------------------------------------------------------

const char* mw_account_stats_account(const mw_account_stats* s) {
    return s != nullptr ? s->value.account.c_str() : "";
}
int mw_account_stats_status(const mw_account_stats* s) {
    return s != nullptr ? static_cast<int>(s->value.status) : -1;
}
int64_t mw_account_stats_sends(const mw_account_stats* s) { return s != nullptr ? s->value.sends : 0; }
int64_t mw_account_stats_hard_bounces(const mw_account_stats* s) { return s != nullptr ? s->value.hard_bounces : 0; }
int64_t mw_account_stats_soft_bounces(const mw_account_stats* s) { return s != nullptr ? s->value.soft_bounces : 0; }
int64_t mw_account_stats_complaints(const mw_account_stats* s) { return s != nullptr ? s->value.complaints : 0; }
double mw_account_stats_bounce_rate(const mw_account_stats* s) { return s != nullptr ? s->value.bounce_rate : 0; }
double mw_account_stats_complaint_rate(const mw_account_stats* s) {
    return s != nullptr ? s->value.complaint_rate : 0;
}
int64_t mw_account_stats_total_sends(const mw_account_stats* s) { return s != nullptr ? s->value.total_sends : 0; }
int64_t mw_account_stats_total_hard_bounces(const mw_account_stats* s) {
    return s != nullptr ? s->value.total_hard_bounces : 0;
}
int64_t mw_account_stats_total_soft_bounces(const mw_account_stats* s) {
    return s != nullptr ? s->value.total_soft_bounces : 0;
}
int64_t mw_account_stats_total_complaints(const mw_account_stats* s) {
    return s != nullptr ? s->value.total_complaints : 0;
}
int64_t mw_account_stats_total_deliveries(const mw_account_stats* s) {
    return s != nullptr ? s->value.total_deliveries : 0;
}
int64_t mw_account_stats_status_since(const mw_account_stats* s) {
    return s != nullptr ? mailwarden::capi::unix_or_zero(s->value.status_since) : 0;
}
const char* mw_account_stats_status_reason(const mw_account_stats* s) {
    return s != nullptr ? s->value.status_reason.c_str() : "";
}
int mw_account_stats_to_json(char** out, const mw_account_stats* s, mw_error** err) {
    return value_json(out, s, "stats", err);
}
void mw_account_stats_free(mw_account_stats* s) { delete s; }

// --- ingest reports --------------------------------------------------------

int64_t mw_ingest_report_events(const mw_ingest_report* r) { return r != nullptr ? r->value.events : 0; }
int64_t mw_ingest_report_duplicates(const mw_ingest_report* r) { return r != nullptr ? r->value.duplicates : 0; }
int64_t mw_ingest_report_sends(const mw_ingest_report* r) { return r != nullptr ? r->value.sends : 0; }
int64_t mw_ingest_report_deliveries(const mw_ingest_report* r) { return r != nullptr ? r->value.deliveries : 0; }
int64_t mw_ingest_report_hard_bounces(const mw_ingest_report* r) { return r != nullptr ? r->value.hard_bounces : 0; }
int64_t mw_ingest_report_soft_bounces(const mw_ingest_report* r) { return r != nullptr ? r->value.soft_bounces : 0; }
int64_t mw_ingest_report_complaints(const mw_ingest_report* r) { return r != nullptr ? r->value.complaints : 0; }
int64_t mw_ingest_report_ignored(const mw_ingest_report* r) { return r != nullptr ? r->value.ignored : 0; }
size_t mw_ingest_report_suppressed_count(const mw_ingest_report* r) {
    return r != nullptr ? r->suppressed.size() : 0;
}
const mw_suppression* mw_ingest_report_suppressed_get(const mw_ingest_report* r, size_t index) {
    return element_at(r != nullptr ? &r->suppressed : nullptr, index);
}
size_t mw_ingest_report_status_change_count(const mw_ingest_report* r) {
    return r != nullptr ? r->status_changes.size() : 0;
}
const mw_status_change* mw_ingest_report_status_change_get(const mw_ingest_report* r, size_t index) {
    return element_at(r != nullptr ? &r->status_changes : nullptr, index);
}
int mw_ingest_report_to_json(char** out, const mw_ingest_report* r, mw_error** err) {
    return value_json(out, r, "report", err);
}
void mw_ingest_report_free(mw_ingest_report* r) { delete r; }

}  // extern "C"
