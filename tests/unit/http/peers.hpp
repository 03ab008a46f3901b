// Local peers for the HTTP client tests, started by the tests and stopped by
// PID: the fault server (fault_server.py) and stunnel in front of it with
// certificates from tests/peers/tls/make_test_ca.sh. All on 127.0.0.1.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../support/closed_port.hpp"
#include "../../support/tcp_sockets.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace mw_test {

/// A child process, killed (SIGTERM, then SIGKILL) and reaped on destruction.
class Process {
public:
    /// Starts argv[0] (a path) with stdout on a pipe when `capture_stdout`.
    /// The child gets SIGTERM if this thread dies (a crashed or killed test
    /// leaves no server behind); start peers from the main thread.
    Process(const std::vector<std::string>& argv, bool capture_stdout) {
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        int fds[2] = {-1, -1};
        if (capture_stdout && pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
        const pid_t parent = getpid();
        pid_ = fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {  // only async-signal-safe calls until exec
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (getppid() != parent) _exit(127);
            if (capture_stdout) dup2(fds[1], 1);  // dup2 clears O_CLOEXEC on the copy
            execv(args[0], args.data());
            _exit(127);
        }
        if (capture_stdout) {
            close(fds[1]);
            out_ = fdopen(fds[0], "r");
        }
    }
    ~Process() {
        if (pid_ > 0) {
            kill(pid_, SIGTERM);
            int status = 0;
            for (int i = 0; i < 100; ++i) {
                if (waitpid(pid_, &status, WNOHANG) == pid_) {
                    pid_ = -1;
                    break;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            if (pid_ > 0) {
                kill(pid_, SIGKILL);
                waitpid(pid_, &status, 0);
            }
        }
        if (out_) fclose(out_);
    }
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    /// One line of the child's stdout, without the newline ("" at EOF).
    std::string read_line() {
        std::string line;
        if (!out_) return line;
        for (int c; (c = fgetc(out_)) != EOF && c != '\n';) line += static_cast<char>(c);
        return line;
    }
    pid_t pid() const { return pid_; }
    /// False once the child has exited (it is reaped then).
    bool running() {
        int status = 0;
        if (pid_ > 0 && waitpid(pid_, &status, WNOHANG) == pid_) pid_ = -1;
        return pid_ > 0;
    }

private:
    pid_t pid_ = -1;
    FILE* out_ = nullptr;
};

inline sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

/// A TCP port held here and never listened on: a connect is refused.
using test_support::ClosedPort;

/// A port free at this moment, for a peer that cannot bind port 0 and say
/// which port it got (stunnel): another process may take it before the peer
/// binds it, so the caller checks that the peer itself listens there
/// (test_support::listens_on) and starts again with new ports if not.
inline std::uint16_t momentarily_free_port() { return ClosedPort().port(); }

/// A listener that never accepts, its accept queue filled: a further
/// connect gets no SYN-ACK and hangs, like a host that drops packets.
class FullBacklogListener {
public:
    FullBacklogListener() {
        listener_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a = loopback(0);
        if (bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(listener_, 0) != 0)
            throw std::runtime_error("cannot listen");
        socklen_t len = sizeof a;
        getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        for (int i = 0; i < 3; ++i) {
            const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
            fillers_.push_back(fd);
        }
        // Full once a filler is connected (it sits in the accept queue): wait
        // for that instead of for a while.
        std::vector<pollfd> polls;
        for (int fd : fillers_) polls.push_back({fd, POLLOUT, 0});
        if (poll(polls.data(), polls.size(), 60'000) <= 0) throw std::runtime_error("no filler connected");
    }
    ~FullBacklogListener() {
        for (int fd : fillers_) close(fd);
        close(listener_);
    }
    FullBacklogListener(const FullBacklogListener&) = delete;
    FullBacklogListener& operator=(const FullBacklogListener&) = delete;
    std::uint16_t port() const { return port_; }

private:
    int listener_ = -1;
    std::vector<int> fillers_;
    std::uint16_t port_ = 0;
};

/// tests/unit/http/fault_server.py under Debian's python3.
class FaultServer {
public:
    FaultServer() : process_({"/usr/bin/python3", MW_HTTP_FAULT_SERVER}, true) {
        const std::string line = process_.read_line();
        if (line.rfind("PORT ", 0) != 0) throw std::runtime_error("fault server did not start: '" + line + "'");
        port_ = static_cast<std::uint16_t>(std::stoi(line.substr(5)));
    }
    std::uint16_t port() const { return port_; }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

private:
    Process process_;
    std::uint16_t port_ = 0;
};

/// One fault server per test program, started on first use.
inline FaultServer& fault_server() {
    static FaultServer server;
    return server;
}

inline std::filesystem::path make_temp_dir() {
    std::string templ = (std::filesystem::temp_directory_path() / "mw-http-XXXXXX").string();
    if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
    return templ;
}

/// stunnel in front of fault_server(), one service per certificate:
/// good, wronghost, unknownca, expired, and tls11 (good certificate, but the
/// server speaks TLS 1.1 at most).
class TlsTerminator {
public:
    TlsTerminator() : dir_(make_temp_dir()) {
        const std::string script = std::string(MW_TLS_PEER_DIR) + "/make_test_ca.sh";
        Process ca({"/bin/bash", script, dir_.string()}, true);
        const std::string line = ca.read_line();
        if (line.rfind("test PKI ready", 0) != 0) throw std::runtime_error("make_test_ca.sh failed");

        // stunnel cannot report ports it picked itself: each attempt gives
        // it free ports and succeeds when stunnel's own PID listens on all of
        // them; a port taken meanwhile makes stunnel fail or the check miss.
        for (int attempt = 1; attempt <= 5; ++attempt) {
            if (start_stunnel()) return;
        }
        throw std::runtime_error("stunnel did not listen on its ports after 5 attempts; see " +
                                 (dir_ / "stunnel.log").string());
    }
    ~TlsTerminator() {
        stunnel_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }

    std::uint16_t port(const std::string& service) const {
        for (const auto& [name, port] : ports_)
            if (name == service) return port;
        throw std::runtime_error("no service " + service);
    }
    /// https://<host>:<port of service><path>
    std::string url(const std::string& service, const std::string& path, const std::string& host = "127.0.0.1") const {
        return "https://" + host + ":" + std::to_string(port(service)) + path;
    }
    std::string ca_file() const { return (dir_ / "ca.crt").string(); }
    std::filesystem::path dir() const { return dir_; }

private:
    bool start_stunnel() {
        const auto backend = fault_server().port();
        ports_.clear();
        std::ofstream conf(dir_ / "stunnel.conf");
        conf << "foreground = quiet\npid =\ndebug = 3\noutput = " << (dir_ / "stunnel.log").string() << "\n";
        for (const char* name : {"good", "wronghost", "unknownca", "expired", "tls11"}) {
            const std::uint16_t port = momentarily_free_port();
            const std::string cert = std::string(name) == "tls11" ? "good" : name;
            conf << "[" << name << "]\naccept = 127.0.0.1:" << port << "\nconnect = 127.0.0.1:" << backend
                 << "\ncert = " << (dir_ / (cert + ".crt")).string() << "\nkey = " << (dir_ / (cert + ".key")).string()
                 << "\n";
            if (std::string(name) == "tls11")
                conf << "sslVersionMin = TLSv1\nsslVersionMax = TLSv1.1\nciphers = DEFAULT:@SECLEVEL=0\n";
            ports_.emplace_back(name, port);
        }
        conf.close();
        stunnel_ = std::make_unique<Process>(std::vector<std::string>{"/usr/bin/stunnel4", (dir_ / "stunnel.conf").string()},
                                             false);
        // Until stunnel listens on every port or exits; the limit only ends a hang.
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (stunnel_->running() && std::chrono::steady_clock::now() < give_up) {
            bool all = true;
            for (const auto& [name, port] : ports_) all = all && test_support::listens_on(stunnel_->pid(), port);
            if (all) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        stunnel_.reset();
        return false;
    }

    std::filesystem::path dir_;
    std::vector<std::pair<std::string, std::uint16_t>> ports_;
    std::unique_ptr<Process> stunnel_;
};

inline TlsTerminator& tls_terminator() {
    static TlsTerminator terminator;
    return terminator;
}

}  // namespace mw_test
