// The SES v2 client: wire request -> SigV4 -> HTTP, with retries, backoff
// timers and send pacing on the HTTP client's I/O thread.
#include <mailwarden/ses/client.hpp>
#include <mailwarden/net/sigv4.hpp>

#include "net/http/http_client.hpp"
#include "retry_policy.hpp"
#include "send_rate_learning.hpp"
#include "send_rate_limiter.hpp"
#include "ses_error_mapping.hpp"
#include "ses_operations.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/url/parse.hpp>

#include <atomic>
#include <future>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace mailwarden::ses {

namespace {

using BodyDone = std::function<void(SesResult<std::string>)>;

// Calls a one-shot completion kept in a lambda (an HTTP or a timer's
// handler), moving it out first: it dies here, once it has run, not when
// whatever held it happens to be destroyed. What the caller's callback owns
// (a handler bound to the caller's strand) must not outlive the completion
// on this thread: the caller may have destroyed its io_context by then.
void complete(BodyDone& done, SesResult<std::string> result) {
    BodyDone taken = std::exchange(done, nullptr);
    taken(std::move(result));
}

// An HTTP failure (no response) as an SES error.
Error from_http_error(const http::Error& e, const wire::Request& request) {
    using http::http_errc;
    errc code = errc::transport_failure;
    switch (static_cast<http_errc>(e.code.value())) {
    case http_errc::timeout: code = errc::timeout; break;
    case http_errc::certificate_verify_failed:
    case http_errc::tls_handshake_failed:
    case http_errc::tls_config_failed: code = errc::tls_failure; break;
    case http_errc::invalid_url:
    case http_errc::insecure_scheme_refused:
    case http_errc::invalid_request: code = errc::invalid_configuration; break;
    case http_errc::malformed_response:
    case http_errc::header_too_large:
    case http_errc::body_too_large: code = errc::malformed_response; break;
    default: break;
    }
    Error out = local_error(code, request.operation + ": " + e.message);
    out.outcome_unknown = e.may_have_reached_server;
    return out;
}

std::string header_value(const http::Headers& headers, std::string_view name) {
    const auto v = http::find_header(headers, name);
    return v ? std::string(*v) : std::string();
}

template <class T, class Parse>
SesResult<T> parse_with(SesResult<std::string> body, Parse&& parse) {
    if (!body) return unexpected(std::move(body).error());
    return parse(*body);
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
    std::string endpoint;   // as configured, no trailing slash
    std::string origin;     // scheme://host[:port]
    std::string base_path;  // the endpoint's own path, "" or "/prefix" (proxies, test peers)
    std::shared_ptr<aws::CredentialsProvider> credentials;
    sigv4::Signer signer;
    std::unique_ptr<http::HttpClient> http;
    std::mutex policy_mutex;
    RetryPolicy retry_policy{RetryOptions{}};

    // Send pacing, touched only on the HTTP client's strand (no lock).
    SendRateLimiter limiter;
    SendRateLearning rate_learning;
    using Cancel = std::shared_ptr<SendCancellation::State>;  // null: not cancellable
    // Sends waiting for the first GetAccount, with their cancellation.
    std::vector<std::pair<Cancel, std::function<void()>>> held_for_rate;

    // Guards posting onto the strand from other threads (cancellations)
    // against the destructor tearing the I/O context down.
    std::mutex post_mutex;
    bool closed = false;

    // Set once, on the strand, when the client is destroyed: from then on
    // every call ends at once with shutting_down_error() instead of waiting
    // for a pacing or backoff timer (read from any thread).
    std::atomic<bool> shutting_down{false};
    std::vector<std::weak_ptr<boost::asio::steady_timer>> timers;  // pacing and backoff waits (strand only)

    static Error shutting_down_error() { return local_error(errc::transport_failure, "the client is shutting down"); }

    // A timer on the strand that begin_shutdown() can cancel.
    std::shared_ptr<boost::asio::steady_timer> make_timer(std::chrono::steady_clock::duration wait) {
        std::erase_if(timers, [](const auto& t) { return t.expired(); });
        auto timer = std::make_shared<boost::asio::steady_timer>(http->get_executor(), wait);
        timers.push_back(timer);
        return timer;
    }

    // On the strand: ends the waits; their handlers and the held sends then
    // find shutting_down set and finish with shutting_down_error().
    void begin_shutdown() {
        shutting_down = true;
        for (auto& weak : timers)
            if (auto timer = weak.lock()) timer->cancel();
        timers.clear();
        release_held();
    }

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

    // From any thread: runs `task` on the strand unless the client is gone.
    void post_unless_closed(std::function<void()> task) {
        const std::lock_guard lock(post_mutex);
        if (!closed && http) boost::asio::post(http->get_executor(), std::move(task));
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

    std::atomic<std::uint64_t> calls{0}, attempts{0}, retries{0}, throttled{0}, paced{0};

    // One operation with retries; `finish` gets the successful response body
    // (2xx) or the final error.
    void call(wire::Request request, BodyDone finish) {
        ++calls;
        run_attempt(std::make_shared<wire::Request>(std::move(request)), 1, std::move(finish));
    }

    void run_attempt(std::shared_ptr<wire::Request> request, int number, BodyDone finish) {
        ++attempts;
        auto creds = credentials->resolve();
        if (!creds) return finish(unexpected(local_error(errc::no_credentials, creds.message)));
        if (shutting_down || !http) return finish(unexpected(shutting_down_error()));
        auto out = build_http_request(*request, *creds.credentials);
        if (!out) return finish(unexpected(std::move(out).error()));
        auto self = shared_from_this();
        http->async_send(std::move(*out), [self, request, number, finish = std::move(finish)](http::Result r) mutable {
            Error error;
            if (!r) {
                error = from_http_error(r.error(), *request);
            } else if (r->status >= 200 && r->status < 300) {
                return complete(finish, std::move(r->body));
            } else {
                error = error_from_response(static_cast<int>(r->status), header_value(r->headers, "X-Amzn-ErrorType"),
                                            header_value(r->headers, "x-amzn-RequestId"), r->body);
                // A 5xx means SES got the request: whether it acted is unknown.
                error.outcome_unknown = r->status >= 500;
                if (error.code == errc::too_many_requests) ++self->throttled;
            }
            error.attempts = number;
            bool again = false;
            std::chrono::milliseconds wait{0};
            {
                std::lock_guard lock(self->policy_mutex);
                again = self->retry_policy.should_retry(error, number, request->idempotent);
                if (again) wait = self->retry_policy.backoff(number);
            }
            if (!again || self->shutting_down) return complete(finish, unexpected(std::move(error)));
            ++self->retries;
            auto timer = self->make_timer(wait);
            timer->async_wait([self, request, number, timer, finish = std::move(finish)](boost::system::error_code) mutable {
                self->run_attempt(request, number + 1, std::move(finish));
            });
        });
    }

    // The signed HTTP request; when the signer refuses, its error code, with
    // what it was given (the credentials as to_string() shows them: never the secret).
    SesResult<http::Request> build_http_request(const wire::Request& request, const aws::Credentials& creds) {
        http::Request out;
        out.method = request.method;
        std::string query;
        for (const auto& [k, v] : request.query) {
            if (!query.empty()) query += '&';
            query += wire::encode_query_component(k) + "=" + wire::encode_query_component(v);
        }
        const std::string path = base_path + request.path;
        out.url = origin + path + (query.empty() ? "" : "?" + query);
        out.idempotent = request.idempotent;
        out.body = request.body;
        if (!request.body.empty()) out.headers.push_back({"Content-Type", "application/json"});

        const std::string host = http::host_header(out.url);
        std::vector<sigv4::Header> to_sign;
        for (const auto& h : out.headers) to_sign.push_back({h.name, h.value});
        sigv4::Request sreq;
        sreq.method = out.method;
        sreq.host = host;
        sreq.path = path;
        sreq.query = query;
        sreq.headers = to_sign;
        sreq.body = out.body;
        // Per thread, so its buffers are reused: the headers are copied out
        // below before anything else on this thread signs.
        thread_local sigv4::SignedRequest signed_request;
        sigv4::SigningConfig config;
        config.region = options.region;
        config.service = "ses";
        config.time = std::chrono::system_clock::now();
        if (const std::error_code ec = signer.sign(sreq, creds, config, signed_request)) {
            Error refused;
            refused.code = ec;
            refused.message = request.operation + ": could not sign the request (region " + options.region +
                              ", credentials " + creds.to_string() + "): " + ec.message();
            return unexpected(std::move(refused));
        }
        for (const auto& h : signed_request.headers_to_add())
            out.headers.push_back({std::string(h.name), std::string(h.value)});
        return out;
    }

    // A blocking call made inside one of this client's completions would
    // wait for the thread it runs on: refused, as an error, instead.
    std::optional<Error> refuse_blocking(std::string_view operation) const {
        if (!http || !http->running_in_this_thread()) return std::nullopt;
        return local_error(errc::invalid_configuration,
                           std::string(operation) + ": a blocking call on the client's own I/O thread (inside a "
                                                    "completion) would wait for itself; use async_send_email there");
    }

    // Blocks until an asynchronous call finishes.
    SesResult<std::string> call_blocking(wire::Request request) {
        if (auto refused = refuse_blocking(request.operation)) return unexpected(std::move(*refused));
        std::promise<SesResult<std::string>> promise;
        auto future = promise.get_future();
        call(std::move(request), [&promise](SesResult<std::string> r) { promise.set_value(std::move(r)); });
        return future.get();
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
        if (shutting_down) return done(unexpected(shutting_down_error()));
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
        auto timer = make_timer(wait);
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
    if (!impl_ || !impl_->http) return;
    {
        const std::lock_guard lock(impl_->post_mutex);  // no cancellation posts from now on
        impl_->closed = true;
    }
    if (impl_->http->running_in_this_thread()) {
        impl_->begin_shutdown();
    } else {
        std::promise<void> ended;
        boost::asio::post(impl_->http->get_executor(), [impl = impl_.get(), &ended] {
            impl->begin_shutdown();
            ended.set_value();
        });
        ended.get_future().wait();
    }
    impl_->http.reset();
}

SesResult<std::shared_ptr<Client>> Client::create(ClientOptions options) {
    auto impl = std::make_shared<Impl>();
    if (options.region.empty()) {
        auto region = aws::resolve_region();
        if (!region) return unexpected(local_error(errc::invalid_configuration, region.message));
        options.region = *region.region;
    }
    impl->endpoint = options.endpoint.empty() ? "https://email." + options.region + ".amazonaws.com" : options.endpoint;
    while (!impl->endpoint.empty() && impl->endpoint.back() == '/') impl->endpoint.pop_back();
    const auto parsed = boost::urls::parse_absolute_uri(impl->endpoint);
    if (!parsed || (parsed->scheme() != "https" && parsed->scheme() != "http") || parsed->host().empty())
        return unexpected(local_error(errc::invalid_configuration, "the endpoint " + impl->endpoint + " is not an http(s) URL"));
    if (parsed->scheme() == "http" && !options.http.allow_plaintext)
        return unexpected(local_error(errc::invalid_configuration,
                                      "the endpoint uses http://; allow it explicitly (local peers only)"));
    impl->origin = std::string(parsed->scheme()) + "://" + std::string(parsed->encoded_host_and_port());
    impl->base_path = std::string(parsed->encoded_path());
    while (!impl->base_path.empty() && impl->base_path.back() == '/') impl->base_path.pop_back();
    impl->credentials = options.credentials ? options.credentials : aws::make_default_chain();
    impl->retry_policy = RetryPolicy(options.retry);
    impl->http = std::make_unique<http::HttpClient>(options.http);
    if (options.rate_limit && options.max_send_rate > 0)
        impl->limiter.set_rate(options.max_send_rate, options.max_send_rate, SendRateLimiter::clock::now());
    impl->options = std::move(options);
    return std::shared_ptr<Client>(new Client(std::move(impl)));
}

const std::string& Client::region() const noexcept { return impl_->options.region; }
const std::string& Client::endpoint() const noexcept { return impl_->endpoint; }

ClientStats Client::stats() const {
    ClientStats s;
    s.calls = impl_->calls;
    s.attempts = impl_->attempts;
    s.retries = impl_->retries;
    s.throttled = impl_->throttled;
    s.paced_sends = impl_->paced;
    if (impl_->http) {
        const auto h = impl_->http->stats();
        s.connections_opened = h.connections_opened;
        s.connections_reused = h.connections_reused;
    }
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
            live->post_unless_closed([live, weak_state] {
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
    boost::asio::post(impl_->http->get_executor(), [impl = impl_, wire_request = std::move(wire_request),
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
