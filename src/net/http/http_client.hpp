// HttpClient: HTTP/1.1 over TCP or TLS with a keep-alive pool, per-phase
// timeouts and size limits, for the AWS clients above it. Failures are values
// (Result), never exceptions. The async front-end is a template that forwards
// to compiled code through a type-erased handler, so this header pulls in
// Asio's core only, not Beast or OpenSSL.
#pragma once

#include <mailwarden/net/http.hpp>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/system/result.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::http {

struct Header {
    std::string name;
    std::string value;
    friend bool operator==(const Header&, const Header&) = default;
};
using Headers = std::vector<Header>;

/// The value of the first field named `name` (ASCII case-insensitive).
std::optional<std::string_view> find_header(const Headers& headers, std::string_view name) noexcept;

struct Request {
    std::string method = "GET";  ///< any RFC 9110 token; upper case by convention
    std::string url;             ///< absolute http:// or https:// URL
    /// Sent as given, in order. Host, Content-Length and User-Agent are added
    /// unless present (Host is "host" or "host:port" for a non-default port,
    /// see host_header()).
    Headers headers;
    std::string body;
    /// Whether a repeat is harmless (RFC 9110 section 9.2.2). Unset: decided
    /// by the method (GET, HEAD, OPTIONS, TRACE, PUT, DELETE are). Only
    /// idempotent requests are retried after the server closed a reused
    /// connection without answering: see docs/http.md, "Retry safety".
    std::optional<bool> idempotent;
};

struct Response {
    unsigned status = 0;
    std::string reason;
    Headers headers;
    std::string body;
    bool reused_connection = false;  ///< served on a connection taken from the pool
    unsigned attempts = 1;           ///< 2 when the client retried on a fresh connection
};

/// Where a request was when it failed.
enum class Phase : int {
    prepare = 0,   ///< URL and request checks; nothing left the process
    queued,        ///< waiting for a connection slot of the endpoint
    resolve,
    connect,
    tls_handshake,
    write,
    read_header,
    read_body,
};

/// "prepare", "queued", "resolve", "connect", "tls handshake", "write", "read header", "read body".
std::string_view to_string(Phase phase) noexcept;

struct Error {
    std::error_code code;  ///< in http_category()
    Phase phase = Phase::prepare;
    /// False only when the server certainly did not get the complete
    /// request (it failed before or while it was written), so sending it
    /// again cannot make it happen twice. Needed for non-idempotent calls.
    bool may_have_reached_server = false;
    std::string message;     ///< human-readable, names the cause
    std::error_code cause;   ///< the underlying Asio/Beast/OpenSSL error, if any
    /// OpenSSL's X509_V_ERR_* for certificate_verify_failed, else 0.
    long tls_verify_result = 0;
};

using Result = boost::system::result<Response, Error>;

/// The Host field value for an absolute URL ("host" or "host:port"), as the
/// client sends it: what a signer (SigV4) must sign. Empty when the URL is
/// not usable.
std::string host_header(std::string_view url);

/// Counters since the client was made; read from any thread.
struct ClientStats {
    std::uint64_t requests = 0;              ///< started
    std::uint64_t connections_opened = 0;    ///< TCP (and TLS) set up
    std::uint64_t connections_reused = 0;    ///< requests served by a pooled connection
    std::uint64_t stale_discarded = 0;       ///< pooled connections found closed before use
    std::uint64_t retries = 0;               ///< requests sent again on a fresh connection
};

/// Thread-safe: any thread may call any member at any time. Completion
/// handlers run on their associated executor, by default the client's.
class HttpClient {
public:
    /// Runs its own io_context on one thread of its own.
    explicit HttpClient(HttpOptions options = {});
    /// Uses `executor` (serialised through a strand); whoever runs it must
    /// keep it running until the client is destroyed and its requests ended.
    explicit HttpClient(boost::asio::any_io_executor executor, HttpOptions options = {});
    /// Ends pending requests with http_errc::cancelled (their handlers still
    /// run), closes every connection; with its own thread, joins it.
    ~HttpClient();

    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    /// Sends `request`; completes with void(Result). A cancellation slot
    /// bound to the token (asio::bind_cancellation_slot) ends the request
    /// with http_errc::cancelled; emit the signal on get_executor().
    template <class CompletionToken>
    auto async_send(Request request, CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken, void(Result)>(
            [this](auto handler, Request r) {
                start(std::move(r), boost::asio::any_completion_handler<void(Result)>(std::move(handler)));
            },
            token, std::move(request));
    }

    /// Blocks the calling thread until the result is known. Must not be
    /// called from a thread running the client's executor (it would wait for
    /// itself): that throws std::logic_error.
    Result send(Request request);

    /// True on a thread running the client's executor (inside its handlers),
    /// where blocking on one of its requests would wait for itself.
    bool running_in_this_thread() const noexcept;

    ClientStats stats() const noexcept;
    boost::asio::any_io_executor get_executor() const noexcept;

private:
    struct Impl;

    void start(Request request, boost::asio::any_completion_handler<void(Result)> handler);

    struct OwnThread;
    std::unique_ptr<OwnThread> own_;  // destroyed after impl_ (declared first)
    std::shared_ptr<Impl> impl_;
};

}  // namespace mailwarden::http
