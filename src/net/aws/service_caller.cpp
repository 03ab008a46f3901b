#include "service_caller.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/url/parse.hpp>

#include <future>
#include <utility>

namespace mailwarden::aws {

namespace {

// Calls a one-shot completion kept in a lambda (an HTTP or a timer's
// handler), moving it out first: it dies here, once it has run, not when
// whatever held it happens to be destroyed. What the caller's callback owns
// (a handler bound to the caller's strand) must not outlive the completion
// on this thread: the caller may have destroyed its io_context by then.
void complete(BodyDone& done, BodyResult result) {
    BodyDone taken = std::exchange(done, nullptr);
    taken(std::move(result));
}

}  // namespace

Result<std::shared_ptr<ServiceCaller>, Error> ServiceCaller::create(CallerOptions options, ServiceProfile profile) {
    std::shared_ptr<ServiceCaller> self(new ServiceCaller());
    if (options.region.empty()) {
        auto region = resolve_region();
        if (!region) return unexpected(profile.local(Failure::configuration, region.message));
        options.region = *region.region;
    }
    self->endpoint_ = options.endpoint.empty()
                          ? "https://" + profile.endpoint_prefix + "." + options.region + ".amazonaws.com"
                          : options.endpoint;
    while (!self->endpoint_.empty() && self->endpoint_.back() == '/') self->endpoint_.pop_back();
    const auto parsed = boost::urls::parse_absolute_uri(self->endpoint_);
    if (!parsed || (parsed->scheme() != "https" && parsed->scheme() != "http") || parsed->host().empty())
        return unexpected(
            profile.local(Failure::configuration, "the endpoint " + self->endpoint_ + " is not an http(s) URL"));
    if (parsed->scheme() == "http" && !options.http.allow_plaintext)
        return unexpected(profile.local(Failure::configuration,
                                        "the endpoint uses http://; allow it explicitly (local peers only)"));
    self->origin_ = std::string(parsed->scheme()) + "://" + std::string(parsed->encoded_host_and_port());
    self->base_path_ = std::string(parsed->encoded_path());
    while (!self->base_path_.empty() && self->base_path_.back() == '/') self->base_path_.pop_back();
    self->credentials_ = options.credentials ? options.credentials : make_default_chain();
    self->retry_policy_.emplace(options.retry, profile.throttled);
    self->http_ = std::make_unique<http::HttpClient>(options.http);
    self->options_ = std::move(options);
    self->profile_ = std::move(profile);
    return self;
}

Error ServiceCaller::shutting_down_error() const {
    return profile_.local(Failure::transport, "the client is shutting down");
}

boost::asio::any_io_executor ServiceCaller::executor() const noexcept { return http_->get_executor(); }

CallerStats ServiceCaller::stats() const noexcept { return {calls_, attempts_, retries_, throttled_}; }

http::ClientStats ServiceCaller::http_stats() const noexcept { return http_ ? http_->stats() : http::ClientStats{}; }

void ServiceCaller::call(ServiceRequest request, BodyDone done, std::shared_ptr<CallInterrupt> interrupt) {
    ++calls_;
    if (shutting_down_ || !http_) return done(unexpected(shutting_down_error()));
    // Attempts run on the strand, where an interruption is emitted too.
    boost::asio::dispatch(http_->get_executor(), [self = shared_from_this(),
                                                  request = std::make_shared<ServiceRequest>(std::move(request)),
                                                  done = std::move(done), interrupt = std::move(interrupt)]() mutable {
        self->run_attempt(std::move(request), 1, std::move(done), std::move(interrupt));
    });
}

void ServiceCaller::run_attempt(std::shared_ptr<ServiceRequest> request, int number, BodyDone done,
                                std::shared_ptr<CallInterrupt> interrupt) {
    ++attempts_;
    if (shutting_down_ || !http_) return complete(done, unexpected(shutting_down_error()));
    if (interrupt && interrupt->requested_)
        return complete(done, unexpected(profile_.local(Failure::cancelled, request->operation + ": interrupted")));
    auto creds = credentials_->resolve();
    if (!creds) return complete(done, unexpected(profile_.local(Failure::no_credentials, creds.message)));
    auto out = signed_request(*request, *creds.credentials);
    if (!out) return complete(done, unexpected(std::move(out).error()));
    auto handler = [self = shared_from_this(), request, number, done = std::move(done),
                    interrupt](http::Result r) mutable {
        Error error;
        if (!r) {
            error = self->profile_.local(classify(r.error()), request->operation + ": " + r.error().message);
            error.outcome_unknown = r.error().may_have_reached_server;
        } else if (r->status >= 200 && r->status < 300) {
            return complete(done, std::move(r->body));
        } else {
            error = self->profile_.from_response(*r);
            // A 5xx means the service got the request: whether it acted is unknown.
            error.outcome_unknown = r->status >= 500;
            if (self->profile_.throttled(error)) ++self->throttled_;
        }
        error.attempts = number;
        self->after_failure(std::move(request), number, std::move(error), std::move(done), std::move(interrupt));
    };
    if (interrupt)
        http_->async_send(std::move(*out),
                          boost::asio::bind_cancellation_slot(interrupt->signal_.slot(), std::move(handler)));
    else
        http_->async_send(std::move(*out), std::move(handler));
}

void ServiceCaller::after_failure(std::shared_ptr<ServiceRequest> request, int number, Error error, BodyDone done,
                                  std::shared_ptr<CallInterrupt> interrupt) {
    bool again = false;
    std::chrono::milliseconds wait{0};
    {
        const std::lock_guard lock(policy_mutex_);
        again = retry_policy_->should_retry(error, number, request->idempotent);
        if (again) wait = retry_policy_->backoff(number);
    }
    if (!again || shutting_down_ || (interrupt && interrupt->requested_))
        return complete(done, unexpected(std::move(error)));
    ++retries_;
    auto timer = make_timer(wait);
    if (interrupt) interrupt->backoff_ = timer;
    timer->async_wait([self = shared_from_this(), request, number, timer, done = std::move(done),
                       interrupt](boost::system::error_code) mutable {
        self->run_attempt(std::move(request), number + 1, std::move(done), std::move(interrupt));
    });
}

// The signed HTTP request; when the signer refuses, its error code, with
// what it was given (the credentials as to_string() shows them: never the secret).
Result<http::Request, Error> ServiceCaller::signed_request(const ServiceRequest& request,
                                                           const Credentials& credentials) {
    http::Request out;
    out.method = request.method;
    const std::string path = base_path_ + request.path;
    out.url = origin_ + path + (request.query.empty() ? "" : "?" + request.query);
    out.idempotent = request.idempotent;
    out.body = request.body;
    out.headers = request.headers;

    // sigv4::Request holds views: everything it points at lives until sign() returns.
    const std::string host = http::host_header(out.url);
    std::vector<sigv4::Header> to_sign;
    for (const auto& h : out.headers) to_sign.push_back({h.name, h.value});
    sigv4::Request sreq;
    sreq.method = out.method;
    sreq.host = host;
    sreq.path = path;
    sreq.query = request.query;
    sreq.headers = to_sign;
    sreq.body = out.body;
    // Per thread, so its buffers are reused: the headers are copied out
    // below before anything else on this thread signs.
    thread_local sigv4::SignedRequest signed_request;
    sigv4::SigningConfig config;
    config.region = options_.region;
    config.service = profile_.signing_name;
    config.time = std::chrono::system_clock::now();
    if (const std::error_code ec = signer_.sign(sreq, credentials, config, signed_request)) {
        Error refused;
        refused.code = ec;
        refused.message = request.operation + ": could not sign the request (region " + options_.region +
                          ", credentials " + credentials.to_string() + "): " + ec.message();
        return unexpected(std::move(refused));
    }
    for (const auto& h : signed_request.headers_to_add())
        out.headers.push_back({std::string(h.name), std::string(h.value)});
    return out;
}

std::optional<Error> ServiceCaller::refuse_blocking(std::string_view operation) const {
    if (!http_ || !http_->running_in_this_thread()) return std::nullopt;
    return profile_.local(Failure::configuration,
                          std::string(operation) + ": a blocking call on the client's own I/O thread (inside a "
                                                   "completion) would wait for itself");
}

BodyResult ServiceCaller::call_blocking(ServiceRequest request, std::shared_ptr<CallInterrupt> interrupt) {
    if (auto refused = refuse_blocking(request.operation)) return unexpected(std::move(*refused));
    std::promise<BodyResult> promise;
    auto future = promise.get_future();
    call(std::move(request), [&promise](BodyResult r) { promise.set_value(std::move(r)); }, std::move(interrupt));
    return future.get();
}

void ServiceCaller::interrupt(const std::shared_ptr<CallInterrupt>& interrupt) {
    if (!interrupt || interrupt->requested_.exchange(true)) return;
    post_unless_closed([interrupt] {
        interrupt->signal_.emit(boost::asio::cancellation_type::terminal);
        if (auto timer = interrupt->backoff_.lock()) timer->cancel();
    });
}

std::shared_ptr<boost::asio::steady_timer> ServiceCaller::make_timer(std::chrono::steady_clock::duration wait) {
    std::erase_if(timers_, [](const auto& t) { return t.expired(); });
    auto timer = std::make_shared<boost::asio::steady_timer>(http_->get_executor(), wait);
    timers_.push_back(timer);
    return timer;
}

bool ServiceCaller::post_unless_closed(std::function<void()> task) {
    const std::lock_guard lock(post_mutex_);
    if (closed_ || !http_) return false;
    boost::asio::post(http_->get_executor(), std::move(task));
    return true;
}

// First the waits end (on the strand: retries sleeping their backoff, and
// whatever the owner holds, finish with "shutting down" instead of keeping
// the client alive for seconds); then the HTTP client goes, from this
// thread: it ends pending requests and joins its I/O thread, so the rest
// never dies on that thread.
void ServiceCaller::shutdown(const std::function<void()>& also_on_strand) {
    if (!http_) return;
    {
        const std::lock_guard lock(post_mutex_);  // no posts from other threads from now on
        closed_ = true;
    }
    auto begin = [this, &also_on_strand] {
        shutting_down_ = true;
        for (auto& weak : timers_)
            if (auto timer = weak.lock()) timer->cancel();
        timers_.clear();
        if (also_on_strand) also_on_strand();
    };
    if (http_->running_in_this_thread()) {
        begin();
    } else {
        std::promise<void> ended;
        boost::asio::post(http_->get_executor(), [&begin, &ended] {
            begin();
            ended.set_value();
        });
        ended.get_future().wait();
    }
    http_.reset();
}

}  // namespace mailwarden::aws
