// This host's TCP sockets as /proc/net/tcp{,6} shows them: whether a process
// itself listens on a port (a port a peer was told to use is only trusted
// once the peer's own PID holds the listening socket), and whether a
// connection has been closed by its server (an event a test can wait for
// instead of sleeping).
#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

namespace test_support {

struct TcpSocket {
    std::uint16_t local_port = 0;
    std::uint16_t remote_port = 0;
    std::string state;  // as in the kernel's table: "01" established, "08" close wait, "0A" listen ...
    std::string inode;
    unsigned long unread = 0;  // bytes received, not yet read by the owner
};

inline std::uint16_t port_of(const std::string& address) {  // "0100007F:1F90"
    const auto colon = address.rfind(':');
    return colon == std::string::npos ? 0 : static_cast<std::uint16_t>(std::stoul(address.substr(colon + 1), nullptr, 16));
}

inline std::vector<TcpSocket> tcp_sockets() {
    std::vector<TcpSocket> sockets;
    for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        std::ifstream in(table);
        std::string line;
        std::getline(in, line);  // the header
        while (std::getline(in, line)) {
            std::istringstream fields(line);
            std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
            fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >> inode;
            const auto colon = queues.find(':');  // "tx_queue:rx_queue", hex
            const unsigned long unread = colon == std::string::npos ? 0 : std::stoul(queues.substr(colon + 1), nullptr, 16);
            sockets.push_back({port_of(local), port_of(remote), state, inode, unread});
        }
    }
    return sockets;
}

// Inodes of the listening TCP sockets (IPv4 and IPv6) on `port`.
inline std::set<std::string> listening_socket_inodes(std::uint16_t port) {
    std::set<std::string> inodes;
    for (const auto& s : tcp_sockets())
        if (s.state == "0A" && s.local_port == port) inodes.insert(s.inode);
    return inodes;
}

/// True when an idle connection to `server_port` on this host has heard
/// that its server is done with it: the server's FIN arrived (CLOSE_WAIT),
/// or bytes the client has not read yet (through TLS: stunnel's
/// close_notify, sent before its FIN). Either way the client can know.
inline bool ended_by_server(std::uint16_t server_port) {
    for (const auto& s : tcp_sockets())
        if (s.remote_port == server_port && (s.state == "08" || (s.state == "01" && s.unread > 0))) return true;
    return false;
}

/// True when process `pid` holds a listening TCP socket on `port`.
inline bool listens_on(pid_t pid, std::uint16_t port) {
    const auto wanted = listening_socket_inodes(port);
    if (wanted.empty()) return false;
    std::error_code ec;
    const std::filesystem::path fds = "/proc/" + std::to_string(pid) + "/fd";
    for (const auto& fd : std::filesystem::directory_iterator(fds, ec)) {
        const std::string target = std::filesystem::read_symlink(fd.path(), ec).string();
        if (ec || target.rfind("socket:[", 0) != 0) continue;
        if (wanted.count(target.substr(8, target.size() - 9)) != 0) return true;
    }
    return false;
}

}  // namespace test_support
