// The DNS resolver, the domain-authentication report and SPF checks through
// the C ABI.
#include "capi_internal.hpp"
#include "capi_ses.hpp"

#include <mailwarden/dns.hpp>
#include <mailwarden/domain_auth.hpp>
#include <mailwarden/spf.hpp>

#include <boost/json.hpp>

#include <memory>
#include <string>
#include <string_view>

struct mw_resolver_options {
    mailwarden::dns::ResolverOptions options;
};

struct mw_resolver {
    std::shared_ptr<mailwarden::dns::Resolver> resolver;
};

struct mw_domain_report {
    mailwarden::DomainAuthReport report;
};

struct mw_spf_outcome {
    mailwarden::spf::SpfOutcome outcome;
};

namespace {

using mailwarden::capi::copy_string;
using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::guarded;

const mailwarden::PublishRecord* record_at(const mw_domain_report* r, size_t index) {
    return r != nullptr && index < r->report.records.size() ? &r->report.records[index] : nullptr;
}

const mailwarden::Finding* finding_at(const mw_domain_report* r, size_t index) {
    return r != nullptr && index < r->report.findings.size() ? &r->report.findings[index] : nullptr;
}

int json_out(char** out, const std::string& json, mw_error** err) {
    char* copy = copy_string(json);
    if (copy == nullptr) return fail(err, MW_ENOMEM, "out of memory");
    *out = copy;
    return MW_OK;
}

}  // namespace

extern "C" {

int mw_resolver_options_new(mw_resolver_options** out, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    return guarded(err, [&] {
        *out = new mw_resolver_options{};
        return MW_OK;
    });
}

void mw_resolver_options_free(mw_resolver_options* options) { delete options; }

int mw_resolver_options_add_server(mw_resolver_options* options, const char* server, mw_error** err) {
    if (options == nullptr) return fail_null(err, "options");
    if (server == nullptr) return fail_null(err, "server");
    return guarded(err, [&] {
        options->options.servers.emplace_back(server);
        return MW_OK;
    });
}

int mw_resolver_options_set_timeout_ms(mw_resolver_options* options, int64_t timeout_ms, mw_error** err) {
    if (options == nullptr) return fail_null(err, "options");
    if (timeout_ms < 1) return fail(err, MW_EINVAL, "timeout_ms must be at least 1");
    options->options.timeout = std::chrono::milliseconds(timeout_ms);
    return MW_OK;
}

int mw_resolver_options_set_tries(mw_resolver_options* options, int tries, mw_error** err) {
    if (options == nullptr) return fail_null(err, "options");
    if (tries < 1) return fail(err, MW_EINVAL, "tries must be at least 1");
    options->options.tries = tries;
    return MW_OK;
}

int mw_resolver_options_set_cache(mw_resolver_options* options, int enable, mw_error** err) {
    if (options == nullptr) return fail_null(err, "options");
    options->options.cache = enable != 0;
    return MW_OK;
}

int mw_resolver_open(mw_resolver** out, const mw_resolver_options* options, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    return guarded(err, [&] {
        static const mailwarden::dns::ResolverOptions defaults;
        const auto& o = options != nullptr ? options->options : defaults;
        std::error_code ec;
        auto resolver = mailwarden::dns::make_resolver(o, ec);
        if (ec || !resolver) {
            std::string context = "cannot open the resolver (servers:";
            for (const auto& s : o.servers) context += " '" + s + "'";
            if (o.servers.empty()) context += " the system's";
            return fail(err, ec ? ec : mailwarden::make_error_code(mailwarden::errc::internal), context + ")");
        }
        *out = new mw_resolver{std::move(resolver)};
        return MW_OK;
    });
}

void mw_resolver_free(mw_resolver* resolver) { delete resolver; }

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
    if (out == nullptr) return fail_null(err, "out");
    if (resolver == nullptr) return fail_null(err, "resolver");
    if (domain == nullptr) return fail_null(err, "domain");
    if (*domain == '\0') return fail(err, MW_EINVAL, "domain must not be empty");
    if (dkim_tokens == nullptr && token_count > 0) return fail_null(err, "dkim_tokens");
    for (size_t i = 0; i < token_count; ++i)
        if (dkim_tokens[i] == nullptr) return fail_null(err, "dkim_tokens[i]");
    return guarded(err, [&] {
        mailwarden::DomainAuthRequest request;
        request.domain = domain;
        if (region != nullptr && *region != '\0') request.region = region;
        request.dkim_tokens.assign(dkim_tokens, dkim_tokens + token_count);
        if (mail_from != nullptr) request.mail_from_domain = mail_from;
        auto report = std::make_unique<mw_domain_report>();
        report->report = mailwarden::check_domain_auth(*resolver->resolver, request);
        *out = report.release();
        return MW_OK;
    });
}

int mw_domain_check_ses(mw_domain_report** out, mw_resolver* resolver, mw_ses_client* client, const char* domain,
                        mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (resolver == nullptr) return fail_null(err, "resolver");
    if (client == nullptr || !client->client) return fail_null(err, "client");
    if (domain == nullptr) return fail_null(err, "domain");
    if (*domain == '\0') return fail(err, MW_EINVAL, "domain must not be empty");
    return guarded(err, [&] {
        if (std::string_view(domain).back() == '@')
            return fail(err, MW_EINVAL, std::string("the address has no domain: ") + domain);
        auto report = mailwarden::check_domain_auth(*resolver->resolver, *client->client, domain);
        if (!report) return mailwarden::capi::fail_ses(err, report.error());
        *out = new mw_domain_report{std::move(*report)};
        return MW_OK;
    });
}

void mw_domain_report_free(mw_domain_report* report) { delete report; }

const char* mw_domain_report_domain(const mw_domain_report* r) { return r != nullptr ? r->report.domain.c_str() : ""; }
const char* mw_domain_report_region(const mw_domain_report* r) { return r != nullptr ? r->report.region.c_str() : ""; }
int mw_domain_report_verdict(const mw_domain_report* r) { return r != nullptr ? static_cast<int>(r->report.verdict) : -1; }

size_t mw_domain_report_record_count(const mw_domain_report* r) { return r != nullptr ? r->report.records.size() : 0; }

const char* mw_domain_report_record_purpose(const mw_domain_report* r, size_t i) {
    const auto* rec = record_at(r, i);
    return rec != nullptr ? rec->purpose.c_str() : "";
}
const char* mw_domain_report_record_name(const mw_domain_report* r, size_t i) {
    const auto* rec = record_at(r, i);
    return rec != nullptr ? rec->name.c_str() : "";
}
const char* mw_domain_report_record_type(const mw_domain_report* r, size_t i) {
    const auto* rec = record_at(r, i);
    return rec != nullptr ? rec->type.c_str() : "";
}
const char* mw_domain_report_record_value(const mw_domain_report* r, size_t i) {
    const auto* rec = record_at(r, i);
    return rec != nullptr ? rec->value.c_str() : "";
}
int mw_domain_report_record_status(const mw_domain_report* r, size_t i) {
    const auto* rec = record_at(r, i);
    return rec != nullptr ? static_cast<int>(rec->status) : -1;
}
size_t mw_domain_report_record_found_count(const mw_domain_report* r, size_t i) {
    const auto* rec = record_at(r, i);
    return rec != nullptr ? rec->found.size() : 0;
}
const char* mw_domain_report_record_found(const mw_domain_report* r, size_t i, size_t found_index) {
    const auto* rec = record_at(r, i);
    return rec != nullptr && found_index < rec->found.size() ? rec->found[found_index].c_str() : "";
}

size_t mw_domain_report_finding_count(const mw_domain_report* r) { return r != nullptr ? r->report.findings.size() : 0; }

const char* mw_domain_report_finding_id(const mw_domain_report* r, size_t i) {
    const auto* f = finding_at(r, i);
    return f != nullptr ? f->id.c_str() : "";
}
int mw_domain_report_finding_severity(const mw_domain_report* r, size_t i) {
    const auto* f = finding_at(r, i);
    return f != nullptr ? static_cast<int>(f->severity) : -1;
}
const char* mw_domain_report_finding_message(const mw_domain_report* r, size_t i) {
    const auto* f = finding_at(r, i);
    return f != nullptr ? f->message.c_str() : "";
}

int mw_domain_report_to_json(char** out, const mw_domain_report* report, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (report == nullptr) return fail_null(err, "report");
    return guarded(err, [&] { return json_out(out, mailwarden::to_json(report->report), err); });
}

const char* mw_spf_result_name(int result) {
    if (result < MW_SPF_NONE || result > MW_SPF_PERMERROR) return nullptr;
    return mailwarden::spf::to_string(static_cast<mailwarden::spf::Result>(result)).data();
}

int mw_spf_check(mw_spf_outcome** out, mw_resolver* resolver, const char* ip, const char* sender, const char* helo,
                 mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (resolver == nullptr) return fail_null(err, "resolver");
    if (ip == nullptr) return fail_null(err, "ip");
    return guarded(err, [&] {
        const auto address = mailwarden::dns::IpAddress::parse(ip);
        if (!address) return fail(err, MW_EINVAL, std::string("not an IPv4 or IPv6 address: ") + ip);
        mailwarden::spf::SpfRequest request;
        request.ip = *address;
        if (sender != nullptr) request.sender = sender;
        if (helo != nullptr) request.helo = helo;
        auto outcome = std::make_unique<mw_spf_outcome>();
        mailwarden::spf::check_host(*resolver->resolver, request, {}, outcome->outcome);
        *out = outcome.release();
        return MW_OK;
    });
}

void mw_spf_outcome_free(mw_spf_outcome* outcome) { delete outcome; }

int mw_spf_outcome_result(const mw_spf_outcome* o) { return o != nullptr ? static_cast<int>(o->outcome.result) : -1; }
const char* mw_spf_outcome_domain(const mw_spf_outcome* o) { return o != nullptr ? o->outcome.domain.c_str() : ""; }
const char* mw_spf_outcome_explanation(const mw_spf_outcome* o) {
    return o != nullptr ? o->outcome.explanation.c_str() : "";
}
const char* mw_spf_outcome_matched(const mw_spf_outcome* o) { return o != nullptr ? o->outcome.matched_term.c_str() : ""; }
const char* mw_spf_outcome_problem(const mw_spf_outcome* o) { return o != nullptr ? o->outcome.problem.c_str() : ""; }
unsigned mw_spf_outcome_lookups(const mw_spf_outcome* o) { return o != nullptr ? o->outcome.dns_lookups : 0; }
unsigned mw_spf_outcome_void_lookups(const mw_spf_outcome* o) { return o != nullptr ? o->outcome.void_lookups : 0; }

int mw_spf_outcome_to_json(char** out, const mw_spf_outcome* outcome, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (outcome == nullptr) return fail_null(err, "outcome");
    return guarded(err, [&] {
        const auto& o = outcome->outcome;
        return json_out(out,
                        boost::json::serialize(boost::json::object{{"result", mailwarden::spf::to_string(o.result)},
                                                                   {"domain", o.domain},
                                                                   {"explanation", o.explanation},
                                                                   {"matched", o.matched_term},
                                                                   {"matched_domain", o.matched_domain},
                                                                   {"problem", o.problem},
                                                                   {"lookups", o.dns_lookups},
                                                                   {"void_lookups", o.void_lookups}}),
                        err);
    });
}

}  // extern "C"
