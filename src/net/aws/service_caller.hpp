// One AWS service endpoint as the clients above it (SES, SQS) call it: the
// endpoint URL, credentials, SigV4 signing with the service's name, the HTTP
// client, and each call's attempts with backoff between them. A service
// supplies how its answers and failures become its own Errors (a
// ServiceProfile) and builds its requests as pure code.
#pragma once

#include "aws_errors.hpp"
#include "net/http/http_client.hpp"
#include "retry_policy.hpp"

#include <mailwarden/error.hpp>
#include <mailwarden/net/credentials.hpp>
#include <mailwarden/net/retry.hpp>
#include <mailwarden/net/sigv4.hpp>
#include <mailwarden/result.hpp>

#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::aws {

/// One request as a service's pure code describes it.
struct ServiceRequest {
    std::string operation;   ///< "SendEmail", "ReceiveMessage": named in errors
    std::string method = "POST";
    std::string path = "/";  ///< percent-encoded, below the endpoint's own path
    std::string query;       ///< percent-encoded, without '?'
    http::Headers headers;   ///< sent and signed (Content-Type, X-Amz-Target ...)
    std::string body;
    /// Safe to send twice (see RetryOptions::retry_non_idempotent).
    bool idempotent = true;
};

/// How one service names its failures.
struct ServiceProfile {
    std::string signing_name;     ///< SigV4's service: "ses", "sqs"
    std::string endpoint_prefix;  ///< the default endpoint is https://<prefix>.<region>.amazonaws.com
    /// A non-2xx answer as the service's Error (http_status, service_code,
    /// request_id, retryable set).
    Error (*from_response)(const http::Response& response);
    /// A failure without an answer as the service's Error (retryable set).
    Error (*local)(Failure failure, std::string message);
    /// A throttling answer: the service did not act on the request.
    bool (*throttled)(const Error& error) noexcept;
};

struct CallerOptions {
    std::string region;    ///< empty: AWS_REGION, AWS_DEFAULT_REGION, the profile's region
    std::string endpoint;  ///< empty: https://<endpoint_prefix>.<region>.amazonaws.com
    std::shared_ptr<CredentialsProvider> credentials;  ///< null: the default chain
    http::HttpOptions http;
    RetryOptions retry;
};

/// Counters since the caller was made (read from any thread).
struct CallerStats {
    std::uint64_t calls = 0;
    std::uint64_t attempts = 0;
    std::uint64_t retries = 0;
    std::uint64_t throttled = 0;
};

/// Ends one call early: the request in flight ends with the HTTP client's
/// `cancelled`, a backoff wait ends, and no further attempt is made.
/// Thread-safe.
class CallInterrupt {
public:
    bool requested() const noexcept { return requested_; }

private:
    friend class ServiceCaller;
    std::atomic<bool> requested_{false};
    boost::asio::cancellation_signal signal_;  // emitted on the caller's strand only
    std::weak_ptr<boost::asio::steady_timer> backoff_;
};

using BodyResult = Result<std::string, Error>;
using BodyDone = std::function<void(BodyResult)>;

/// Thread-safe. Completions run on the HTTP client's I/O thread.
class ServiceCaller : public std::enable_shared_from_this<ServiceCaller> {
public:
    /// Errors (profile.local): configuration for a bad endpoint or no region.
    static Result<std::shared_ptr<ServiceCaller>, Error> create(CallerOptions options, ServiceProfile profile);

    /// Sends `request` with retries; `done` gets the body of the 2xx answer
    /// or the final error, once, on the I/O thread (never inside this call
    /// when the request got as far as the network). `interrupt` may be null.
    void call(ServiceRequest request, BodyDone done, std::shared_ptr<CallInterrupt> interrupt = nullptr);

    /// Blocks until call() ends. Refused (configuration) on the I/O thread.
    BodyResult call_blocking(ServiceRequest request, std::shared_ptr<CallInterrupt> interrupt = nullptr);

    /// Ends `interrupt`'s call early (from any thread).
    void interrupt(const std::shared_ptr<CallInterrupt>& interrupt);

    /// The error a blocking call made on the I/O thread gets, or nullopt
    /// when the calling thread may block.
    std::optional<Error> refuse_blocking(std::string_view operation) const;

    /// A timer on the strand that shutdown() cancels. Strand only.
    std::shared_ptr<boost::asio::steady_timer> make_timer(std::chrono::steady_clock::duration wait);

    /// Runs `task` on the strand unless shutdown() began (from any thread);
    /// false when it will not run.
    bool post_unless_closed(std::function<void()> task);

    /// From the owner's destructor, not on the I/O thread: on the strand,
    /// marks the caller shutting down, cancels its timers and runs
    /// `also_on_strand`; then ends pending requests and joins the I/O thread.
    void shutdown(const std::function<void()>& also_on_strand = {});

    bool shutting_down() const noexcept { return shutting_down_; }
    Error shutting_down_error() const;
    boost::asio::any_io_executor executor() const noexcept;
    const std::string& region() const noexcept { return options_.region; }
    const std::string& endpoint() const noexcept { return endpoint_; }
    const ServiceProfile& profile() const noexcept { return profile_; }
    CallerStats stats() const noexcept;
    http::ClientStats http_stats() const noexcept;

private:
    ServiceCaller() = default;
    void run_attempt(std::shared_ptr<ServiceRequest> request, int number, BodyDone done,
                     std::shared_ptr<CallInterrupt> interrupt);
    void after_failure(std::shared_ptr<ServiceRequest> request, int number, Error error, BodyDone done,
                       std::shared_ptr<CallInterrupt> interrupt);
    Result<http::Request, Error> signed_request(const ServiceRequest& request, const Credentials& credentials);

    CallerOptions options_;
    ServiceProfile profile_{};
    std::string endpoint_;   // as configured, no trailing slash
    std::string origin_;     // scheme://host[:port]
    std::string base_path_;  // the endpoint's own path, "" or "/prefix" (proxies, test peers)
    std::shared_ptr<CredentialsProvider> credentials_;
    sigv4::Signer signer_;
    std::unique_ptr<http::HttpClient> http_;
    std::mutex policy_mutex_;
    std::optional<RetryPolicy> retry_policy_;

    std::mutex post_mutex_;  // posting from other threads against shutdown
    bool closed_ = false;
    std::atomic<bool> shutting_down_{false};
    std::vector<std::weak_ptr<boost::asio::steady_timer>> timers_;  // strand only
    std::atomic<std::uint64_t> calls_{0}, attempts_{0}, retries_{0}, throttled_{0};
};

}  // namespace mailwarden::aws
