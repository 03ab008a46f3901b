// The Amazon SES v2 client through the C ABI.
#include "capi_ses.hpp"

#include <mailwarden/clock.hpp>
#include <mailwarden/ses/domain_report.hpp>

#include <boost/json.hpp>

#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

struct mw_ses_options {
    mailwarden::ses::ClientOptions client;
    // Kept as Credentials (not a provider) so the secret is wiped with the options.
    std::optional<mailwarden::aws::Credentials> credentials;
};

struct mw_ses_identity {
    mailwarden::ses::EmailIdentity value;
};

struct mw_ses_identity_page {
    mailwarden::ses::IdentityPage value;
    std::vector<mw_ses_identity> identities;  // value.identities, readable with the identity accessors
};

struct mw_ses_suppressed_destination {
    mailwarden::ses::SuppressedDestination value;
};

struct mw_ses_suppression_page {
    std::vector<mw_ses_suppressed_destination> destinations;
    std::string next_token;
};

namespace mailwarden::capi {

std::shared_ptr<ses::Client> shared_client(const mw_ses_client* client) noexcept {
    auto* handle = const_cast<mw_ses_client*>(client);  // retain() only counts
    const CallRef<mw_ses_client> ref(handle);
    return ref ? ref->client : nullptr;
}

}  // namespace mailwarden::capi

namespace {

using mailwarden::capi::copy_string;
using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::set_option;
using mailwarden::capi::guarded;
namespace ses = mailwarden::ses;

// A client call with the common argument checks and the exception firewall.
template <class Body>
int client_call(mw_ses_client* c, mw_error** err, Body&& body) noexcept {
    return mailwarden::capi::with_handle(c, "client", err, [&](mw_ses_client& h) -> int { return body(*h.client); });
}

int return_identity(mw_ses_identity** out, ses::SesResult<ses::EmailIdentity> r, mw_error** err) {
    if (!r) return fail(err, r.error());
    if (out != nullptr) *out = new mw_ses_identity{std::move(*r)};
    return MW_OK;
}

bool empty_string(const char* s) { return s == nullptr || *s == '\0'; }

static_assert(MW_SES_MAX_PAGE_SIZE == 1000, "the message below names the limit");

int check_page_size(int page_size, mw_error** err) noexcept {
    if (page_size < 0 || page_size > MW_SES_MAX_PAGE_SIZE)
        return fail(err, MW_EINVAL, "the page size must be between 0 (SES chooses) and 1000");
    return MW_OK;
}

mw_ses_identity identity_of(const ses::IdentitySummary& s) {
    ses::EmailIdentity identity;
    identity.name = s.name;
    identity.identity_type = s.identity_type;
    identity.verified_for_sending = s.sending_enabled;
    identity.verification_status = s.verification_status;
    return mw_ses_identity{std::move(identity)};
}

int reason_code(ses::SuppressionReason reason) {
    return reason == ses::SuppressionReason::bounce ? MW_SES_SUPPRESSION_BOUNCE : MW_SES_SUPPRESSION_COMPLAINT;
}

}  // namespace

extern "C" {

int mw_ses_options_new(mw_ses_options** out, mw_error** err) { return mailwarden::capi::new_options(out, err); }

void mw_ses_options_free(mw_ses_options* o) { delete o; }

int mw_ses_options_set_region(mw_ses_options* o, const char* region, mw_error** err) {
    return set_option(o, err, [&](mw_ses_options& opt) -> int {
        opt.client.region = region != nullptr ? region : "";
        return MW_OK;
    });
}

int mw_ses_options_set_endpoint(mw_ses_options* o, const char* url, mw_error** err) {
    return set_option(o, err, [&](mw_ses_options& opt) -> int {
        opt.client.endpoint = url != nullptr ? url : "";
        return MW_OK;
    });
}

int mw_ses_options_set_allow_plaintext(mw_ses_options* o, int allow, mw_error** err) {
    return set_option(o, err, [&](mw_ses_options& opt) -> int {
        opt.client.http.allow_plaintext = allow != 0;
        return MW_OK;
    });
}

int mw_ses_options_set_ca_file(mw_ses_options* o, const char* path, mw_error** err) {
    return set_option(o, err, [&](mw_ses_options& opt) -> int {
        opt.client.http.ca_file = path != nullptr ? path : "";
        return MW_OK;
    });
}

int mw_ses_options_set_credentials(mw_ses_options* o, const char* access_key_id, const char* secret_access_key,
                                   const char* session_token, mw_error** err) {
    if (empty_string(access_key_id)) return fail(err, MW_EINVAL, "the access key id must not be NULL or empty");
    if (empty_string(secret_access_key))
        return fail(err, MW_EINVAL, "the secret access key must not be NULL or empty");
    return set_option(o, err, [&](mw_ses_options& opt) -> int {
        opt.credentials.emplace(access_key_id, secret_access_key, session_token != nullptr ? session_token : "",
                                "explicit");
        return MW_OK;
    });
}

int mw_ses_options_set_max_attempts(mw_ses_options* o, int attempts, mw_error** err) {
    if (attempts < 1 || attempts > 10) return fail(err, MW_EINVAL, "max attempts must be between 1 and 10");
    return set_option(o, err, [&](mw_ses_options& opt) -> int {
        opt.client.retry.max_attempts = attempts;
        return MW_OK;
    });
}

int mw_ses_options_set_retry_non_idempotent(mw_ses_options* o, int retry, mw_error** err) {
    return set_option(o, err, [&](mw_ses_options& opt) -> int {
        opt.client.retry.retry_non_idempotent = retry != 0;
        return MW_OK;
    });
}

int mw_ses_options_set_rate_limit(mw_ses_options* o, int on, mw_error** err) {
    return set_option(o, err, [&](mw_ses_options& opt) -> int {
        opt.client.rate_limit = on != 0;
        return MW_OK;
    });
}

int mw_ses_options_set_max_send_rate(mw_ses_options* o, double per_second, mw_error** err) {
    if (!std::isfinite(per_second) || per_second < 0)
        return fail(err, MW_EINVAL, "the send rate must be a finite number >= 0");
    return set_option(o, err, [&](mw_ses_options& opt) -> int {
        opt.client.max_send_rate = per_second;
        return MW_OK;
    });
}

int mw_ses_client_open(mw_ses_client** out, const mw_ses_options* o, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    return guarded(err, [&]() -> int {
        ses::ClientOptions options = o != nullptr ? o->client : ses::ClientOptions{};
        if (o != nullptr && o->credentials) options.credentials = mailwarden::aws::make_static_provider(*o->credentials);
        auto client = ses::Client::create(std::move(options));
        if (!client) return fail(err, client.error());
        auto handle = std::make_unique<mw_ses_client>();
        handle->client = std::move(*client);
        *out = mw_ses_client::publish(handle.release());
        return MW_OK;
    });
}

void mw_ses_client_free(mw_ses_client* c) { mw_ses_client::close(c); }

const char* mw_ses_identity_name(const mw_ses_identity* i) { return i != nullptr ? i->value.name.c_str() : ""; }
const char* mw_ses_identity_type(const mw_ses_identity* i) {
    return i != nullptr ? i->value.identity_type.c_str() : "";
}
const char* mw_ses_identity_verification_status(const mw_ses_identity* i) {
    // to_string returns views of string literals: NUL-terminated.
    return i != nullptr ? ses::to_string(i->value.verification_status).data() : "";
}
int mw_ses_identity_verified_for_sending(const mw_ses_identity* i) {
    return i != nullptr && i->value.verified_for_sending ? 1 : 0;
}
size_t mw_ses_identity_dkim_token_count(const mw_ses_identity* i) {
    return i != nullptr ? i->value.dkim.tokens.size() : 0;
}
const char* mw_ses_identity_dkim_token_get(const mw_ses_identity* i, size_t index) {
    if (i == nullptr || index >= i->value.dkim.tokens.size()) return "";
    return i->value.dkim.tokens[index].c_str();
}

const char* mw_ses_identity_mail_from_domain(const mw_ses_identity* i) {
    return i != nullptr ? i->value.mail_from.mail_from_domain.c_str() : "";
}
const char* mw_ses_identity_mail_from_status(const mw_ses_identity* i) {
    return i != nullptr ? ses::to_string(i->value.mail_from.status).data() : "";
}
const char* mw_ses_identity_mail_from_behavior(const mw_ses_identity* i) {
    return i != nullptr ? i->value.mail_from.behavior_on_mx_failure.c_str() : "";
}

int mw_ses_identity_to_json(char** out, const mw_ses_identity* i, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (i == nullptr) return fail_null(err, "identity");
    return guarded(err, [&]() -> int {
        return mailwarden::capi::return_string(out, ses::to_json(i->value), err);
    });
}

void mw_ses_identity_free(mw_ses_identity* i) { delete i; }

int mw_ses_create_identity(mw_ses_identity** out, mw_ses_client* c, const char* identity, mw_error** err) {
    if (empty_string(identity)) return fail(err, MW_EINVAL, "the identity must not be NULL or empty");
    return client_call(c, err, [&](ses::Client& client) -> int {
        return return_identity(out, client.create_email_identity(identity), err);
    });
}

int mw_ses_get_identity(mw_ses_identity** out, mw_ses_client* c, const char* identity, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (empty_string(identity)) return fail(err, MW_EINVAL, "the identity must not be NULL or empty");
    return client_call(c, err, [&](ses::Client& client) -> int {
        return return_identity(out, client.get_email_identity(identity), err);
    });
}

int mw_ses_delete_identity(mw_ses_client* c, const char* identity, mw_error** err) {
    if (empty_string(identity)) return fail(err, MW_EINVAL, "the identity must not be NULL or empty");
    return client_call(c, err, [&](ses::Client& client) -> int {
        auto r = client.delete_email_identity(identity);
        return r ? MW_OK : fail(err, r.error());
    });
}

int mw_ses_send_email(char** message_id, mw_ses_client* c, const char* from, const char* display_name,
                      const char* const* to, size_t to_count, const char* subject, const char* text,
                      const char* html, const char* raw, mw_error** err) {
    if (message_id == nullptr) return fail_null(err, "message_id");
    if (to == nullptr && to_count > 0) return fail_null(err, "to");
    for (size_t k = 0; k < to_count; ++k)
        if (empty_string(to[k])) return fail(err, MW_EINVAL, "a recipient is NULL or empty");
    if (raw != nullptr) {
        if (*raw == '\0') return fail(err, MW_EINVAL, "the raw message is empty");
        if (subject != nullptr || text != nullptr || html != nullptr)
            return fail(err, MW_EINVAL, "a raw message excludes subject, text and html");
    } else {
        if (empty_string(from)) return fail(err, MW_EINVAL, "from must not be NULL or empty");
        if (to_count == 0) return fail(err, MW_EINVAL, "at least one recipient is needed");
        if (subject == nullptr) return fail_null(err, "subject");
        if (text == nullptr && html == nullptr) return fail(err, MW_EINVAL, "text or html is needed");
    }
    return client_call(c, err, [&](ses::Client& client) -> int {
        ses::SendRequest request;
        if (from != nullptr) request.from = from;
        if (display_name != nullptr) request.from_display_name = display_name;
        request.to.assign(to, to + to_count);
        if (raw != nullptr) {
            request.raw = raw;
        } else {
            request.subject = subject;
            if (text != nullptr) request.text = text;
            if (html != nullptr) request.html = html;
        }
        auto r = client.send_email(request);
        if (!r) return fail(err, r.error());
        return mailwarden::capi::return_string(message_id, *r, err);
    });
}

int mw_ses_get_account(double* max_send_rate, double* max_24_hour_send, double* sent_last_24_hours,
                       int* sending_enabled, mw_ses_client* c, mw_error** err) {
    return client_call(c, err, [&](ses::Client& client) -> int {
        auto r = client.get_account();
        if (!r) return fail(err, r.error());
        if (max_send_rate != nullptr) *max_send_rate = r->max_send_rate;
        if (max_24_hour_send != nullptr) *max_24_hour_send = r->max_24_hour_send;
        if (sent_last_24_hours != nullptr) *sent_last_24_hours = r->sent_last_24_hours;
        if (sending_enabled != nullptr) *sending_enabled = r->sending_enabled ? 1 : 0;
        return MW_OK;
    });
}

int mw_ses_put_suppressed_destination(mw_ses_client* c, const char* address, int reason, mw_error** err) {
    if (empty_string(address)) return fail(err, MW_EINVAL, "the address must not be NULL or empty");
    if (reason != MW_SES_SUPPRESSION_BOUNCE && reason != MW_SES_SUPPRESSION_COMPLAINT)
        return fail(err, MW_EINVAL, "the reason must be MW_SES_SUPPRESSION_BOUNCE or MW_SES_SUPPRESSION_COMPLAINT");
    return client_call(c, err, [&](ses::Client& client) -> int {
        const auto why = reason == MW_SES_SUPPRESSION_BOUNCE ? ses::SuppressionReason::bounce
                                                              : ses::SuppressionReason::complaint;
        auto r = client.put_suppressed_destination(address, why);
        return r ? MW_OK : fail(err, r.error());
    });
}

const char* mw_ses_suppressed_destination_address(const mw_ses_suppressed_destination* d) {
    return d != nullptr ? d->value.email_address.c_str() : "";
}
int mw_ses_suppressed_destination_reason(const mw_ses_suppressed_destination* d) {
    return d != nullptr ? reason_code(d->value.reason) : -1;
}
int64_t mw_ses_suppressed_destination_last_update_time(const mw_ses_suppressed_destination* d) {
    return d != nullptr ? d->value.last_update_time : 0;
}
void mw_ses_suppressed_destination_free(mw_ses_suppressed_destination* d) { delete d; }

int mw_ses_get_suppressed_destination(mw_ses_suppressed_destination** out, mw_ses_client* c, const char* address,
                                      mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (empty_string(address)) return fail(err, MW_EINVAL, "the address must not be NULL or empty");
    return client_call(c, err, [&](ses::Client& client) -> int {
        auto r = client.get_suppressed_destination(address);
        if (!r) return fail(err, r.error());
        *out = new mw_ses_suppressed_destination{std::move(*r)};
        return MW_OK;
    });
}

int mw_ses_delete_suppressed_destination(mw_ses_client* c, const char* address, mw_error** err) {
    if (empty_string(address)) return fail(err, MW_EINVAL, "the address must not be NULL or empty");
    return client_call(c, err, [&](ses::Client& client) -> int {
        auto r = client.delete_suppressed_destination(address);
        return r ? MW_OK : fail(err, r.error());
    });
}

int mw_ses_list_identities(mw_ses_identity_page** out, mw_ses_client* c, int page_size, const char* next_token,
                           mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (check_page_size(page_size, err) != MW_OK) return MW_EINVAL;
    return client_call(c, err, [&](ses::Client& client) -> int {
        auto r = client.list_email_identities(page_size, next_token != nullptr ? next_token : "");
        if (!r) return fail(err, r.error());
        auto page = std::make_unique<mw_ses_identity_page>();
        for (const auto& summary : r->identities) page->identities.push_back(identity_of(summary));
        page->value = std::move(*r);
        *out = page.release();
        return MW_OK;
    });
}

size_t mw_ses_identity_page_count(const mw_ses_identity_page* p) {
    return p != nullptr ? p->value.identities.size() : 0;
}
const mw_ses_identity* mw_ses_identity_page_get(const mw_ses_identity_page* p, size_t index) {
    return mailwarden::capi::element_at(p != nullptr ? &p->identities : nullptr, index);
}
const char* mw_ses_identity_page_next_token(const mw_ses_identity_page* p) {
    return p != nullptr ? p->value.next_token.c_str() : "";
}

int mw_ses_identity_page_to_json(char** out, const mw_ses_identity_page* p, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (p == nullptr) return fail_null(err, "page");
    return guarded(err, [&]() -> int {
        boost::json::array identities;
        for (const auto& s : p->value.identities)
            identities.push_back(boost::json::object{{"name", s.name},
                                                     {"type", s.identity_type},
                                                     {"sending_enabled", s.sending_enabled},
                                                     {"verification_status", ses::to_string(s.verification_status)}});
        return mailwarden::capi::return_string(out,
                          boost::json::serialize(boost::json::object{{"identities", std::move(identities)},
                                                                     {"next_token", p->value.next_token}}),
                          err);
    });
}

void mw_ses_identity_page_free(mw_ses_identity_page* p) { delete p; }

int mw_ses_put_identity_mail_from(mw_ses_client* c, const char* identity, const char* mail_from_domain,
                                  int behavior_on_mx_failure, mw_error** err) {
    if (empty_string(identity)) return fail(err, MW_EINVAL, "the identity must not be NULL or empty");
    if (behavior_on_mx_failure != MW_SES_MX_FAILURE_USE_DEFAULT_VALUE &&
        behavior_on_mx_failure != MW_SES_MX_FAILURE_REJECT_MESSAGE)
        return fail(err, MW_EINVAL,
                    "the behaviour on MX failure must be MW_SES_MX_FAILURE_USE_DEFAULT_VALUE or "
                    "MW_SES_MX_FAILURE_REJECT_MESSAGE");
    return client_call(c, err, [&](ses::Client& client) -> int {
        auto r = client.put_email_identity_mail_from_attributes(
            identity, mail_from_domain != nullptr ? mail_from_domain : "",
            behavior_on_mx_failure == MW_SES_MX_FAILURE_REJECT_MESSAGE);
        return r ? MW_OK : fail(err, r.error());
    });
}

int mw_ses_list_suppressed_destinations(mw_ses_suppression_page** out, mw_ses_client* c, int page_size,
                                        const char* next_token, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (check_page_size(page_size, err) != MW_OK) return MW_EINVAL;
    return client_call(c, err, [&](ses::Client& client) -> int {
        auto r = client.list_suppressed_destinations(page_size, next_token != nullptr ? next_token : "");
        if (!r) return fail(err, r.error());
        auto page = std::make_unique<mw_ses_suppression_page>();
        for (auto& d : r->destinations) page->destinations.push_back(mw_ses_suppressed_destination{std::move(d)});
        page->next_token = std::move(r->next_token);
        *out = page.release();
        return MW_OK;
    });
}

size_t mw_ses_suppression_page_count(const mw_ses_suppression_page* p) {
    return p != nullptr ? p->destinations.size() : 0;
}
const mw_ses_suppressed_destination* mw_ses_suppression_page_get(const mw_ses_suppression_page* p, size_t index) {
    return mailwarden::capi::element_at(p != nullptr ? &p->destinations : nullptr, index);
}
const char* mw_ses_suppression_page_next_token(const mw_ses_suppression_page* p) {
    return p != nullptr ? p->next_token.c_str() : "";
}

int mw_ses_suppression_page_to_json(char** out, const mw_ses_suppression_page* p, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (p == nullptr) return fail_null(err, "page");
    return guarded(err, [&]() -> int {
        boost::json::array destinations;
        for (const auto& [d] : p->destinations)
            destinations.push_back(boost::json::object{
                {"address", d.email_address},
                {"reason", ses::to_string(d.reason)},
                {"last_update_time", mailwarden::format_rfc3339(mailwarden::from_unix_seconds(d.last_update_time))}});
        return mailwarden::capi::return_string(out,
                          boost::json::serialize(boost::json::object{{"destinations", std::move(destinations)},
                                                                     {"next_token", p->next_token}}),
                          err);
    });
}

void mw_ses_suppression_page_free(mw_ses_suppression_page* p) { delete p; }

int mw_ses_create_custom_verification_email_template(mw_ses_client* c, const char* name, const char* from,
                                                     const char* subject, const char* html, const char* success_url,
                                                     const char* failure_url, mw_error** err) {
    const std::pair<const char*, const char*> required[] = {
        {name, "the template name must not be NULL or empty"},
        {from, "from must not be NULL or empty"},
        {subject, "the subject must not be NULL or empty"},
        {html, "the HTML content must not be NULL or empty"},
        {success_url, "the success URL must not be NULL or empty"},
        {failure_url, "the failure URL must not be NULL or empty"}};
    for (const auto& [value, message] : required)
        if (empty_string(value)) return fail(err, MW_EINVAL, message);
    return client_call(c, err, [&](ses::Client& client) -> int {
        ses::CustomVerificationTemplate t{name, from, subject, html, success_url, failure_url};
        auto r = client.create_custom_verification_email_template(t);
        return r ? MW_OK : fail(err, r.error());
    });
}

int mw_ses_send_custom_verification_email(char** message_id, mw_ses_client* c, const char* address,
                                          const char* template_name, const char* configuration_set, mw_error** err) {
    if (message_id == nullptr) return fail_null(err, "message_id");
    if (empty_string(address)) return fail(err, MW_EINVAL, "the address must not be NULL or empty");
    if (empty_string(template_name)) return fail(err, MW_EINVAL, "the template name must not be NULL or empty");
    return client_call(c, err, [&](ses::Client& client) -> int {
        auto r = client.send_custom_verification_email(address, template_name,
                                                       configuration_set != nullptr ? configuration_set : "");
        if (!r) return fail(err, r.error());
        return mailwarden::capi::return_string(message_id, *r, err);
    });
}

}  // extern "C"
