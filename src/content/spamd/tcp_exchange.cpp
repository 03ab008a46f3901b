#include "content/spamd/tcp_exchange.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mailwarden::content_detail {

namespace {

using Clock = std::chrono::steady_clock;

class Socket {
public:
    explicit Socket(int fd) noexcept : fd_(fd) {}
    ~Socket() {
        if (fd_ >= 0) ::close(fd_);
    }
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    int fd() const noexcept { return fd_; }

private:
    int fd_;
};

// Waits for `events` until `deadline`: 1 ready, 0 timed out, -1 error.
int wait_for(int fd, short events, Clock::time_point deadline) {
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return 0;
        pollfd p{fd, events, 0};
        const int r = ::poll(&p, 1, left > 60000 ? 60000 : static_cast<int>(left));
        if (r > 0) return 1;
        if (r < 0 && errno != EINTR) return -1;
    }
}

std::string errno_text(int e) { return std::strerror(e); }

std::string ms(std::chrono::milliseconds t) { return std::to_string(t.count()) + " ms"; }

// A connected non-blocking socket, or -1 with `why`.
int connect_to(const std::string& host, std::uint16_t port, std::chrono::milliseconds timeout, std::string& why) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
    if (rc != 0) {
        why = "cannot resolve " + host + ": " + ::gai_strerror(rc);
        return -1;
    }
    why = "no address for " + host;
    const auto deadline = Clock::now() + timeout;
    int connected = -1;
    for (addrinfo* a = found; a != nullptr && connected < 0; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            why = "socket: " + errno_text(errno);
            continue;
        }
        int err = 0;
        if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
            err = errno;
            if (err == EINPROGRESS) {
                const int w = wait_for(fd, POLLOUT, deadline);
                if (w == 0) {
                    why = "connect timed out after " + ms(timeout);
                    ::close(fd);
                    break;
                }
                socklen_t len = sizeof err;
                if (w < 0 || ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
            }
        }
        if (err == 0) {
            connected = fd;
        } else {
            why = "connect to " + host + ":" + service + ": " + errno_text(err);
            ::close(fd);
        }
    }
    ::freeaddrinfo(found);
    return connected;
}

}  // namespace

TcpExchange tcp_exchange(const std::string& host, std::uint16_t port, std::string_view request,
                         std::chrono::milliseconds timeout, std::size_t max_answer) {
    TcpExchange out;
    std::string why;
    const int fd = connect_to(host, port, timeout, why);
    if (fd < 0) {
        out.outcome = TcpExchange::Outcome::unavailable;
        out.detail = why;
        return out;
    }
    const Socket socket(fd);

    // Write; a peer that stops reading early (an error answer) may still
    // have said why: a failed write goes on to the read.
    const auto write_deadline = Clock::now() + timeout;
    std::size_t sent = 0;
    while (sent < request.size()) {
        const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n > 0) {
            sent += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            const int w = wait_for(fd, POLLOUT, write_deadline);
            if (w == 0) {
                out.outcome = TcpExchange::Outcome::timed_out;
                out.detail = "write timed out after " + ms(timeout) + " (" + std::to_string(sent) + " of " +
                             std::to_string(request.size()) + " bytes sent)";
                return out;
            }
            if (w > 0) continue;
        }
        out.detail = "write failed after " + std::to_string(sent) + " bytes: " + errno_text(errno);
        break;
    }
    ::shutdown(fd, SHUT_WR);

    const auto read_deadline = Clock::now() + timeout;
    char buffer[8192];
    for (;;) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            const auto got = static_cast<std::size_t>(n);
            if (out.answer.size() + got > max_answer) {
                out.answer.append(buffer, max_answer - out.answer.size());
                out.outcome = TcpExchange::Outcome::too_long;
                out.detail = "answer longer than " + std::to_string(max_answer) + " bytes";
                return out;
            }
            out.answer.append(buffer, got);
            continue;
        }
        if (n == 0) break;
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            const int w = wait_for(fd, POLLIN, read_deadline);
            if (w == 0) {
                out.outcome = TcpExchange::Outcome::timed_out;
                out.detail = "read timed out after " + ms(timeout) + " (" + std::to_string(out.answer.size()) +
                             " bytes received)";
                return out;
            }
            if (w > 0) continue;
        }
        // A reset: what arrived before it is judged by the caller.
        if (!out.detail.empty()) out.detail += "; ";
        out.detail += "read failed: " + errno_text(errno);
        break;
    }
    out.outcome = TcpExchange::Outcome::answered;
    return out;
}

}  // namespace mailwarden::content_detail
