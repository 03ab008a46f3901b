// The domain-authentication report through the C ABI.
#include "capi_dns.hpp"
#include "capi_ses.hpp"

#include <mailwarden/domain_auth.hpp>
#include <mailwarden/ses/domain_report.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct mw_domain_record {
    mailwarden::PublishRecord value;
};

struct mw_domain_finding {
    mailwarden::Finding value;
};

struct mw_domain_report {
    mailwarden::DomainAuthReport report;
    // The same records and findings as handles to lend out.
    std::vector<mw_domain_record> records;
    std::vector<mw_domain_finding> findings;
};

namespace {

using mailwarden::capi::element_at;
using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::guarded;
using mailwarden::capi::return_string;
using mailwarden::capi::with_handle;

std::unique_ptr<mw_domain_report> make_report(mailwarden::DomainAuthReport report) {
    auto out = std::make_unique<mw_domain_report>();
    for (const auto& r : report.records) out->records.push_back({r});
    for (const auto& f : report.findings) out->findings.push_back({f});
    out->report = std::move(report);
    return out;
}

}  // namespace

extern "C" {

const char* mw_verdict_name(int verdict) {
    if (verdict < MW_VERDICT_PASS || verdict > MW_VERDICT_FAIL) return nullptr;
    return mailwarden::to_string(static_cast<mailwarden::AuthVerdict>(verdict)).data();
}

const char* mw_severity_name(int severity) {
    if (severity < MW_SEVERITY_INFO || severity > MW_SEVERITY_ERROR) return nullptr;
    return mailwarden::to_string(static_cast<mailwarden::Severity>(severity)).data();
}

const char* mw_record_status_name(int status) {
    if (status < MW_RECORD_OK || status > MW_RECORD_UNKNOWN) return nullptr;
    return mailwarden::to_string(static_cast<mailwarden::RecordStatus>(status)).data();
}

int mw_domain_check(mw_domain_report** out, mw_resolver* resolver, const char* domain, const char* region,
                    const char* const* dkim_tokens, size_t token_count, const char* mail_from, mw_error** err) {
    return mw_domain_check_with_keys(out, resolver, domain, region, dkim_tokens, token_count, mail_from, nullptr, err);
}

int mw_domain_check_with_keys(mw_domain_report** out, mw_resolver* resolver, const char* domain, const char* region,
                              const char* const* dkim_tokens, size_t token_count, const char* mail_from,
                              const char* key_folder, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (domain == nullptr) return fail_null(err, "domain");
    if (*domain == '\0') return fail(err, MW_EINVAL, "domain must not be empty");
    if (dkim_tokens == nullptr && token_count > 0) return fail_null(err, "dkim_tokens");
    for (size_t i = 0; i < token_count; ++i)
        if (dkim_tokens[i] == nullptr) return fail_null(err, "dkim_tokens[i]");
    return with_handle(resolver, "resolver", err, [&](mw_resolver& res) -> int {
        mailwarden::DomainAuthRequest request;
        request.domain = domain;
        if (region != nullptr && *region != '\0') request.region = region;
        request.dkim_tokens.assign(dkim_tokens, dkim_tokens + token_count);
        if (mail_from != nullptr) request.mail_from_domain = mail_from;
        if (key_folder != nullptr && *key_folder != '\0') {
            auto signers = mailwarden::load_dkim_keys(key_folder);
            if (!signers) return fail(err, signers.error());
            request.dkim_keys = mailwarden::dkim_selector_keys(*signers, domain);
        }
        *out = make_report(mailwarden::check_domain_auth(*res.resolver, request)).release();
        return MW_OK;
    });
}

int mw_domain_check_ses(mw_domain_report** out, mw_resolver* resolver, mw_ses_client* client, const char* domain,
                        mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (domain == nullptr) return fail_null(err, "domain");
    if (*domain == '\0') return fail(err, MW_EINVAL, "domain must not be empty");
    if (std::string_view(domain).back() == '@') return fail(err, MW_EINVAL, "the address has no domain");
    if (resolver == nullptr) return fail_null(err, "resolver");
    if (client == nullptr) return fail_null(err, "client");
    return with_handle(resolver, "resolver", err, [&](mw_resolver& res) -> int {
        const auto ses = mailwarden::capi::shared_client(client);
        if (!ses) return fail(err, MW_EINVAL, "client is closed (already freed)");
        auto report = mailwarden::check_domain_auth(*res.resolver, *ses, domain);
        if (!report) return fail(err, report.error());
        *out = make_report(std::move(*report)).release();
        return MW_OK;
    });
}

void mw_domain_report_free(mw_domain_report* report) { delete report; }

const char* mw_domain_report_domain(const mw_domain_report* r) { return r != nullptr ? r->report.domain.c_str() : ""; }
const char* mw_domain_report_region(const mw_domain_report* r) { return r != nullptr ? r->report.region.c_str() : ""; }
int mw_domain_report_verdict(const mw_domain_report* r) { return r != nullptr ? static_cast<int>(r->report.verdict) : -1; }

size_t mw_domain_report_record_count(const mw_domain_report* r) { return r != nullptr ? r->records.size() : 0; }
const mw_domain_record* mw_domain_report_record_get(const mw_domain_report* r, size_t index) {
    return element_at(r != nullptr ? &r->records : nullptr, index);
}
const char* mw_domain_record_purpose(const mw_domain_record* r) { return r != nullptr ? r->value.purpose.c_str() : ""; }
const char* mw_domain_record_name(const mw_domain_record* r) { return r != nullptr ? r->value.name.c_str() : ""; }
const char* mw_domain_record_type(const mw_domain_record* r) { return r != nullptr ? r->value.type.c_str() : ""; }
const char* mw_domain_record_value(const mw_domain_record* r) { return r != nullptr ? r->value.value.c_str() : ""; }
int mw_domain_record_status(const mw_domain_record* r) { return r != nullptr ? static_cast<int>(r->value.status) : -1; }
size_t mw_domain_record_found_count(const mw_domain_record* r) { return r != nullptr ? r->value.found.size() : 0; }
const char* mw_domain_record_found_get(const mw_domain_record* r, size_t index) {
    return mailwarden::capi::c_str_or_empty(element_at(r != nullptr ? &r->value.found : nullptr, index));
}

size_t mw_domain_report_finding_count(const mw_domain_report* r) { return r != nullptr ? r->findings.size() : 0; }
const mw_domain_finding* mw_domain_report_finding_get(const mw_domain_report* r, size_t index) {
    return element_at(r != nullptr ? &r->findings : nullptr, index);
}
const char* mw_domain_finding_id(const mw_domain_finding* f) { return f != nullptr ? f->value.id.c_str() : ""; }
int mw_domain_finding_severity(const mw_domain_finding* f) {
    return f != nullptr ? static_cast<int>(f->value.severity) : -1;
}
const char* mw_domain_finding_message(const mw_domain_finding* f) { return f != nullptr ? f->value.message.c_str() : ""; }

int mw_domain_report_to_json(char** out, const mw_domain_report* report, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (report == nullptr) return fail_null(err, "report");
    return guarded(err, [&]() -> int { return return_string(out, mailwarden::to_json(report->report), err); });
}

}  // extern "C"
