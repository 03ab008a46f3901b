// The handler a host plugs into its own HTTP route for Amazon SNS: the body
// SNS POSTs goes in; it is verified (envelope, certificate URL, topic,
// signature), its SES notification classified and committed to the bounce
// tracker; out comes the HTTP status to answer SNS with. No web framework
// is imposed: the host owns the server, the route and the threads.
#pragma once

#include <mailwarden/bounce_tracker.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/sns.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace mailwarden {

/// Visits a SubscribeURL (sns::confirm_subscription does, over HTTPS); only
/// called with URLs that passed sns::check_sns_url.
using SubscriptionConfirmer = std::function<Result<Done, Error>(std::string_view subscribe_url)>;

struct FeedbackEndpointOptions {
    /// Topic allow-list and whether raw (unsigned) deliveries are accepted.
    sns::SnsPolicy policy;
    /// Confirm SubscriptionConfirmation messages of allow-listed topics by
    /// themselves (needs a non-empty allow-list and a confirmer). Otherwise
    /// the host decides (FeedbackOutcome::envelope holds the SubscribeURL).
    bool auto_confirm = false;
    /// The account the feedback belongs to; empty: as BounceTracker::ingest.
    std::string account;
};

/// What one delivery came to.
struct FeedbackOutcome {
    /// The status to answer SNS with: 200 taken (or already taken, or a
    /// confirmation), 400 not a delivery this endpoint can read, 403 not to
    /// be trusted (bad signature, certificate URL, topic), 500 or 503 a
    /// failure on this side: SNS retries the delivery later.
    int http_status = 200;
    std::string message;                  ///< one line for logs and the answer's body
    std::optional<sns::Envelope> envelope;  ///< once verified
    std::optional<IngestReport> report;     ///< for notifications committed
    std::optional<Error> error;             ///< why, when not 200
    bool confirmed = false;                 ///< a subscription was confirmed
};

/// Thread-safe: handle() may run on any number of the host's threads.
class MAILWARDEN_EXPORT FeedbackEndpoint {
public:
    FeedbackEndpoint(std::shared_ptr<BounceTracker> tracker, std::shared_ptr<sns::CertificateSource> certificates,
                     FeedbackEndpointOptions options = {}, SubscriptionConfirmer confirmer = {});
    ~FeedbackEndpoint();
    FeedbackEndpoint(const FeedbackEndpoint&) = delete;
    FeedbackEndpoint& operator=(const FeedbackEndpoint&) = delete;

    /// One POST body. Never throws; every failure is in the outcome.
    FeedbackOutcome handle(std::string_view body) const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace mailwarden
