// One request and its answer over a fresh TCP connection, blocking, each
// phase (connect, write, read) bounded by the same timeout: connect, send
// the request, shut down the sending side (spamd reads the message until
// then or until its Content-length), read until the peer closes. Plain
// POSIX sockets and poll(): src/net/ has Beast's HTTP connection, but no
// blocking raw-TCP helper, and spamd's exchange is a single round trip.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace mailwarden::content_detail {

struct TcpExchange {
    enum class Outcome {
        answered,     ///< the peer closed after `answer` (which may be empty or cut short by an error)
        unavailable,  ///< no connection: name not resolved, refused, connect timed out
        timed_out,    ///< connected, but a write or read did not finish in time
        too_long,     ///< the answer grew past the limit (answer holds the first bytes)
    };
    Outcome outcome = Outcome::answered;
    std::string answer;
    std::string detail;  ///< for people: "connection refused", "read timed out after 10000 ms" ...
};

TcpExchange tcp_exchange(const std::string& host, std::uint16_t port, std::string_view request,
                         std::chrono::milliseconds timeout, std::size_t max_answer);

}  // namespace mailwarden::content_detail
