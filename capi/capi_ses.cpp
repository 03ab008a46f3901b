// The Amazon SES v2 client through the C ABI.
#include "capi_ses_client.hpp"

#include <boost/json.hpp>

#include <cmath>
#include <memory>
#include <optional>
#include <string>

struct mw_ses_options {
    mailwarden::ses::ClientOptions client;
    // Kept as Credentials (not a provider) so the secret is wiped with the options.
    std::optional<mailwarden::aws::Credentials> credentials;
};

struct mw_ses_identity {
    mailwarden::ses::EmailIdentity value;
};

namespace {

using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::guarded;
namespace ses = mailwarden::ses;

int status_for(const std::error_code& code) noexcept {
    if (code.category() != ses::error_category()) return MW_ETRANSPORT;
    switch (static_cast<ses::errc>(code.value())) {
    case ses::errc::not_found: return MW_ENOTFOUND;
    case ses::errc::already_exists: return MW_EEXIST;
    case ses::errc::bad_request:
    case ses::errc::message_rejected:
    case ses::errc::invalid_configuration: return MW_EINVAL;
    case ses::errc::timeout: return MW_ETIMEDOUT;
    case ses::errc::malformed_response: return MW_EPARSE;
    default: return MW_ETRANSPORT;
    }
}

// describe() names the error type, status, message and request id; the client
// never puts credentials into an Error.
int fail_with(mw_error** err, const ses::Error& e) { return fail(err, status_for(e.code), e.describe()); }

template <class Apply>
int set_option(mw_ses_options* o, mw_error** err, Apply&& apply) {
    if (o == nullptr) return fail_null(err, "options");
    return guarded(err, [&] { return apply(*o); });
}

// A client call with the common argument checks and the exception firewall.
template <class Body>
int client_call(mw_ses_client* c, mw_error** err, Body&& body) noexcept {
    if (c == nullptr || !c->client) return fail_null(err, "client");
    return guarded(err, [&] { return body(*c->client); });
}

int return_identity(mw_ses_identity** out, ses::SesResult<ses::EmailIdentity> r, mw_error** err) {
    if (!r) return fail_with(err, r.error());
    if (out != nullptr) *out = new mw_ses_identity{std::move(*r)};
    return MW_OK;
}

bool empty_string(const char* s) { return s == nullptr || *s == '\0'; }

}  // namespace

extern "C" {

int mw_ses_options_new(mw_ses_options** out, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    return guarded(err, [&] {
        *out = new mw_ses_options{};
        return MW_OK;
    });
}

void mw_ses_options_free(mw_ses_options* o) { delete o; }

int mw_ses_options_set_region(mw_ses_options* o, const char* region, mw_error** err) {
    return set_option(o, err, [&](mw_ses_options& opt) {
        opt.client.region = region != nullptr ? region : "";
        return MW_OK;
    });
}

int mw_ses_options_set_endpoint(mw_ses_options* o, const char* url, mw_error** err) {
    return set_option(o, err, [&](mw_ses_options& opt) {
        opt.client.endpoint = url != nullptr ? url : "";
        return MW_OK;
    });
}

int mw_ses_options_set_allow_plaintext(mw_ses_options* o, int allow, mw_error** err) {
    return set_option(o, err, [&](mw_ses_options& opt) {
        opt.client.http.allow_plaintext = allow != 0;
        return MW_OK;
    });
}

int mw_ses_options_set_ca_file(mw_ses_options* o, const char* path, mw_error** err) {
    return set_option(o, err, [&](mw_ses_options& opt) {
        opt.client.http.ca_file = path != nullptr ? path : "";
        return MW_OK;
    });
}

int mw_ses_options_set_credentials(mw_ses_options* o, const char* access_key_id, const char* secret_access_key,
                                   const char* session_token, mw_error** err) {
    if (empty_string(access_key_id)) return fail(err, MW_EINVAL, "the access key id must not be NULL or empty");
    if (empty_string(secret_access_key))
        return fail(err, MW_EINVAL, "the secret access key must not be NULL or empty");
    return set_option(o, err, [&](mw_ses_options& opt) {
        opt.credentials.emplace(access_key_id, secret_access_key, session_token != nullptr ? session_token : "",
                                "explicit");
        return MW_OK;
    });
}

int mw_ses_options_set_max_attempts(mw_ses_options* o, int attempts, mw_error** err) {
    if (attempts < 1 || attempts > 10) return fail(err, MW_EINVAL, "max attempts must be between 1 and 10");
    return set_option(o, err, [&](mw_ses_options& opt) {
        opt.client.retry.max_attempts = attempts;
        return MW_OK;
    });
}

int mw_ses_options_set_retry_non_idempotent(mw_ses_options* o, int retry, mw_error** err) {
    return set_option(o, err, [&](mw_ses_options& opt) {
        opt.client.retry.retry_non_idempotent = retry != 0;
        return MW_OK;
    });
}

int mw_ses_options_set_rate_limit(mw_ses_options* o, int on, mw_error** err) {
    return set_option(o, err, [&](mw_ses_options& opt) {
        opt.client.rate_limit = on != 0;
        return MW_OK;
    });
}

int mw_ses_options_set_max_send_rate(mw_ses_options* o, double per_second, mw_error** err) {
    if (!std::isfinite(per_second) || per_second < 0)
        return fail(err, MW_EINVAL, "the send rate must be a finite number >= 0");
    return set_option(o, err, [&](mw_ses_options& opt) {
        opt.client.max_send_rate = per_second;
        return MW_OK;
    });
}

int mw_ses_client_open(mw_ses_client** out, const mw_ses_options* o, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    return guarded(err, [&] {
        ses::ClientOptions options = o != nullptr ? o->client : ses::ClientOptions{};
        if (o != nullptr && o->credentials) options.credentials = mailwarden::aws::make_static_provider(*o->credentials);
        auto client = ses::Client::create(std::move(options));
        if (!client) return fail_with(err, client.error());
        *out = new mw_ses_client{std::move(*client)};
        return MW_OK;
    });
}

void mw_ses_client_free(mw_ses_client* c) { delete c; }

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
const char* mw_ses_identity_dkim_token(const mw_ses_identity* i, size_t index) {
    if (i == nullptr || index >= i->value.dkim.tokens.size()) return "";
    return i->value.dkim.tokens[index].c_str();
}

int mw_ses_identity_to_json(char** out, const mw_ses_identity* i, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (i == nullptr) return fail_null(err, "identity");
    return guarded(err, [&] {
        char* json = mailwarden::capi::copy_string(ses::to_json(i->value));
        if (json == nullptr) return fail(err, MW_ENOMEM, "out of memory");
        *out = json;
        return MW_OK;
    });
}

void mw_ses_identity_free(mw_ses_identity* i) { delete i; }

int mw_ses_create_identity(mw_ses_identity** out, mw_ses_client* c, const char* identity, mw_error** err) {
    if (empty_string(identity)) return fail(err, MW_EINVAL, "the identity must not be NULL or empty");
    return client_call(c, err, [&](ses::Client& client) {
        return return_identity(out, client.create_email_identity(identity), err);
    });
}

int mw_ses_get_identity(mw_ses_identity** out, mw_ses_client* c, const char* identity, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (empty_string(identity)) return fail(err, MW_EINVAL, "the identity must not be NULL or empty");
    return client_call(c, err, [&](ses::Client& client) {
        return return_identity(out, client.get_email_identity(identity), err);
    });
}

int mw_ses_delete_identity(mw_ses_client* c, const char* identity, mw_error** err) {
    if (empty_string(identity)) return fail(err, MW_EINVAL, "the identity must not be NULL or empty");
    return client_call(c, err, [&](ses::Client& client) {
        auto r = client.delete_email_identity(identity);
        return r ? MW_OK : fail_with(err, r.error());
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
    return client_call(c, err, [&](ses::Client& client) {
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
        if (!r) return fail_with(err, r.error());
        char* copy = mailwarden::capi::copy_string(*r);
        if (copy == nullptr) return fail(err, MW_ENOMEM, "out of memory");
        *message_id = copy;
        return MW_OK;
    });
}

int mw_ses_get_account(double* max_send_rate, double* max_24_hour_send, double* sent_last_24_hours,
                       int* sending_enabled, mw_ses_client* c, mw_error** err) {
    return client_call(c, err, [&](ses::Client& client) {
        auto r = client.get_account();
        if (!r) return fail_with(err, r.error());
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
    return client_call(c, err, [&](ses::Client& client) {
        const auto why = reason == MW_SES_SUPPRESSION_BOUNCE ? ses::SuppressionReason::bounce
                                                              : ses::SuppressionReason::complaint;
        auto r = client.put_suppressed_destination(address, why);
        return r ? MW_OK : fail_with(err, r.error());
    });
}

int mw_ses_get_suppressed_destination(int* reason, int64_t* last_update_time, mw_ses_client* c,
                                      const char* address, mw_error** err) {
    if (empty_string(address)) return fail(err, MW_EINVAL, "the address must not be NULL or empty");
    return client_call(c, err, [&](ses::Client& client) {
        auto r = client.get_suppressed_destination(address);
        if (!r) return fail_with(err, r.error());
        if (reason != nullptr)
            *reason = r->reason == ses::SuppressionReason::bounce ? MW_SES_SUPPRESSION_BOUNCE : MW_SES_SUPPRESSION_COMPLAINT;
        if (last_update_time != nullptr) *last_update_time = r->last_update_time;
        return MW_OK;
    });
}

int mw_ses_delete_suppressed_destination(mw_ses_client* c, const char* address, mw_error** err) {
    if (empty_string(address)) return fail(err, MW_EINVAL, "the address must not be NULL or empty");
    return client_call(c, err, [&](ses::Client& client) {
        auto r = client.delete_suppressed_destination(address);
        return r ? MW_OK : fail_with(err, r.error());
    });
}

}  // extern "C"
