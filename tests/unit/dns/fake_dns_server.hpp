// A misbehaving name server for tests, on 127.0.0.1 (UDP and TCP on one
// ephemeral port), run by a thread of the test and stopped with it. A handler
// decides per query: an answer, an answer after a delay, or silence.
#pragma once

#include "dns_wire.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace dns_test {

struct Reply {
    Bytes message;
    std::chrono::milliseconds delay{0};
};

class FakeDnsServer {
public:
    /// `tcp` tells the handler which transport the query came on.
    using Handler = std::function<std::optional<Reply>(const Question& question, bool tcp)>;

    /// With `release_batch` n > 0, UDP answers are held, whatever their
    /// delay, until n queries are outstanding and no further query is
    /// waiting to be read; then all go out. A client allowed n queries in
    /// flight meets exactly n outstanding, however slow the machine; one that
    /// sends more at once shows more. (A client that sends fewer, or a total
    /// that is not a multiple of n, waits for ever.)
    explicit FakeDnsServer(Handler handler, std::size_t release_batch = 0)
        : handler_(std::move(handler)), batch_(release_batch) {
        for (int attempt = 0; attempt < 20 && tcp_ < 0; ++attempt) open_sockets();
        if (tcp_ < 0) throw std::runtime_error("fake DNS server: no free port on 127.0.0.1");
        if (::pipe(stop_pipe_) != 0) throw std::runtime_error("fake DNS server: pipe");
        thread_ = std::thread([this] { run(); });
    }

    ~FakeDnsServer() {
        const char byte = 0;
        [[maybe_unused]] auto n = ::write(stop_pipe_[1], &byte, 1);
        thread_.join();
        for (int fd : {udp_, tcp_, stop_pipe_[0], stop_pipe_[1]}) ::close(fd);
    }

    FakeDnsServer(const FakeDnsServer&) = delete;
    FakeDnsServer& operator=(const FakeDnsServer&) = delete;

    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
    std::uint16_t port() const { return port_; }
    std::size_t udp_queries() const { return udp_queries_; }
    std::size_t tcp_queries() const { return tcp_queries_; }
    /// The most UDP queries held at once (received, not yet answered).
    std::size_t max_outstanding() const { return max_outstanding_; }

private:
    struct Pending {
        std::chrono::steady_clock::time_point due;
        Bytes message;
        sockaddr_in peer{};
    };

    void open_sockets() {
        udp_ = ::socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof addr;
        if (::bind(udp_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            ::getsockname(udp_, reinterpret_cast<sockaddr*>(&addr), &length) != 0) {
            ::close(udp_);
            udp_ = -1;
            return;
        }
        port_ = ntohs(addr.sin_port);
        tcp_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (::bind(tcp_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(tcp_, 16) != 0) {
            ::close(tcp_);
            ::close(udp_);
            tcp_ = udp_ = -1;
        }
    }

    void run() {
        std::vector<Pending> pending;
        for (;;) {
            int timeout_ms = -1;  // nothing to send: wait for a query
            const std::size_t batch = batch_;  // fixed before the thread starts
            if (!pending.empty() && batch == 0) {
                const auto first = std::min_element(pending.begin(), pending.end(),
                                                    [](const Pending& a, const Pending& b) { return a.due < b.due; });
                const auto wait = std::chrono::ceil<std::chrono::milliseconds>(first->due - std::chrono::steady_clock::now());
                timeout_ms = static_cast<int>(std::max<std::chrono::milliseconds::rep>(wait.count(), 0));
            }
            pollfd fds[3] = {{stop_pipe_[0], POLLIN, 0}, {udp_, POLLIN, 0}, {tcp_, POLLIN, 0}};
            ::poll(fds, 3, timeout_ms);
            if (fds[0].revents != 0) return;
            if (fds[1].revents & POLLIN) {
                std::uint8_t buffer[65536];
                sockaddr_in peer{};
                socklen_t length = sizeof peer;
                const auto n = ::recvfrom(udp_, buffer, sizeof buffer, 0, reinterpret_cast<sockaddr*>(&peer), &length);
                Question q;
                if (n > 0 && read_question({buffer, static_cast<std::size_t>(n)}, q)) {
                    ++udp_queries_;
                    if (auto reply = handler_(q, false)) {
                        pending.push_back({std::chrono::steady_clock::now() + reply->delay, std::move(reply->message), peer});
                        max_outstanding_ = std::max<std::size_t>(max_outstanding_, pending.size());
                    }
                }
            }
            if (fds[2].revents & POLLIN) serve_tcp_connection();
            const auto later = std::chrono::steady_clock::now();
            const bool release_batch = batch > 0 && pending.size() >= batch && !readable(udp_);
            for (auto it = pending.begin(); it != pending.end();) {
                if (batch > 0 ? release_batch : it->due <= later) {
                    ::sendto(udp_, it->message.data(), it->message.size(), 0, reinterpret_cast<sockaddr*>(&it->peer),
                             sizeof it->peer);
                    it = pending.erase(it);
                } else {
                    ++it;
                }
            }
        }
    }

    static bool readable(int fd) {
        pollfd p{fd, POLLIN, 0};
        return ::poll(&p, 1, 0) > 0 && (p.revents & POLLIN) != 0;
    }

    static bool read_all(int fd, std::uint8_t* out, std::size_t size) {
        while (size > 0) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 2000) <= 0) return false;
            const auto n = ::read(fd, out, size);
            if (n <= 0) return false;
            out += n;
            size -= static_cast<std::size_t>(n);
        }
        return true;
    }

    // One connection, its queries answered in turn until the client closes it.
    void serve_tcp_connection() {
        const int fd = ::accept(tcp_, nullptr, nullptr);
        if (fd < 0) return;
        for (;;) {
            std::uint8_t prefix[2];
            if (!read_all(fd, prefix, 2)) break;
            Bytes query(static_cast<std::size_t>(prefix[0] << 8 | prefix[1]));
            if (!read_all(fd, query.data(), query.size())) break;
            Question q;
            if (!read_question(query, q)) break;
            ++tcp_queries_;
            auto reply = handler_(q, true);
            if (!reply) continue;
            Bytes framed;
            put16(framed, static_cast<unsigned>(reply->message.size()));
            framed.insert(framed.end(), reply->message.begin(), reply->message.end());
            if (::write(fd, framed.data(), framed.size()) != static_cast<ssize_t>(framed.size())) break;
        }
        ::close(fd);
    }

    Handler handler_;
    int udp_ = -1;
    int tcp_ = -1;
    int stop_pipe_[2] = {-1, -1};
    std::uint16_t port_ = 0;
    std::atomic<std::size_t> udp_queries_{0};
    std::atomic<std::size_t> tcp_queries_{0};
    std::atomic<std::size_t> max_outstanding_{0};
    const std::size_t batch_ = 0;
    std::thread thread_;
};

}  // namespace dns_test
