// SNS deliveries through the C ABI: verifier options, the verifier (a
// counted handle), the verified envelope and the name of a rejection.
#include "capi_bounce.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

struct mw_sns_verifier : mailwarden::capi::Counted<mw_sns_verifier> {
    std::shared_ptr<mailwarden::sns::CertificateCache> certificates;
    std::unique_ptr<mailwarden::sns::Verifier> verifier;
};

namespace {

using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::set_option;
using mailwarden::capi::guarded;

bool empty_string(const char* s) { return s == nullptr || *s == '\0'; }

int check_certificate(const char* url, const char* pem, mw_error** err) {
    if (empty_string(url)) return fail(err, MW_EINVAL, "the certificate URL must not be NULL or empty");
    if (empty_string(pem)) return fail(err, MW_EINVAL, "the certificate PEM must not be NULL or empty");
    return MW_OK;
}

const char* envelope_field(const mw_sns_envelope* e, std::string mailwarden::sns::Envelope::*field) {
    return e != nullptr ? (e->value.*field).c_str() : "";
}

}  // namespace

extern "C" {

int mw_sns_options_new(mw_sns_options** out, mw_error** err) { return mailwarden::capi::new_options(out, err); }

void mw_sns_options_free(mw_sns_options* o) { delete o; }

int mw_sns_options_add_topic_arn(mw_sns_options* o, const char* topic_arn, mw_error** err) {
    if (empty_string(topic_arn)) return fail(err, MW_EINVAL, "the topic ARN must not be NULL or empty");
    return set_option(o, err, [&](mw_sns_options& opt) { opt.policy.allowed_topic_arns.emplace_back(topic_arn); });
}

int mw_sns_options_set_trusted_raw(mw_sns_options* o, int trusted, mw_error** err) {
    return set_option(o, err, [&](mw_sns_options& opt) { opt.policy.trusted_raw_channel = trusted != 0; });
}

int mw_sns_options_add_certificate(mw_sns_options* o, const char* url, const char* pem, mw_error** err) {
    if (const int bad = check_certificate(url, pem, err); bad != MW_OK) return bad;
    return set_option(o, err, [&](mw_sns_options& opt) { opt.certificates.emplace_back(url, pem); });
}

int mw_sns_verifier_open(mw_sns_verifier** out, const mw_sns_options* o, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    return guarded(err, [&]() -> int {
        auto handle = std::make_unique<mw_sns_verifier>();
        handle->certificates = std::make_shared<mailwarden::sns::CertificateCache>();
        if (o != nullptr)
            for (const auto& [url, pem] : o->certificates) handle->certificates->add(url, pem);
        handle->verifier = std::make_unique<mailwarden::sns::Verifier>(
            handle->certificates, o != nullptr ? o->policy : mailwarden::sns::SnsPolicy{});
        *out = mw_sns_verifier::publish(handle.release());
        return MW_OK;
    });
}

void mw_sns_verifier_free(mw_sns_verifier* v) { mw_sns_verifier::close(v); }

int mw_sns_verifier_add_certificate(mw_sns_verifier* v, const char* url, const char* pem, mw_error** err) {
    if (const int bad = check_certificate(url, pem, err); bad != MW_OK) return bad;
    return mailwarden::capi::with_handle(v, "verifier", err, [&](mw_sns_verifier& h) -> int {
        h.certificates->add(url, pem);
        return MW_OK;
    });
}

int mw_sns_verify(mw_sns_envelope** out, mw_sns_verifier* v, const char* body, size_t length, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (body == nullptr && length > 0) return fail_null(err, "body");
    return mailwarden::capi::with_handle(v, "verifier", err, [&](mw_sns_verifier& h) -> int {
        auto envelope = h.verifier->verify(std::string_view(body != nullptr ? body : "", length));
        if (!envelope) return fail(err, envelope.error());
        *out = new mw_sns_envelope{std::move(*envelope)};
        return MW_OK;
    });
}

const char* mw_sns_rejection_name(const mw_error* err) {
    if (err == nullptr) return "";
    const auto rejection = mailwarden::sns::rejection_of(err->error);
    return rejection ? mailwarden::sns::to_string(*rejection).data() : "";  // views of literals
}

const char* mw_sns_envelope_type(const mw_sns_envelope* e) {
    return e != nullptr ? mailwarden::sns::to_string(e->value.type).data() : "";
}

using Envelope = mailwarden::sns::Envelope;
const char* mw_sns_envelope_message_id(const mw_sns_envelope* e) { return envelope_field(e, &Envelope::message_id); }
const char* mw_sns_envelope_topic_arn(const mw_sns_envelope* e) { return envelope_field(e, &Envelope::topic_arn); }
const char* mw_sns_envelope_subject(const mw_sns_envelope* e) { return envelope_field(e, &Envelope::subject); }
const char* mw_sns_envelope_message(const mw_sns_envelope* e) { return envelope_field(e, &Envelope::message); }
const char* mw_sns_envelope_timestamp(const mw_sns_envelope* e) { return envelope_field(e, &Envelope::timestamp); }
const char* mw_sns_envelope_subscribe_url(const mw_sns_envelope* e) {
    return envelope_field(e, &Envelope::subscribe_url);
}
const char* mw_sns_envelope_token(const mw_sns_envelope* e) { return envelope_field(e, &Envelope::token); }
const char* mw_sns_envelope_unsubscribe_url(const mw_sns_envelope* e) {
    return envelope_field(e, &Envelope::unsubscribe_url);
}

void mw_sns_envelope_free(mw_sns_envelope* e) { delete e; }

}  // extern "C"
