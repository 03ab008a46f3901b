// FeedbackEndpoint: verify, read, commit, answer.
#include <mailwarden/feedback_endpoint.hpp>

#include <mailwarden/bounce.hpp>

#include <algorithm>

namespace mailwarden {

namespace {

// A rejection that says the message is not to be trusted is 403; one that
// says it cannot be read is 400; anything else (the certificate could not
// be had) is ours, and SNS should try again.
int status_for_verification_error(const Error& e) {
    const auto rejection = sns::rejection_of(e);
    if (!rejection) return 503;
    return e.kind() == errc::auth ? 403 : 400;
}

FeedbackOutcome failed(int status, std::string what, Error e) {
    FeedbackOutcome out;
    out.http_status = status;
    out.message = std::move(what) + ": " + e.describe();
    out.error = std::move(e);
    return out;
}

}  // namespace

struct FeedbackEndpoint::State {
    std::shared_ptr<BounceTracker> tracker;
    sns::Verifier verifier;
    FeedbackEndpointOptions options;
    SubscriptionConfirmer confirmer;

    State(std::shared_ptr<BounceTracker> t, std::shared_ptr<sns::CertificateSource> c, FeedbackEndpointOptions o,
          SubscriptionConfirmer f)
        : tracker(std::move(t)), verifier(std::move(c), o.policy), options(std::move(o)), confirmer(std::move(f)) {}

    bool may_confirm(const sns::Envelope& e) const {
        const auto& allowed = options.policy.allowed_topic_arns;
        return options.auto_confirm && confirmer && !allowed.empty() &&
               std::find(allowed.begin(), allowed.end(), e.topic_arn) != allowed.end();
    }

    FeedbackOutcome confirmation(sns::Envelope envelope) const {
        FeedbackOutcome out;
        if (!may_confirm(envelope)) {
            out.message = "subscription confirmation for " + envelope.topic_arn + " left to the host";
        } else if (auto checked = sns::check_sns_url(envelope.subscribe_url); !checked) {
            return failed(403, "SubscribeURL refused", checked.error());
        } else if (auto done = confirmer(envelope.subscribe_url); !done) {
            return failed(503, "confirming the subscription failed", done.error());
        } else {
            out.confirmed = true;
            out.message = "subscribed to " + envelope.topic_arn;
        }
        out.envelope = std::move(envelope);
        return out;
    }

    FeedbackOutcome notification(sns::Envelope envelope) const {
        auto event = parse_sns_payload(envelope);
        if (!event) return failed(400, "the notification's message cannot be read", event.error());
        auto report = tracker->ingest(*event, options.account);
        if (!report) return failed(500, "the notification could not be stored", report.error());
        FeedbackOutcome out;
        out.message = "taken: " + std::string(to_string(event->kind)) + (report->duplicates > 0 ? " (seen before)" : "");
        out.report = std::move(*report);
        out.envelope = std::move(envelope);
        return out;
    }
};

FeedbackEndpoint::FeedbackEndpoint(std::shared_ptr<BounceTracker> tracker,
                                   std::shared_ptr<sns::CertificateSource> certificates,
                                   FeedbackEndpointOptions options, SubscriptionConfirmer confirmer)
    : state_(std::make_unique<State>(std::move(tracker), std::move(certificates), std::move(options),
                                     std::move(confirmer))) {}

FeedbackEndpoint::~FeedbackEndpoint() = default;

FeedbackOutcome FeedbackEndpoint::handle(std::string_view body) const {
    try {
        auto envelope = state_->verifier.verify(body);
        if (!envelope) {
            const int status = status_for_verification_error(envelope.error());
            return failed(status, "delivery refused", envelope.error());
        }
        switch (envelope->type) {
        case sns::MessageType::subscription_confirmation: return state_->confirmation(std::move(*envelope));
        case sns::MessageType::unsubscribe_confirmation: {
            FeedbackOutcome out;
            out.message = "unsubscribed from " + envelope->topic_arn;
            out.envelope = std::move(*envelope);
            return out;
        }
        case sns::MessageType::notification:
        case sns::MessageType::raw: return state_->notification(std::move(*envelope));
        }
        return failed(400, "delivery refused", Error(errc::parse, "unknown message type"));
    } catch (const std::bad_alloc&) {
        return failed(503, "out of memory", Error(errc::out_of_memory, "while handling a delivery"));
    } catch (const std::exception& e) {
        return failed(500, "internal error", Error(errc::internal, e.what()));
    }
}

}  // namespace mailwarden
