// The HTTP/1.1 server (Boost.Beast): accepts on one address, reads each
// request with its limits, hands it to the handler, writes the answer with
// the security headers, logs one line per request, keeps connections alive.
#pragma once

#include "http_types.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace console {

using Handler = std::function<Response(const Request&)>;
/// Whether a request, seen by its head (no body yet), may send an upload's
/// body rather than an ordinary one.
using UploadGate = std::function<bool(const Request& head)>;

struct ServerLimits {
    std::size_t max_body = 1024 * 1024;  ///< larger bodies: 413
    std::size_t max_upload_body = 32 * 1024 * 1024;  ///< requests the UploadGate admits
    int max_connections = 64;            ///< more are closed at once
    int threads = 2;                     ///< running the handlers
    int idle_seconds = 30;               ///< a connection's time to send a request
};

class HttpServer {
public:
    /// Binds and listens (port 0: any free one). Throws std::runtime_error.
    HttpServer(const std::string& host, std::uint16_t port, ServerLimits limits = {});
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// The port bound.
    std::uint16_t port() const;
    /// Serves with `handler` until SIGTERM or SIGINT, then returns. Requests
    /// `may_upload` admits (none when null) may have bodies of up to
    /// max_upload_body; it is asked before the body is read.
    void run(Handler handler, UploadGate may_upload = nullptr);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace console
