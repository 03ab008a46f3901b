// A received message's authentication through the C ABI: the options,
// the check, and the report with its DKIM checks and the
// Authentication-Results fields found on the message.
#include "capi_dns.hpp"
#include "capi_internal.hpp"

#include <mailwarden/message_auth.hpp>

#include <memory>
#include <string>
#include <vector>

struct mw_message_check_options {
    mailwarden::MessageCheckOptions value;
};

struct mw_dkim_check {
    mailwarden::DkimCheck value;
};

struct mw_auth_results {
    mailwarden::AuthResultsField value;
};

struct mw_message_report {
    mailwarden::MessageAuthReport value;
    std::vector<mw_dkim_check> dkim;            // value.dkim, as handles
    std::vector<mw_auth_results> auth_results;  // value.authentication_results, as handles
};

namespace {

using mailwarden::capi::c_str_or_empty;
using mailwarden::capi::element_at;
using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::set_option;
using mailwarden::capi::guarded;

const mailwarden::AuthResult* entry_at(const mw_auth_results* f, size_t index) {
    return f != nullptr ? element_at(&f->value.results, index) : nullptr;
}

const std::pair<std::string, std::string>* property_at(const mw_auth_results* f, size_t index, size_t property) {
    const auto* entry = entry_at(f, index);
    return entry != nullptr ? element_at(&entry->properties, property) : nullptr;
}

const char* text_of(const mw_message_report* r, std::string mailwarden::MessageAuthReport::*field) {
    return r != nullptr ? (r->value.*field).c_str() : "";
}

const char* spf_text(const mw_message_report* r, std::string mailwarden::SpfCheck::*field) {
    return r != nullptr && r->value.spf ? ((*r->value.spf).*field).c_str() : "";
}

const char* dkim_text(const mw_dkim_check* c, std::string mailwarden::DkimCheck::*field) {
    return c != nullptr ? (c->value.*field).c_str() : "";
}

}  // namespace

extern "C" {

/* ---- options ---- */

int mw_message_check_options_new(mw_message_check_options** out, mw_error** err) {
    return mailwarden::capi::new_options(out, err);
}
void mw_message_check_options_free(mw_message_check_options* o) { delete o; }

int mw_message_check_options_set_resolver(mw_message_check_options* o, mw_resolver* resolver, mw_error** err) {
    return mailwarden::capi::set_resolver(o != nullptr ? &o->value.resolver : nullptr, resolver, err);
}
int mw_message_check_options_set_now(mw_message_check_options* o, int64_t unix_seconds, mw_error** err) {
    return set_option(o, err, [&](mailwarden::MessageCheckOptions& v) {
        v.clock = unix_seconds < 0 ? nullptr
                                   : std::make_shared<mailwarden::ManualClock>(mailwarden::from_unix_seconds(unix_seconds));
    });
}
int mw_message_check_options_set_dmarc_mode(mw_message_check_options* o, int mode, mw_error** err) {
    if (mode != MW_DMARC_RFC9989 && mode != MW_DMARC_RFC7489)
        return fail(err, MW_EINVAL, "the DMARC mode must be an mw_dmarc_mode value");
    return set_option(o, err, [&](mailwarden::MessageCheckOptions& v) {
        v.dmarc_mode = mode == MW_DMARC_RFC7489 ? mailwarden::DmarcMode::rfc7489 : mailwarden::DmarcMode::rfc9989;
    });
}
int mw_message_check_options_set_allow_sha1(mw_message_check_options* o, int allow, mw_error** err) {
    return set_option(o, err, [&](mailwarden::MessageCheckOptions& v) { v.allow_sha1 = allow != 0; });
}
int mw_message_check_options_set_max_signatures(mw_message_check_options* o, size_t count, mw_error** err) {
    if (count == 0) return fail(err, MW_EINVAL, "max_signatures must be at least 1");
    return set_option(o, err, [&](mailwarden::MessageCheckOptions& v) { v.max_signatures = count; });
}
int mw_message_check_options_set_max_body_bytes(mw_message_check_options* o, uint64_t bytes, mw_error** err) {
    if (bytes == 0) return fail(err, MW_EINVAL, "max_body_bytes must be at least 1");
    return set_option(o, err, [&](mailwarden::MessageCheckOptions& v) { v.max_body_bytes = bytes; });
}
int mw_message_check_options_set_authserv_id(mw_message_check_options* o, const char* id, mw_error** err) {
    if (id == nullptr || *id == '\0') return fail(err, MW_EINVAL, "the authserv-id must not be NULL or empty");
    return set_option(o, err, [&](mailwarden::MessageCheckOptions& v) { v.authserv_id = id; });
}

/* ---- the check ---- */

int mw_message_check(mw_message_report** out, const char* message, size_t length, const char* client_ip,
                     const char* helo, const char* mail_from, const mw_message_check_options* o, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (message == nullptr && length > 0) return fail_null(err, "message");
    return guarded(err, [&]() -> int {
        static const mw_message_check_options defaults;
        mailwarden::ConnectionFacts facts;
        facts.client_ip = client_ip != nullptr ? client_ip : "";
        facts.helo = helo != nullptr ? helo : "";
        facts.mail_from = mail_from != nullptr ? mail_from : "";
        auto report = mailwarden::check_message(std::string_view(message != nullptr ? message : "", length), facts,
                                                (o != nullptr ? *o : defaults).value);
        if (!report) return fail(err, report.error());
        auto result = std::make_unique<mw_message_report>();
        result->value = std::move(*report);
        for (const auto& d : result->value.dkim) result->dkim.push_back(mw_dkim_check{d});
        for (const auto& f : result->value.authentication_results) result->auth_results.push_back(mw_auth_results{f});
        *out = result.release();
        return MW_OK;
    });
}

void mw_message_report_free(mw_message_report* r) { delete r; }

/* ---- the report ---- */

const char* mw_message_report_from_domain(const mw_message_report* r) {
    return text_of(r, &mailwarden::MessageAuthReport::from_domain);
}
const char* mw_message_report_summary(const mw_message_report* r) {
    return text_of(r, &mailwarden::MessageAuthReport::summary);
}
const char* mw_message_report_our_auth_results(const mw_message_report* r) {
    return text_of(r, &mailwarden::MessageAuthReport::our_authentication_results);
}
size_t mw_message_report_dkim_count(const mw_message_report* r) { return r != nullptr ? r->dkim.size() : 0; }
const mw_dkim_check* mw_message_report_dkim_get(const mw_message_report* r, size_t index) {
    return r != nullptr ? element_at(&r->dkim, index) : nullptr;
}
int mw_message_report_spf_checked(const mw_message_report* r) { return r != nullptr && r->value.spf ? 1 : 0; }
const char* mw_message_report_spf_result(const mw_message_report* r) {
    return spf_text(r, &mailwarden::SpfCheck::result);
}
const char* mw_message_report_spf_domain(const mw_message_report* r) {
    return spf_text(r, &mailwarden::SpfCheck::domain);
}
const char* mw_message_report_spf_scope(const mw_message_report* r) { return spf_text(r, &mailwarden::SpfCheck::scope); }
const char* mw_message_report_spf_explanation(const mw_message_report* r) {
    return spf_text(r, &mailwarden::SpfCheck::explanation);
}
const char* mw_message_report_dmarc_result(const mw_message_report* r) {
    return text_of(r, &mailwarden::MessageAuthReport::dmarc_result);
}
const char* mw_message_report_dmarc_reason(const mw_message_report* r) {
    return text_of(r, &mailwarden::MessageAuthReport::dmarc_reason);
}
const char* mw_message_report_from_problem(const mw_message_report* r) {
    return text_of(r, &mailwarden::MessageAuthReport::from_problem);
}
const char* mw_message_report_dmarc_policy(const mw_message_report* r) {
    return text_of(r, &mailwarden::MessageAuthReport::dmarc_policy);
}
const char* mw_message_report_dmarc_disposition(const mw_message_report* r) {
    return text_of(r, &mailwarden::MessageAuthReport::dmarc_disposition);
}
const char* mw_message_report_dmarc_record_domain(const mw_message_report* r) {
    return text_of(r, &mailwarden::MessageAuthReport::dmarc_record_domain);
}
const char* mw_message_report_organizational_domain(const mw_message_report* r) {
    return text_of(r, &mailwarden::MessageAuthReport::organizational_domain);
}
int mw_message_report_spf_aligned(const mw_message_report* r) { return r != nullptr && r->value.spf_aligned ? 1 : 0; }
int mw_message_report_dkim_aligned(const mw_message_report* r) {
    return r != nullptr && r->value.dkim_aligned ? 1 : 0;
}
const char* mw_message_report_arc_result(const mw_message_report* r) {
    return text_of(r, &mailwarden::MessageAuthReport::arc_result);
}
const char* mw_message_report_arc_reason(const mw_message_report* r) {
    return text_of(r, &mailwarden::MessageAuthReport::arc_reason);
}
int mw_message_report_arc_hops(const mw_message_report* r) { return r != nullptr ? r->value.arc_hops : 0; }
int mw_message_report_arc_oldest_pass(const mw_message_report* r) {
    return r != nullptr ? r->value.arc_oldest_pass : 0;
}
size_t mw_message_report_auth_results_count(const mw_message_report* r) {
    return r != nullptr ? r->auth_results.size() : 0;
}
const mw_auth_results* mw_message_report_auth_results_get(const mw_message_report* r, size_t index) {
    return r != nullptr ? element_at(&r->auth_results, index) : nullptr;
}
int mw_message_report_to_json(char** out, const mw_message_report* r, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (r == nullptr) return fail_null(err, "report");
    return guarded(err, [&] { return mailwarden::capi::return_string(out, mailwarden::to_json(r->value), err); });
}

/* ---- DKIM checks ---- */

const char* mw_dkim_check_result(const mw_dkim_check* c) { return dkim_text(c, &mailwarden::DkimCheck::result); }
const char* mw_dkim_check_reason(const mw_dkim_check* c) { return dkim_text(c, &mailwarden::DkimCheck::reason); }
const char* mw_dkim_check_detail(const mw_dkim_check* c) { return dkim_text(c, &mailwarden::DkimCheck::detail); }
const char* mw_dkim_check_domain(const mw_dkim_check* c) { return dkim_text(c, &mailwarden::DkimCheck::domain); }
const char* mw_dkim_check_selector(const mw_dkim_check* c) { return dkim_text(c, &mailwarden::DkimCheck::selector); }
const char* mw_dkim_check_algorithm(const mw_dkim_check* c) {
    return dkim_text(c, &mailwarden::DkimCheck::algorithm);
}
const char* mw_dkim_check_canonicalization(const mw_dkim_check* c) {
    return dkim_text(c, &mailwarden::DkimCheck::canonicalization);
}
const char* mw_dkim_check_identity(const mw_dkim_check* c) { return dkim_text(c, &mailwarden::DkimCheck::identity); }
size_t mw_dkim_check_signed_header_count(const mw_dkim_check* c) {
    return c != nullptr ? c->value.signed_headers.size() : 0;
}
const char* mw_dkim_check_signed_header(const mw_dkim_check* c, size_t index) {
    return c_str_or_empty(c != nullptr ? element_at(&c->value.signed_headers, index) : nullptr);
}
unsigned mw_dkim_check_key_bits(const mw_dkim_check* c) { return c != nullptr ? c->value.key_bits : 0; }
int mw_dkim_check_key_testing(const mw_dkim_check* c) { return c != nullptr && c->value.key_testing ? 1 : 0; }
const char* mw_dkim_check_body_hash_expected(const mw_dkim_check* c) {
    return dkim_text(c, &mailwarden::DkimCheck::body_hash_expected);
}
const char* mw_dkim_check_body_hash_computed(const mw_dkim_check* c) {
    return dkim_text(c, &mailwarden::DkimCheck::body_hash_computed);
}

/* ---- Authentication-Results fields ---- */

const char* mw_auth_results_authserv_id(const mw_auth_results* f) {
    return f != nullptr ? f->value.authserv_id.c_str() : "";
}
size_t mw_auth_results_count(const mw_auth_results* f) { return f != nullptr ? f->value.results.size() : 0; }
const char* mw_auth_results_method(const mw_auth_results* f, size_t index) {
    const auto* e = entry_at(f, index);
    return e != nullptr ? e->method.c_str() : "";
}
const char* mw_auth_results_result(const mw_auth_results* f, size_t index) {
    const auto* e = entry_at(f, index);
    return e != nullptr ? e->result.c_str() : "";
}
const char* mw_auth_results_reason(const mw_auth_results* f, size_t index) {
    const auto* e = entry_at(f, index);
    return e != nullptr ? e->reason.c_str() : "";
}
size_t mw_auth_results_property_count(const mw_auth_results* f, size_t index) {
    const auto* e = entry_at(f, index);
    return e != nullptr ? e->properties.size() : 0;
}
const char* mw_auth_results_property_name(const mw_auth_results* f, size_t index, size_t property) {
    const auto* p = property_at(f, index, property);
    return p != nullptr ? p->first.c_str() : "";
}
const char* mw_auth_results_property_value(const mw_auth_results* f, size_t index, size_t property) {
    const auto* p = property_at(f, index, property);
    return p != nullptr ? p->second.c_str() : "";
}
const char* mw_auth_results_unparsed(const mw_auth_results* f) { return f != nullptr ? f->value.unparsed.c_str() : ""; }

}  // extern "C"
