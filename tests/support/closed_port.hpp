// A port on 127.0.0.1 that refuses, held for as long as the object lives so
// no other process can take it: TCP, bound and never listened on (a connect
// is refused); UDP, bound and connected elsewhere (127.0.0.1:9), so a
// datagram from anyone else finds no socket and the kernel answers port
// unreachable, as for a port nobody uses.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>

namespace test_support {

class ClosedPort {
public:
    /// `type`: SOCK_STREAM (TCP) or SOCK_DGRAM (UDP).
    explicit ClosedPort(int type = SOCK_STREAM) {
        fd_ = ::socket(AF_INET, type, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof a;
        if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &length) != 0)
            throw std::runtime_error("cannot bind a port on 127.0.0.1");
        port_ = ntohs(a.sin_port);
        if (type == SOCK_DGRAM) {
            a.sin_port = htons(9);
            if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
                throw std::runtime_error("cannot connect a UDP socket");
        }
    }
    ~ClosedPort() { ::close(fd_); }
    ClosedPort(const ClosedPort&) = delete;
    ClosedPort& operator=(const ClosedPort&) = delete;
    std::uint16_t port() const { return port_; }

private:
    int fd_ = -1;
    std::uint16_t port_ = 0;
};

}  // namespace test_support
