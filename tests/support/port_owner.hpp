// Whether a process itself listens on a TCP port, from /proc: a port a peer
// was told to use is only trusted once the peer's own PID holds the
// listening socket (anything else could be listening there instead).
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

namespace test_support {

// Inodes of the listening TCP sockets (IPv4 and IPv6) on `port`.
inline std::set<std::string> listening_socket_inodes(std::uint16_t port) {
    std::set<std::string> inodes;
    for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        std::ifstream in(table);
        std::string line;
        std::getline(in, line);  // the header
        while (std::getline(in, line)) {
            std::istringstream fields(line);
            std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
            fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >> inode;
            const auto colon = local.rfind(':');
            if (state != "0A" || colon == std::string::npos) continue;  // 0A: LISTEN
            if (std::stoul(local.substr(colon + 1), nullptr, 16) == port) inodes.insert(inode);
        }
    }
    return inodes;
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
