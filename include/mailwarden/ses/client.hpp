// The Amazon SES v2 client: every call signed with our own SigV4, sent over
// our own HTTP/1.1 + TLS client, retried on throttling and transient faults
// with capped exponential backoff and full jitter, and sends paced by a
// token bucket at the account's MaxSendRate.
//
//   auto client = mailwarden::ses::Client::create({.region = "eu-west-1"});
//   auto id = (*client)->send_email(request);   // Result<std::string, ses::Error>
#pragma once

#include <mailwarden/net/credentials.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/net/http.hpp>
#include <mailwarden/net/retry.hpp>
#include <mailwarden/result.hpp>
#include <mailwarden/ses/error.hpp>
#include <mailwarden/ses/types.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::ses {

/// The retry settings (max_attempts, backoff base and cap, whether SendEmail
/// is retried after a failure that may have reached SES).
using RetryOptions = aws::RetryOptions;

struct ClientOptions {
    /// "eu-west-1". Empty: AWS_REGION, AWS_DEFAULT_REGION, the profile's region.
    std::string region;
    /// Empty: https://email.<region>.amazonaws.com. http:// needs http.allow_plaintext.
    std::string endpoint;
    /// Null: the default chain (environment, then shared files).
    std::shared_ptr<aws::CredentialsProvider> credentials;
    http::HttpOptions http;
    RetryOptions retry;
    /// Pace SendEmail at the account's MaxSendRate so a burst never exceeds
    /// the quota. The first send starts one asynchronous GetAccount; sends
    /// made while it is in flight are held (no thread waits) and go out,
    /// paced, once it answers. If it fails, sends go at 1 per second (the
    /// SES sandbox rate) and the first send 30 s or more after the failure
    /// asks again, in the background. False: no pacing, no GetAccount.
    bool rate_limit = true;
    /// Messages per second to pace at instead of asking GetAccount; 0: ask.
    double max_send_rate = 0;
};

/// Counters since the client was made.
struct ClientStats {
    std::uint64_t calls = 0;           ///< operations started
    std::uint64_t attempts = 0;        ///< HTTP requests sent (retries included)
    std::uint64_t retries = 0;
    std::uint64_t throttled = 0;       ///< 429 / throttling answers seen
    std::uint64_t paced_sends = 0;     ///< sends that waited for the rate limiter
    std::uint64_t connections_opened = 0;
    std::uint64_t connections_reused = 0;
};

template <class T>
using SesResult = Result<T, Error>;

/// Ends one async_send_email before its request is written: a send still
/// held (waiting for the first GetAccount or for the pacer) completes at once
/// with errc::cancelled, and nothing is sent. A request already on its way
/// runs to its end: SES cannot take a message back. A copyable handle to one
/// shared state: pass it with one send. Thread-safe; cancel() again, or after
/// the send completed, does nothing.
class MAILWARDEN_EXPORT SendCancellation {
public:
    SendCancellation();
    void cancel();
    bool cancel_requested() const noexcept;

    struct State;  ///< shared with the client the send went to

private:
    friend class Client;
    std::shared_ptr<State> state_;
};

/// Thread-safe: any member may be called from any thread at the same time.
///
/// The client runs one I/O thread of its own; the `done` callbacks of
/// async_send_email run there, one at a time (keep them short). On that
/// thread, inside a callback, call only async_send_email, stats(), region()
/// and endpoint(): every other call blocks until the I/O thread has done the
/// work, so there it would wait for itself; it returns
/// errc::invalid_configuration at once instead. Do not destroy the client
/// there either (do not let a callback own the last shared_ptr to it).
class MAILWARDEN_EXPORT Client {
public:
    /// Errors: invalid_configuration (endpoint, region), no_credentials.
    static SesResult<std::shared_ptr<Client>> create(ClientOptions options);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    SesResult<EmailIdentity> create_email_identity(std::string_view identity);
    SesResult<EmailIdentity> get_email_identity(std::string_view identity);
    SesResult<Done> delete_email_identity(std::string_view identity);
    /// One page; page_size 0 lets SES choose.
    SesResult<IdentityPage> list_email_identities(int page_size = 0, std::string_view next_token = {});
    /// Every page, following NextToken.
    SesResult<std::vector<IdentitySummary>> list_all_email_identities(int page_size = 0);
    SesResult<Done> put_email_identity_mail_from_attributes(std::string_view identity,
                                                            std::string_view mail_from_domain,
                                                            bool reject_on_mx_failure);

    /// Returns the SES message id. Paced by the rate limiter (see
    /// ClientOptions::rate_limit); not retried after a failure that may have
    /// reached SES (Error::outcome_unknown) unless
    /// RetryOptions::retry_non_idempotent. Errors: bad_request for a line
    /// break in `from` or `from_display_name`, else what SES or the
    /// connection answered. Blocks: not on the client's I/O thread.
    SesResult<std::string> send_email(const SendRequest& request);
    /// The same without blocking, on the same path (pacing, GetAccount):
    /// `done` runs once, on the client's I/O thread, never inside this call,
    /// errors included. May be called from that thread (inside a callback).
    void async_send_email(SendRequest request, std::function<void(SesResult<std::string>)> done);
    /// The same, ended early by `cancellation.cancel()` while it still waits.
    void async_send_email(SendRequest request, std::function<void(SesResult<std::string>)> done,
                          const SendCancellation& cancellation);

    SesResult<Account> get_account();

    SesResult<Done> put_suppressed_destination(std::string_view address, SuppressionReason reason);
    SesResult<SuppressedDestination> get_suppressed_destination(std::string_view address);
    SesResult<Done> delete_suppressed_destination(std::string_view address);
    SesResult<SuppressionPage> list_suppressed_destinations(int page_size = 0, std::string_view next_token = {});

    SesResult<Done> create_custom_verification_email_template(const CustomVerificationTemplate& t);
    SesResult<std::string> send_custom_verification_email(std::string_view address, std::string_view template_name,
                                                          std::string_view configuration_set = {});

    const std::string& region() const noexcept;
    const std::string& endpoint() const noexcept;
    ClientStats stats() const;

private:
    struct Impl;
    explicit Client(std::shared_ptr<Impl> impl);
    void start_send(SendRequest request, std::function<void(SesResult<std::string>)> done,
                    std::shared_ptr<SendCancellation::State> cancel);
    std::shared_ptr<Impl> impl_;
};

}  // namespace mailwarden::ses
