// The bulk-sender readiness report through the C ABI: the input (domain,
// sample, connection, the account's figures, "now"), the check, and the
// report with its rules.
#include "capi_bounce.hpp"
#include "capi_dns.hpp"
#include "capi_internal.hpp"

#include <mailwarden/readiness.hpp>

#include <memory>
#include <string>
#include <vector>

struct mw_readiness_input {
    mailwarden::ReadinessInput value;
};

struct mw_readiness_rule {
    mailwarden::ReadinessRule value;
};

struct mw_readiness_report {
    mailwarden::ReadinessReport value;
    std::vector<mw_readiness_rule> rules;  // value.rules, as handles
};

namespace {

using mailwarden::capi::c_str_or_empty;
using mailwarden::capi::element_at;
using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::guarded;

template <class Apply>
int set_input(mw_readiness_input* in, mw_error** err, Apply&& apply) noexcept {
    return mailwarden::capi::set_field(in, "input", err, std::forward<Apply>(apply));
}

const char* rule_text(const mw_readiness_rule* r, std::string mailwarden::ReadinessRule::*field) {
    return r != nullptr ? (r->value.*field).c_str() : "";
}

// The figures given directly, with the rates derived as the tracker does.
mailwarden::AccountStats figures(const char* account, int64_t sends, int64_t hard_bounces, int64_t complaints) {
    mailwarden::AccountStats s;
    s.account = account;
    s.sends = sends;
    s.hard_bounces = hard_bounces;
    s.complaints = complaints;
    if (sends > 0) {
        s.bounce_rate = static_cast<double>(hard_bounces) / static_cast<double>(sends);
        s.complaint_rate = static_cast<double>(complaints) / static_cast<double>(sends);
    }
    return s;
}

}  // namespace

extern "C" {

const char* mw_rule_status_name(int status) {
    switch (status) {
    case MW_RULE_PASS: return "pass";
    case MW_RULE_FAIL: return "fail";
    case MW_RULE_UNKNOWN: return "unknown";
    default: return "";
    }
}

/* ---- the input ---- */

int mw_readiness_input_new(mw_readiness_input** out, const char* domain, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (domain == nullptr || *domain == '\0') return fail(err, MW_EINVAL, "the domain must not be NULL or empty");
    return guarded(err, [&]() -> int {
        auto in = std::make_unique<mw_readiness_input>();
        in->value.domain = domain;
        *out = in.release();
        return MW_OK;
    });
}
void mw_readiness_input_free(mw_readiness_input* in) { delete in; }

int mw_readiness_input_set_sample(mw_readiness_input* in, const char* message, size_t length, mw_error** err) {
    if (message == nullptr && length > 0) return fail_null(err, "message");
    return set_input(in, err, [&](mailwarden::ReadinessInput& v) {
        if (message == nullptr)
            v.sample.reset();
        else
            v.sample = std::string(message, length);
    });
}
int mw_readiness_input_set_connection(mw_readiness_input* in, const char* client_ip, const char* helo,
                                      const char* mail_from, mw_error** err) {
    return set_input(in, err, [&](mailwarden::ReadinessInput& v) {
        v.connection.client_ip = client_ip != nullptr ? client_ip : "";
        v.connection.helo = helo != nullptr ? helo : "";
        v.connection.mail_from = mail_from != nullptr ? mail_from : "";
    });
}
int mw_readiness_input_set_stats(mw_readiness_input* in, const mw_account_stats* stats, mw_error** err) {
    return set_input(in, err, [&](mailwarden::ReadinessInput& v) {
        if (stats == nullptr)
            v.stats.reset();
        else
            v.stats = stats->value;
    });
}
int mw_readiness_input_set_figures(mw_readiness_input* in, const char* account, int64_t sends, int64_t hard_bounces,
                                   int64_t complaints, mw_error** err) {
    if (in == nullptr) return fail_null(err, "input");
    if (account == nullptr) return fail_null(err, "account");
    if (sends < 0 || hard_bounces < 0 || complaints < 0) return fail(err, MW_EINVAL, "a count must not be negative");
    return set_input(in, err, [&](mailwarden::ReadinessInput& v) {
        v.stats = figures(account, sends, hard_bounces, complaints);
    });
}
int mw_readiness_input_set_now(mw_readiness_input* in, int64_t unix_seconds, mw_error** err) {
    return set_input(in, err, [&](mailwarden::ReadinessInput& v) {
        v.clock = unix_seconds < 0 ? nullptr
                                   : std::make_shared<mailwarden::ManualClock>(mailwarden::from_unix_seconds(unix_seconds));
    });
}

/* ---- the check ---- */

int mw_readiness_check(mw_readiness_report** out, const mw_readiness_input* in, mw_resolver* resolver,
                       mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (in == nullptr) return fail_null(err, "input");
    return mailwarden::capi::with_handle(resolver, "resolver", err, [&](mw_resolver& r) -> int {
        auto report = mailwarden::check_readiness(in->value, r.resolver);
        if (!report) return fail(err, report.error());
        auto result = std::make_unique<mw_readiness_report>();
        result->value = std::move(*report);
        for (const auto& rule : result->value.rules) result->rules.push_back(mw_readiness_rule{rule});
        *out = result.release();
        return MW_OK;
    });
}
void mw_readiness_report_free(mw_readiness_report* r) { delete r; }

/* ---- the report ---- */

const char* mw_readiness_report_domain(const mw_readiness_report* r) { return r != nullptr ? r->value.domain.c_str() : ""; }
int mw_readiness_report_ready(const mw_readiness_report* r) { return r != nullptr && r->value.ready() ? 1 : 0; }
size_t mw_readiness_report_rule_count(const mw_readiness_report* r) { return r != nullptr ? r->rules.size() : 0; }
const mw_readiness_rule* mw_readiness_report_rule_get(const mw_readiness_report* r, size_t index) {
    return r != nullptr ? element_at(&r->rules, index) : nullptr;
}
const mw_readiness_rule* mw_readiness_report_rule_find(const mw_readiness_report* r, const char* id) {
    if (r == nullptr || id == nullptr) return nullptr;
    for (const auto& rule : r->rules)
        if (rule.value.id == id) return &rule;
    return nullptr;
}
int mw_readiness_report_to_json(char** out, const mw_readiness_report* r, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (r == nullptr) return fail_null(err, "report");
    return guarded(err, [&] { return mailwarden::capi::return_string(out, mailwarden::to_json(r->value), err); });
}

/* ---- rules ---- */

const char* mw_readiness_rule_id(const mw_readiness_rule* r) { return rule_text(r, &mailwarden::ReadinessRule::id); }
const char* mw_readiness_rule_title(const mw_readiness_rule* r) {
    return rule_text(r, &mailwarden::ReadinessRule::title);
}
size_t mw_readiness_rule_provider_count(const mw_readiness_rule* r) {
    return r != nullptr ? r->value.providers.size() : 0;
}
const char* mw_readiness_rule_provider(const mw_readiness_rule* r, size_t index) {
    return c_str_or_empty(r != nullptr ? element_at(&r->value.providers, index) : nullptr);
}
int mw_readiness_rule_required(const mw_readiness_rule* r) { return r != nullptr && r->value.required ? 1 : 0; }
int mw_readiness_rule_status(const mw_readiness_rule* r) {
    return r != nullptr ? static_cast<int>(r->value.status) : MW_RULE_UNKNOWN;
}
const char* mw_readiness_rule_evidence(const mw_readiness_rule* r) {
    return rule_text(r, &mailwarden::ReadinessRule::evidence);
}

}  // extern "C"
