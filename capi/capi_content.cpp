// Content checks through the C ABI: the options, the check, the report with
// its findings and links, and the HTML sanitizer on its own.
#include "capi_dns.hpp"
#include "capi_internal.hpp"
#include "capi_registry.hpp"

#include <mailwarden/content_check.hpp>
#include <mailwarden/content_policy.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

struct mw_content_options {
    mailwarden::ContentCheckOptions value;
    bool custom_shorteners = false;  // the first add replaces the defaults
};

struct mw_content_link {
    mailwarden::LinkCheck value;
};

struct mw_content_report {
    mailwarden::ContentReport value;
    std::vector<mw_content_link> links;  // value.links, as handles
};

namespace {

using mailwarden::capi::element_at;
using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::guarded;
using mailwarden::capi::set_option;

bool valid_severity(int severity) noexcept {
    return severity >= MW_CONTENT_SEVERITY_INFO && severity <= MW_CONTENT_SEVERITY_BLOCK;
}

// 127.0.0.0/8 in dotted form: what a blocklist answers.
bool loopback_answer(std::string_view address) {
    const auto ip = mailwarden::dns::IpAddress::parse(address);
    return ip && address.starts_with("127.") && address.find(':') == std::string_view::npos;
}

mailwarden::Blocklist* list_named(mw_content_options& o, std::string_view name) {
    auto& lists = o.value.blocklists;
    const auto it = std::find_if(lists.begin(), lists.end(), [&](const auto& l) { return l.name == name; });
    return it != lists.end() ? &*it : nullptr;
}

// The list a code or refusal is for, checked; MW_OK or a failure status.
int find_list(mw_content_options& o, const char* list_name, const char* address, mailwarden::Blocklist*& out,
              mw_error** err) {
    if (list_name == nullptr) return fail_null(err, "list_name");
    if (address == nullptr) return fail_null(err, "address");
    out = list_named(o, list_name);
    if (out == nullptr) return fail(err, MW_EINVAL, "no blocklist named '" + std::string(list_name) + "'");
    if (!loopback_answer(address))
        return fail(err, MW_EINVAL, std::string(address) + " is not a blocklist answer (an IPv4 address in 127.0.0.0/8)");
    return MW_OK;
}

const mailwarden::ContentFinding* finding_at(const mw_content_report* r, size_t index) {
    return r != nullptr ? element_at(&r->value.findings, index) : nullptr;
}

const char* link_text(const mw_content_link* l, std::string mailwarden::LinkCheck::*field) {
    return l != nullptr ? (l->value.*field).c_str() : "";
}

}  // namespace

extern "C" {

const char* mw_content_verdict_name(int verdict) {
    if (verdict < MW_CONTENT_PASS || verdict > MW_CONTENT_BLOCK) return nullptr;
    return mailwarden::to_string(static_cast<mailwarden::ContentVerdict>(verdict)).data();
}

const char* mw_content_severity_name(int severity) {
    if (!valid_severity(severity)) return nullptr;
    return mailwarden::to_string(static_cast<mailwarden::ContentSeverity>(severity)).data();
}

/* ---- options ---- */

int mw_content_options_new(mw_content_options** out, mw_error** err) { return mailwarden::capi::new_options(out, err); }
void mw_content_options_free(mw_content_options* o) { delete o; }

int mw_content_options_set_resolver(mw_content_options* o, mw_resolver* resolver, mw_error** err) {
    return mailwarden::capi::set_resolver(o != nullptr ? &o->value.resolver : nullptr, resolver, err);
}

int mw_content_options_add_blocklist(mw_content_options* o, const char* name, const char* zone, int kind,
                                     int severity, mw_error** err) {
    if (name == nullptr || *name == '\0') return fail(err, MW_EINVAL, "the blocklist needs a name");
    if (zone == nullptr || *zone == '\0') return fail(err, MW_EINVAL, "the blocklist needs a zone");
    if (kind != MW_BLOCKLIST_DOMAIN && kind != MW_BLOCKLIST_IP)
        return fail(err, MW_EINVAL, "the kind must be an mw_blocklist_kind value");
    if (!valid_severity(severity)) return fail(err, MW_EINVAL, "the severity must be an mw_content_severity value");
    return set_option(o, err, [&](mw_content_options& opt) -> int {
        if (list_named(opt, name) != nullptr)
            return fail(err, MW_EINVAL, "a blocklist named '" + std::string(name) + "' is already there");
        mailwarden::Blocklist list;
        list.name = name;
        list.zone = zone;
        list.kind = static_cast<mailwarden::BlocklistKind>(kind);
        list.severity = static_cast<mailwarden::ContentSeverity>(severity);
        opt.value.blocklists.push_back(std::move(list));
        return MW_OK;
    });
}

int mw_content_options_add_blocklist_code(mw_content_options* o, const char* list_name, const char* address,
                                          const char* reason, mw_error** err) {
    if (reason == nullptr) return fail_null(err, "reason");
    return set_option(o, err, [&](mw_content_options& opt) -> int {
        mailwarden::Blocklist* list = nullptr;
        if (const int status = find_list(opt, list_name, address, list, err); status != MW_OK) return status;
        list->codes[address] = reason;
        return MW_OK;
    });
}

int mw_content_options_add_blocklist_refusal(mw_content_options* o, const char* list_name, const char* address,
                                             mw_error** err) {
    return set_option(o, err, [&](mw_content_options& opt) -> int {
        mailwarden::Blocklist* list = nullptr;
        if (const int status = find_list(opt, list_name, address, list, err); status != MW_OK) return status;
        list->refusal_codes.emplace_back(address);
        return MW_OK;
    });
}

int mw_content_options_set_spamd(mw_content_options* o, const char* host, uint16_t port, uint32_t timeout_ms,
                                 double review_at, double block_at, mw_error** err) {
    if (host == nullptr || *host == '\0') return fail(err, MW_EINVAL, "spamd needs a host");
    if (port == 0) return fail(err, MW_EINVAL, "spamd needs a port");
    if (timeout_ms == 0) return fail(err, MW_EINVAL, "the spamd timeout must be at least 1 ms");
    if (!(block_at >= review_at)) return fail(err, MW_EINVAL, "block_at must not be below review_at");
    return set_option(o, err, [&](mw_content_options& opt) {
        opt.value.spamd = mailwarden::SpamdServer{host, port, std::chrono::milliseconds(timeout_ms), review_at, block_at};
    });
}

int mw_content_options_add_shortener(mw_content_options* o, const char* domain, mw_error** err) {
    if (domain == nullptr || *domain == '\0') return fail(err, MW_EINVAL, "the shortener domain must not be empty");
    return set_option(o, err, [&](mw_content_options& opt) {
        if (!opt.custom_shorteners) opt.value.shortener_domains.clear();
        opt.custom_shorteners = true;
        opt.value.shortener_domains.emplace_back(domain);
    });
}

int mw_content_options_set_max_message_bytes(mw_content_options* o, size_t bytes, mw_error** err) {
    if (bytes == 0) return fail(err, MW_EINVAL, "max_message_bytes must be at least 1");
    return set_option(o, err, [&](mw_content_options& opt) { opt.value.max_message_bytes = bytes; });
}

int mw_content_options_set_max_links(mw_content_options* o, size_t count, mw_error** err) {
    if (count == 0) return fail(err, MW_EINVAL, "max_links must be at least 1");
    return set_option(o, err, [&](mw_content_options& opt) { opt.value.max_links = count; });
}

int mw_content_options_set_max_concurrent_lookups(mw_content_options* o, size_t count, mw_error** err) {
    if (count == 0) return fail(err, MW_EINVAL, "max_concurrent_lookups must be at least 1");
    return set_option(o, err, [&](mw_content_options& opt) { opt.value.max_concurrent_lookups = count; });
}

/* ---- the check and its report ---- */

int mw_content_check(mw_content_report** out, const char* message, size_t length, const mw_content_options* o,
                     mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (message == nullptr && length > 0) return fail_null(err, "message");
    return guarded(err, [&]() -> int {
        static const mailwarden::ContentCheckOptions defaults;
        auto report = mailwarden::check_content(std::string_view(message != nullptr ? message : "", length),
                                                o != nullptr ? o->value : defaults);
        if (!report) return fail(err, report.error());
        auto handle = std::make_unique<mw_content_report>();
        for (const auto& link : report->links) handle->links.push_back({link});
        handle->value = std::move(*report);
        *out = handle.release();
        return MW_OK;
    });
}

void mw_content_report_free(mw_content_report* r) { delete r; }

int mw_content_report_verdict(const mw_content_report* r) { return r != nullptr ? static_cast<int>(r->value.verdict) : -1; }
size_t mw_content_report_finding_count(const mw_content_report* r) { return r != nullptr ? r->value.findings.size() : 0; }
const char* mw_content_report_finding_id(const mw_content_report* r, size_t index) {
    const auto* f = finding_at(r, index);
    return f != nullptr ? f->id.c_str() : "";
}
int mw_content_report_finding_severity(const mw_content_report* r, size_t index) {
    const auto* f = finding_at(r, index);
    return f != nullptr ? static_cast<int>(f->severity) : -1;
}
const char* mw_content_report_finding_evidence(const mw_content_report* r, size_t index) {
    const auto* f = finding_at(r, index);
    return f != nullptr ? f->evidence.c_str() : "";
}
int mw_content_report_has_finding(const mw_content_report* r, const char* id) {
    return r != nullptr && id != nullptr && r->value.has_finding(id) ? 1 : 0;
}
size_t mw_content_report_link_count(const mw_content_report* r) { return r != nullptr ? r->links.size() : 0; }
const mw_content_link* mw_content_report_link_get(const mw_content_report* r, size_t index) {
    return r != nullptr ? element_at(&r->links, index) : nullptr;
}
int mw_content_report_has_spam_score(const mw_content_report* r) { return r != nullptr && r->value.spam ? 1 : 0; }
double mw_content_report_spam_score(const mw_content_report* r) {
    return r != nullptr && r->value.spam ? r->value.spam->score : 0;
}
double mw_content_report_spam_threshold(const mw_content_report* r) {
    return r != nullptr && r->value.spam ? r->value.spam->threshold : 0;
}
size_t mw_content_report_spam_rule_count(const mw_content_report* r) {
    return r != nullptr && r->value.spam ? r->value.spam->rules.size() : 0;
}
const char* mw_content_report_spam_rule(const mw_content_report* r, size_t index) {
    const auto* rule = r != nullptr && r->value.spam ? element_at(&r->value.spam->rules, index) : nullptr;
    return rule != nullptr ? rule->c_str() : "";
}
const char* mw_content_report_sanitized_html(const mw_content_report* r) {
    return r != nullptr && r->value.sanitized ? r->value.sanitized->html.c_str() : nullptr;
}
const char* mw_content_report_text_alternative(const mw_content_report* r) {
    return r != nullptr && r->value.sanitized ? r->value.sanitized->text.c_str() : nullptr;
}
int mw_content_report_to_json(char** out, const mw_content_report* r, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (r == nullptr) return fail_null(err, "report");
    return guarded(err, [&] { return mailwarden::capi::return_string(out, mailwarden::to_json(r->value), err); });
}

/* ---- links ---- */

const char* mw_content_link_url(const mw_content_link* l) { return link_text(l, &mailwarden::LinkCheck::url); }
const char* mw_content_link_domain(const mw_content_link* l) { return link_text(l, &mailwarden::LinkCheck::domain); }
const char* mw_content_link_ip(const mw_content_link* l) { return link_text(l, &mailwarden::LinkCheck::ip); }
const char* mw_content_link_source(const mw_content_link* l) { return link_text(l, &mailwarden::LinkCheck::source); }
int mw_content_link_obfuscated(const mw_content_link* l) { return l != nullptr && l->value.obfuscated ? 1 : 0; }
int mw_content_link_shortener(const mw_content_link* l) { return l != nullptr && l->value.shortener ? 1 : 0; }
size_t mw_content_link_listed_count(const mw_content_link* l) { return l != nullptr ? l->value.listed_on.size() : 0; }
const char* mw_content_link_listed_get(const mw_content_link* l, size_t index) {
    return mailwarden::capi::c_str_or_empty(l != nullptr ? element_at(&l->value.listed_on, index) : nullptr);
}
size_t mw_content_link_unknown_count(const mw_content_link* l) { return l != nullptr ? l->value.unknown_on.size() : 0; }
const char* mw_content_link_unknown_get(const mw_content_link* l, size_t index) {
    return mailwarden::capi::c_str_or_empty(l != nullptr ? element_at(&l->value.unknown_on, index) : nullptr);
}

/* ---- a registry's policy ---- */

int mw_registry_options_set_content_policy(mw_registry_options* o, const char* account,
                                           const mw_content_options* content, int on_review, int on_block,
                                           mw_error** err) {
    if (content == nullptr) return fail_null(err, "content");
    const auto valid = [](int action) { return action == MW_CONTENT_SEND || action == MW_CONTENT_REFUSE; };
    if (!valid(on_review) || !valid(on_block)) return fail(err, MW_EINVAL, "an action must be an mw_content_action value");
    return set_option(o, err, [&](mw_registry_options& opt) {
        mailwarden::ContentPolicy policy;
        policy.options = content->value;
        policy.on_review = static_cast<mailwarden::ContentAction>(on_review);
        policy.on_block = static_cast<mailwarden::ContentAction>(on_block);
        opt.channel.content_policies[account != nullptr && *account != '\0' ? account : "*"] = std::move(policy);
    });
}

/* ---- the sanitizer ---- */

int mw_sanitize_html(char** safe_html, char** text, const char* html, size_t length, mw_error** err) {
    if (safe_html == nullptr) return fail_null(err, "safe_html");
    if (html == nullptr && length > 0) return fail_null(err, "html");
    return guarded(err, [&]() -> int {
        auto sanitized = mailwarden::sanitize_html(std::string_view(html != nullptr ? html : "", length));
        if (!sanitized) return fail(err, sanitized.error());
        char* safe = mailwarden::capi::copy_string(sanitized->html);
        char* plain = text != nullptr ? mailwarden::capi::copy_string(sanitized->text) : nullptr;
        if (safe == nullptr || (text != nullptr && plain == nullptr)) {
            mw_string_free(safe);
            mw_string_free(plain);
            return fail(err, MW_ENOMEM, "out of memory");
        }
        *safe_html = safe;
        if (text != nullptr) *text = plain;
        return MW_OK;
    });
}

}  // extern "C"
