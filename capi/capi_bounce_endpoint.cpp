// The SNS endpoint through the C ABI: its options, the endpoint (a counted
// handle over FeedbackEndpoint) and the outcome of one delivery.
#include "capi_bounce.hpp"

#include <mailwarden/feedback_endpoint.hpp>
#include <mailwarden/sns_http.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>

struct mw_endpoint_options {
    std::string account;
    bool fetch_certificates = true;
    bool auto_confirm = false;
    std::string ca_file;
};

struct mw_feedback_outcome {
    mailwarden::FeedbackOutcome value;
    std::optional<mw_sns_envelope> envelope;      // value.envelope, as a handle
    std::optional<mw_ingest_report> report;       // value.report, as a handle
    std::unique_ptr<mw_error, void (*)(mw_error*)> error{nullptr, mw_error_free};  // value.error
};

struct mw_feedback_endpoint : mailwarden::capi::Counted<mw_feedback_endpoint> {
    std::unique_ptr<mailwarden::FeedbackEndpoint> endpoint;
};

namespace {

using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::set_option;
using mailwarden::capi::guarded;
namespace sns = mailwarden::sns;

/// The certificates the host supplied first; the ones it did not, fetched
/// over HTTPS when fetching is on.
class SuppliedThenFetched final : public sns::CertificateSource {
public:
    SuppliedThenFetched(std::shared_ptr<sns::CertificateCache> supplied,
                        std::shared_ptr<sns::HttpCertificateSource> fetched)
        : supplied_(std::move(supplied)), fetched_(std::move(fetched)) {}

    mailwarden::Result<std::string, mailwarden::Error> certificate_pem(std::string_view url) override {
        auto pem = supplied_->certificate_pem(url);
        if (pem || fetched_ == nullptr) return pem;
        return fetched_->certificate_pem(url);
    }

private:
    std::shared_ptr<sns::CertificateCache> supplied_;
    std::shared_ptr<sns::HttpCertificateSource> fetched_;
};

std::shared_ptr<sns::CertificateSource> certificate_source(const mw_sns_options* s, const mw_endpoint_options& o) {
    auto supplied = std::make_shared<sns::CertificateCache>();
    if (s != nullptr)
        for (const auto& [url, pem] : s->certificates) supplied->add(url, pem);
    std::shared_ptr<sns::HttpCertificateSource> fetched;
    if (o.fetch_certificates) {
        sns::HttpCertificateOptions fetch;
        fetch.http.ca_file = o.ca_file;
        fetched = std::make_shared<sns::HttpCertificateSource>(std::move(fetch));
    }
    return std::make_shared<SuppliedThenFetched>(std::move(supplied), std::move(fetched));
}

mailwarden::SubscriptionConfirmer confirmer(const mw_endpoint_options& o) {
    if (!o.auto_confirm) return {};
    sns::ConfirmOptions confirm;
    confirm.http.ca_file = o.ca_file;
    return [confirm](std::string_view url) -> mailwarden::Result<mailwarden::Done, mailwarden::Error> {
        auto confirmed = sns::confirm_subscription(url, confirm);
        if (!confirmed) return mailwarden::unexpected(confirmed.error());
        return mailwarden::Done{};
    };
}

/// The outcome as a handle, its parts as the handles their accessors lend.
std::unique_ptr<mw_feedback_outcome> outcome_handle(mailwarden::FeedbackOutcome value) {
    auto out = std::make_unique<mw_feedback_outcome>();
    if (value.envelope) out->envelope.emplace(mw_sns_envelope{*value.envelope});
    if (value.report) {
        mw_ingest_report* report = nullptr;
        if (mailwarden::capi::return_report(&report, *value.report, nullptr) == MW_OK) {
            out->report.emplace(std::move(*report));
            mw_ingest_report_free(report);
        }
    }
    if (value.error) {
        mw_error* error = nullptr;
        fail(&error, *value.error);
        out->error.reset(error);
    }
    out->value = std::move(value);
    return out;
}

}  // namespace

extern "C" {

int mw_endpoint_options_new(mw_endpoint_options** out, mw_error** err) {
    return mailwarden::capi::new_options(out, err);
}

void mw_endpoint_options_free(mw_endpoint_options* o) { delete o; }

int mw_endpoint_options_set_account(mw_endpoint_options* o, const char* account, mw_error** err) {
    return set_option(o, err, [&](mw_endpoint_options& opt) { opt.account = account != nullptr ? account : ""; });
}

int mw_endpoint_options_set_fetch_certificates(mw_endpoint_options* o, int on, mw_error** err) {
    return set_option(o, err, [&](mw_endpoint_options& opt) { opt.fetch_certificates = on != 0; });
}

int mw_endpoint_options_set_auto_confirm(mw_endpoint_options* o, int on, mw_error** err) {
    return set_option(o, err, [&](mw_endpoint_options& opt) { opt.auto_confirm = on != 0; });
}

int mw_endpoint_options_set_ca_file(mw_endpoint_options* o, const char* path, mw_error** err) {
    return set_option(o, err, [&](mw_endpoint_options& opt) { opt.ca_file = path != nullptr ? path : ""; });
}

int mw_feedback_outcome_http_status(const mw_feedback_outcome* o) { return o != nullptr ? o->value.http_status : 0; }

const char* mw_feedback_outcome_message(const mw_feedback_outcome* o) {
    return o != nullptr ? o->value.message.c_str() : "";
}

int mw_feedback_outcome_confirmed(const mw_feedback_outcome* o) { return o != nullptr && o->value.confirmed ? 1 : 0; }

const mw_sns_envelope* mw_feedback_outcome_envelope(const mw_feedback_outcome* o) {
    return o != nullptr && o->envelope ? &*o->envelope : nullptr;
}

const mw_ingest_report* mw_feedback_outcome_report(const mw_feedback_outcome* o) {
    return o != nullptr && o->report ? &*o->report : nullptr;
}

const mw_error* mw_feedback_outcome_error(const mw_feedback_outcome* o) {
    return o != nullptr ? o->error.get() : nullptr;
}

void mw_feedback_outcome_free(mw_feedback_outcome* o) { delete o; }

int mw_feedback_endpoint_open(mw_feedback_endpoint** out, mw_tracker* tracker, const mw_sns_options* s,
                              const mw_endpoint_options* o, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    const mw_endpoint_options options = o != nullptr ? *o : mw_endpoint_options{};
    if (options.auto_confirm && (s == nullptr || s->policy.allowed_topic_arns.empty()))
        return fail(err, MW_EINVAL, "auto-confirm needs a topic allow-list (mw_sns_options_add_topic_arn)");
    return mailwarden::capi::with_handle(tracker, "tracker", err, [&](mw_tracker& t) -> int {
        mailwarden::FeedbackEndpointOptions settings;
        if (s != nullptr) settings.policy = s->policy;
        settings.auto_confirm = options.auto_confirm;
        settings.account = options.account;
        auto handle = std::make_unique<mw_feedback_endpoint>();
        handle->endpoint = std::make_unique<mailwarden::FeedbackEndpoint>(
            t.tracker, certificate_source(s, options), std::move(settings), confirmer(options));
        *out = mw_feedback_endpoint::publish(handle.release());
        return MW_OK;
    });
}

int mw_feedback_endpoint_handle(mw_feedback_outcome** out, mw_feedback_endpoint* e, const char* body, size_t length,
                                mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (body == nullptr && length > 0) return fail_null(err, "body");
    return mailwarden::capi::with_handle(e, "endpoint", err, [&](mw_feedback_endpoint& h) -> int {
        auto outcome = h.endpoint->handle(std::string_view(body != nullptr ? body : "", length));
        *out = outcome_handle(std::move(outcome)).release();
        return MW_OK;
    });
}

void mw_feedback_endpoint_free(mw_feedback_endpoint* e) { mw_feedback_endpoint::close(e); }

}  // extern "C"
