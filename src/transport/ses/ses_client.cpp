// The SES v2 client: wire request -> the shared AWS service caller (SigV4,
// HTTP, retries with backoff), with send pacing on the HTTP client's I/O
// thread.
#include <mailwarden/ses/client.hpp>

#include "net/aws/service_caller.hpp"
#include "retry_policy.hpp"
#include "send_rate_learning.hpp"
#include "send_rate_limiter.hpp"
#include "ses_error_mapping.hpp"
#include "ses_operations.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <future>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace mailwarden::ses {

namespace {

using BodyDone = aws::BodyDone;

// Calls a one-shot completion kept in a lambda (a timer's handler), moving
// it out first: it dies here, once it has run (see aws::ServiceCaller).
void complete(BodyDone& done, SesResult<std::string> result) {
    BodyDone taken = std::exchange(done, nullptr);
    taken(std::move(result));
}

template <class T, class Parse>
SesResult<T> parse_with(SesResult<std::string> body, Parse&& parse) {
    if (!body) return unexpected(std::move(body).error());
    return parse(*body);
}

Error from_response(const http::Response& r) {
    const auto header = [&r](std::string_view name) {
        const auto v = http::find_header(r.headers, name);
        return v ? *v : std::string_view();
    };
    return error_from_response(static_cast<int>(r.status), header("X-Amzn-ErrorType"), header("x-amzn-RequestId"),
                               r.body);
}

Error from_failure(aws::Failure failure, std::string message) {
    return local_error(code_for_failure(failure), std::move(message));
}

const aws::ServiceProfile ses_profile{"ses", "email", &from_response, &from_failure, &is_throttled};

// The SES request as the service caller sends it: the query encoded, JSON
// bodies labelled.
aws::ServiceRequest service_request(wire::Request request) {
    aws::ServiceRequest out;
    out.operation = std::move(request.operation);
    out.method = std::move(request.method);
    out.path = std::move(request.path);
    for (const auto& [k, v] : request.query) {
        if (!out.query.empty()) out.query += '&';
        out.query += wire::encode_query_component(k) + "=" + wire::encode_query_component(v);
    }
    if (!request.body.empty()) out.headers.push_back({"Content-Type", "application/json"});
    out.body = std::move(request.body);
    out.idempotent = request.idempotent;
    return out;
}

}  // namespace

struct SendCancellation::State {
    std::atomic<bool> requested{false};
    std::mutex mutex;
    std::function<void()> on_cancel;                        // set when a client takes the send
    std::weak_ptr<boost::asio::steady_timer> pacing_timer;  // the client's strand only
};

SendCancellation::SendCancellation() : state_(std::make_shared<State>()) {}

bool SendCancellation::cancel_requested() const noexcept { return state_->requested; }

void SendCancellation::cancel() {
    std::function<void()> notify;
    {
        const std::lock_guard lock(state_->mutex);
        if (state_->requested.exchange(true)) return;
        notify = state_->on_cancel;
    }
    if (notify) notify();
}

struct Client::Impl : std::enable_shared_from_this<Client::Impl> {
    ClientOptions options;
    std::shared_ptr<aws::ServiceCaller> caller;

    // Send pacing, touched only on the HTTP client's strand (no lock).
    SendRateLimiter limiter;
    SendRateLearning rate_learning;
    using Cancel = std::shared_ptr<SendCancellation::State>;  // null: not cancellable
    // Sends waiting for the first GetAccount, with their cancellation.
    std::vector<std::pair<Cancel, std::function<void()>>> held_for_rate;

    // On the strand: the sends held for GetAccount go, in the order they
    // came (each finds out itself whether it is cancelled or shutting down).
    void release_held() {
        auto held = std::move(held_for_rate);
        held_for_rate.clear();
        for (auto& entry : held) entry.second();
    }

    static bool cancelled(const Cancel& c) noexcept { return c && c->requested; }
    static Error cancelled_error() {
        return local_error(errc::cancelled, "the send was cancelled before its request was written");
    }

    // On the strand: a cancelled send stops waiting for the pacer or for
    // GetAccount and ends with cancelled_error().
    void cancel_waiting(const Cancel& c) {
        if (auto timer = c->pacing_timer.lock()) timer->cancel();
        std::vector<std::function<void()>> released;
        std::erase_if(held_for_rate, [&](auto& entry) {
            if (entry.first != c) return false;
            released.push_back(std::move(entry.second));
            return true;
        });
        for (auto& go : released) go();
    }

    std::atomic<std::uint64_t> paced{0};

    void call(wire::Request request, BodyDone finish) { caller->call(service_request(std::move(request)), std::move(finish)); }

    std::optional<Error> refuse_blocking(std::string_view operation) const {
        auto refused = caller->refuse_blocking(operation);
        if (refused) refused->message += "; use async_send_email there";
        return refused;
    }

    // Blocks until an asynchronous call finishes.
    SesResult<std::string> call_blocking(wire::Request request) {
        return caller->call_blocking(service_request(std::move(request)));
    }

    bool learns_rate() const noexcept { return options.rate_limit && options.max_send_rate <= 0; }

    // On the strand: SendEmail once the pacer lets it go. Without a known
    // rate, the first send starts GetAccount and every send until it ends
    // is held (nothing blocks; SendRateLearning has the rules).
    void pace_and_send(wire::Request request, BodyDone done, Cancel cancel) {
        // Cancelled before it got here: it never waits for anything.
        if (cancelled(cancel)) return done(unexpected(cancelled_error()));
        auto self = shared_from_this();
        std::function<void()> go = [self, request = std::move(request), done = std::move(done), cancel]() mutable {
            self->send_when_due(std::move(request), std::move(done), cancel);
        };
        if (!learns_rate()) return go();
        switch (rate_learning.on_send(SendRateLimiter::clock::now())) {
        case SendRateLearning::Step::send: return go();
        case SendRateLearning::Step::wait: held_for_rate.emplace_back(std::move(cancel), std::move(go)); return;
        case SendRateLearning::Step::ask_and_wait:
            held_for_rate.emplace_back(std::move(cancel), std::move(go));
            return ask_send_rate();
        case SendRateLearning::Step::ask_and_send:
            ask_send_rate();
            return go();
        }
    }

    // On the strand: one GetAccount; when it ends, the pace is MaxSendRate
    // (or the fallback) and the held sends go, in the order they came.
    void ask_send_rate() {
        auto self = shared_from_this();
        call(wire::get_account(), [self](SesResult<std::string> body) {
            std::optional<double> rate;
            if (body) {
                if (auto account = wire::parse_get_account(*body)) rate = account->max_send_rate;
            }
            const auto now = SendRateLimiter::clock::now();
            const double pace = self->rate_learning.on_account(rate, now);
            self->limiter.set_rate(pace, pace, now);
            self->release_held();
        });
    }

    // On the strand: takes a token (or reserves the next one and waits for
    // it on a timer), then sends.
    void send_when_due(wire::Request request, BodyDone done, const Cancel& cancel) {
        if (caller->shutting_down()) return done(unexpected(caller->shutting_down_error()));
        if (cancelled(cancel)) return done(unexpected(cancelled_error()));
        const auto wait = limiter.acquire(SendRateLimiter::clock::now());
        auto self = shared_from_this();
        auto send = [self, request = std::move(request)](BodyDone finish) mutable {
            self->call(std::move(request), [finish = std::move(finish)](SesResult<std::string> body) mutable {
                complete(finish, parse_with<std::string>(std::move(body), [](const std::string& b) {
                             return wire::parse_message_id(b);
                         }));
            });
        };
        if (wait <= SendRateLimiter::clock::duration::zero()) return send(std::move(done));
        ++paced;
        auto timer = caller->make_timer(wait);
        if (cancel) cancel->pacing_timer = timer;
        timer->async_wait([timer, cancel, send = std::move(send), done = std::move(done)](boost::system::error_code) mutable {
            // A cancelled send gives its reserved slot up: the pace only slows.
            if (cancelled(cancel)) return complete(done, unexpected(cancelled_error()));
            send(std::move(done));
        });
    }
};

Client::Client(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
// First the waits end (on the strand: sends held by the pacer or for
// GetAccount, retries sleeping their backoff finish with "shutting down"
// instead of keeping the client alive for seconds); then the HTTP client goes,
// from this thread: it ends pending requests and joins its I/O thread, so the
// rest never dies on that thread.
Client::~Client() {
    if (!impl_ || !impl_->caller) return;
    impl_->caller->shutdown([impl = impl_.get()] { impl->release_held(); });
}

SesResult<std::shared_ptr<Client>> Client::create(ClientOptions options) {
    auto impl = std::make_shared<Impl>();
    auto caller = aws::ServiceCaller::create({options.region, options.endpoint, options.credentials, options.http,
                                              options.retry},
                                             ses_profile);
    if (!caller) return unexpected(std::move(caller).error());
    impl->caller = std::move(*caller);
    options.region = impl->caller->region();
    if (options.rate_limit && options.max_send_rate > 0)
        impl->limiter.set_rate(options.max_send_rate, options.max_send_rate, SendRateLimiter::clock::now());
    impl->options = std::move(options);
    return std::shared_ptr<Client>(new Client(std::move(impl)));
}

const std::string& Client::region() const noexcept { return impl_->options.region; }
const std::string& Client::endpoint() const noexcept { return impl_->caller->endpoint(); }

ClientStats Client::stats() const {
    const auto c = impl_->caller->stats();
    ClientStats s;
    s.calls = c.calls;
    s.attempts = c.attempts;
    s.retries = c.retries;
    s.throttled = c.throttled;
    s.paced_sends = impl_->paced;
    const auto h = impl_->caller->http_stats();
    s.connections_opened = h.connections_opened;
    s.connections_reused = h.connections_reused;
    return s;
}

namespace {

SesResult<Done> done_or_error(SesResult<std::string> body) {
    if (!body) return unexpected(std::move(body).error());
    return Done{};
}

}  // namespace

SesResult<EmailIdentity> Client::create_email_identity(std::string_view identity) {
    return parse_with<EmailIdentity>(impl_->call_blocking(wire::create_email_identity(identity)),
                                     [&](const std::string& b) { return wire::parse_create_email_identity(identity, b); });
}

SesResult<EmailIdentity> Client::get_email_identity(std::string_view identity) {
    return parse_with<EmailIdentity>(impl_->call_blocking(wire::get_email_identity(identity)),
                                     [&](const std::string& b) { return wire::parse_get_email_identity(identity, b); });
}

SesResult<Done> Client::delete_email_identity(std::string_view identity) {
    return done_or_error(impl_->call_blocking(wire::delete_email_identity(identity)));
}

SesResult<IdentityPage> Client::list_email_identities(int page_size, std::string_view next_token) {
    return parse_with<IdentityPage>(impl_->call_blocking(wire::list_email_identities(page_size, next_token)),
                                    [](const std::string& b) { return wire::parse_list_email_identities(b); });
}

SesResult<std::vector<IdentitySummary>> Client::list_all_email_identities(int page_size) {
    std::vector<IdentitySummary> all;
    std::string token;
    for (int pages = 0; pages < 10'000; ++pages) {
        auto page = list_email_identities(page_size, token);
        if (!page) return unexpected(std::move(page).error());
        for (auto& i : page->identities) all.push_back(std::move(i));
        if (page->next_token.empty() || page->next_token == token) return all;
        token = page->next_token;
    }
    return unexpected(local_error(errc::malformed_response, "ListEmailIdentities never ends"));
}

SesResult<Done> Client::put_email_identity_mail_from_attributes(std::string_view identity, std::string_view mail_from,
                                                                bool reject_on_mx_failure) {
    return done_or_error(impl_->call_blocking(
        wire::put_email_identity_mail_from_attributes(identity, mail_from, reject_on_mx_failure)));
}

void Client::async_send_email(SendRequest request, std::function<void(SesResult<std::string>)> done) {
    start_send(std::move(request), std::move(done), nullptr);
}

void Client::async_send_email(SendRequest request, std::function<void(SesResult<std::string>)> done,
                              const SendCancellation& cancellation) {
    const auto& state = cancellation.state_;
    {
        const std::lock_guard lock(state->mutex);
        // Weak both ways: the state must not keep the client alive, nor itself.
        state->on_cancel = [impl = std::weak_ptr<Impl>(impl_), weak_state = std::weak_ptr<SendCancellation::State>(state)] {
            auto live = impl.lock();
            if (!live) return;
            live->caller->post_unless_closed([live, weak_state] {
                if (auto s = weak_state.lock()) live->cancel_waiting(s);
            });
        };
    }
    start_send(std::move(request), std::move(done), state);
}

void Client::start_send(SendRequest request, std::function<void(SesResult<std::string>)> done,
                        std::shared_ptr<SendCancellation::State> cancel) {
    // The request is built (and its From header checked) here, once; the
    // rest happens on the client's strand, so `done` never runs inside this
    // call and the pacing state needs no lock.
    auto wire_request = wire::send_email(request);
    boost::asio::post(impl_->caller->executor(), [impl = impl_, wire_request = std::move(wire_request),
                                                    done = std::move(done), cancel = std::move(cancel)]() mutable {
        if (!wire_request) return complete(done, unexpected(std::move(wire_request).error()));
        impl->pace_and_send(std::move(*wire_request), std::move(done), std::move(cancel));
    });
}

SesResult<std::string> Client::send_email(const SendRequest& request) {
    if (auto refused = impl_->refuse_blocking("SendEmail")) return unexpected(std::move(*refused));
    std::promise<SesResult<std::string>> promise;
    auto future = promise.get_future();
    async_send_email(request, [&promise](SesResult<std::string> r) { promise.set_value(std::move(r)); });
    return future.get();
}

SesResult<Account> Client::get_account() {
    return parse_with<Account>(impl_->call_blocking(wire::get_account()),
                               [](const std::string& b) { return wire::parse_get_account(b); });
}

SesResult<Done> Client::put_suppressed_destination(std::string_view address, SuppressionReason reason) {
    return done_or_error(impl_->call_blocking(wire::put_suppressed_destination(address, reason)));
}

SesResult<SuppressedDestination> Client::get_suppressed_destination(std::string_view address) {
    return parse_with<SuppressedDestination>(impl_->call_blocking(wire::get_suppressed_destination(address)),
                                             [](const std::string& b) { return wire::parse_get_suppressed_destination(b); });
}

SesResult<Done> Client::delete_suppressed_destination(std::string_view address) {
    return done_or_error(impl_->call_blocking(wire::delete_suppressed_destination(address)));
}

SesResult<SuppressionPage> Client::list_suppressed_destinations(int page_size, std::string_view next_token) {
    return parse_with<SuppressionPage>(impl_->call_blocking(wire::list_suppressed_destinations(page_size, next_token)),
                                       [](const std::string& b) { return wire::parse_list_suppressed_destinations(b); });
}

SesResult<Done> Client::create_custom_verification_email_template(const CustomVerificationTemplate& t) {
    return done_or_error(impl_->call_blocking(wire::create_custom_verification_email_template(t)));
}

SesResult<std::string> Client::send_custom_verification_email(std::string_view address, std::string_view template_name,
                                                              std::string_view configuration_set) {
    return parse_with<std::string>(
        impl_->call_blocking(wire::send_custom_verification_email(address, template_name, configuration_set)),
        [](const std::string& b) { return wire::parse_message_id(b); });
}

}  // namespace mailwarden::ses
