// c-ares 1.18 channels are not thread-safe, so one thread owns the channel:
// callers hand work over through a locked inbox and an eventfd wake-up, the
// thread polls the channel's sockets (learnt from the socket-state callback)
// and the wake-up fd, and runs every c-ares call and every completion.
#include "net/dns/cares_resolver.hpp"

#include "net/dns/name.hpp"
#include "net/dns/response_parser.hpp"
#include "net/dns/server_address.hpp"

#include <mailwarden/error.hpp>

#include <ares.h>
#include <arpa/nameser.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <deque>
#include <future>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace mailwarden::dns {

namespace {

Answer with_status(Status status) {
    Answer a;
    a.status = status;
    return a;
}

// c-ares status (and answer, when there is one) to an Answer.
Answer make_answer(int status, const unsigned char* abuf, int alen, RecordType type) {
    switch (status) {
    case ARES_SUCCESS:
    case ARES_ENODATA:
    case ARES_ENOTFOUND:
        if (abuf != nullptr && alen > 0)
            return detail::parse_response({abuf, static_cast<std::size_t>(alen)}, type);
        // No message: c-ares decided itself (".onion" is NXDOMAIN by RFC 7686).
        return with_status(status == ARES_ENOTFOUND ? Status::nxdomain
                           : status == ARES_ENODATA ? Status::nodata
                                                    : Status::malformed);
    case ARES_ETIMEOUT:
        return with_status(Status::timeout);
    // 1.18 reports SERVFAIL, REFUSED and NOTIMP from every server as
    // ECONNREFUSED (the initial error of a query); ICMP port unreachable too.
    case ARES_ESERVFAIL:
    case ARES_EREFUSED:
    case ARES_ENOTIMP:
    case ARES_ECONNREFUSED:
    case ARES_ECANCELLED:
    case ARES_EDESTRUCTION:
    case ARES_ENOMEM:
        return with_status(Status::servfail);
    default:  // EFORMERR, EBADRESP, EBADNAME, EBADQUERY, ...
        return with_status(Status::malformed);
    }
}

void complete(std::function<void(Answer)>& done, Answer answer) noexcept {
    try {
        done(std::move(answer));
    } catch (...) {
        // Documented: a completion's exception is dropped; nothing above
        // this thread could handle it.
    }
}

int library_status() {
    static const int status = ares_library_init(ARES_LIB_INIT_ALL);
    return status;
}

}  // namespace

class CaresResolver::Engine {
public:
    struct Job {
        Engine* engine = nullptr;
        std::string name;
        RecordType type = RecordType::a;
        std::function<void(Answer)> done;
    };

    explicit Engine(std::size_t max_concurrency) : max_concurrency_(max_concurrency) {}

    ~Engine() {
        if (channel_ != nullptr) ares_destroy(channel_);
        if (wake_fd_ >= 0) ::close(wake_fd_);
    }

    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    std::error_code init(const ResolverOptions& options, const std::vector<detail::ServerAddress>& servers) {
        wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (wake_fd_ < 0 || library_status() != ARES_SUCCESS) return errc::internal;

        ares_options o{};
        int mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_SOCK_STATE_CB | ARES_OPT_NOROTATE;
        // Exact names only: no search list, no HOSTALIASES.
        o.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOALIASES;
        o.timeout = static_cast<int>(std::min<std::chrono::milliseconds::rep>(options.timeout.count(), INT_MAX));
        o.tries = options.tries;
        o.sock_state_cb = &Engine::on_socket_state;
        o.sock_state_cb_data = this;
        if (options.edns_udp_size != 0) {
            o.flags |= ARES_FLAG_EDNS;
            o.ednspsz = options.edns_udp_size;
            mask |= ARES_OPT_EDNSPSZ;
        }
        if (ares_init_options(&channel_, &o, mask) != ARES_SUCCESS) {
            channel_ = nullptr;
            return errc::internal;
        }
        if (!servers.empty()) {
            std::vector<ares_addr_port_node> nodes(servers.size());
            for (std::size_t i = 0; i < servers.size(); ++i) {
                auto& node = nodes[i];
                node.next = i + 1 < nodes.size() ? &nodes[i + 1] : nullptr;
                node.family = servers[i].ip.v6 ? AF_INET6 : AF_INET;
                if (servers[i].ip.v6) std::memcpy(&node.addr.addr6, servers[i].ip.bytes.data(), 16);
                else std::memcpy(&node.addr.addr4, servers[i].ip.bytes.data(), 4);
                node.udp_port = servers[i].port;
                node.tcp_port = servers[i].port;
            }
            if (ares_set_servers_ports(channel_, nodes.data()) != ARES_SUCCESS) return errc::internal;
        }
        return {};
    }

    // Any thread. After stop() the job completes at once, on the caller.
    void submit(Job job) {
        {
            const std::lock_guard lock(mutex_);
            if (!stopping_) {
                // The thread drains the whole inbox per wake-up: only the
                // first job since the last drain needs to wake it.
                if (inbox_.empty()) wake();
                inbox_.push_back(std::move(job));
                return;
            }
        }
        complete(job.done, with_status(Status::servfail));
    }

    void post(std::function<void()> task) {
        {
            const std::lock_guard lock(mutex_);
            if (!stopping_) {
                if (tasks_.empty()) wake();
                tasks_.push_back(std::move(task));
                return;
            }
        }
        task();
    }

    void stop() {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        wake();
    }

    void run() {
        std::vector<Job> arrived;
        std::vector<std::function<void()>> tasks;
        std::vector<pollfd> fds;
        for (;;) {
            bool stopping = false;
            {
                const std::lock_guard lock(mutex_);
                arrived.swap(inbox_);
                tasks.swap(tasks_);
                stopping = stopping_;
            }
            for (auto& job : arrived) waiting_.push_back(std::move(job));
            arrived.clear();
            run_tasks(tasks);
            if (stopping) break;
            start_waiting();

            fds.clear();
            fds.push_back({wake_fd_, POLLIN, 0});
            for (const auto& [fd, events] : sockets_) fds.push_back({fd, events, 0});
            int timeout_ms = -1;
            timeval tv{};
            if (const timeval* next = ares_timeout(channel_, nullptr, &tv); next != nullptr)
                timeout_ms = static_cast<int>(next->tv_sec * 1000 + (next->tv_usec + 999) / 1000);
            const int ready = ::poll(fds.data(), fds.size(), timeout_ms);
            if (ready < 0 && errno != EINTR) break;  // cannot wait any more: fail what is pending
            if (fds[0].revents != 0) {
                std::uint64_t count = 0;
                while (::read(wake_fd_, &count, sizeof count) > 0) {
                }
            }
            bool processed = false;
            for (std::size_t i = 1; ready > 0 && i < fds.size(); ++i) {
                const short ev = fds[i].revents;
                if (ev == 0) continue;
                const ares_socket_t fd = fds[i].fd;
                const bool readable = (ev & (POLLIN | POLLERR | POLLHUP)) != 0;
                const bool writable = (ev & (POLLOUT | POLLERR | POLLHUP)) != 0;
                ares_process_fd(channel_, readable ? fd : ARES_SOCKET_BAD, writable ? fd : ARES_SOCKET_BAD);
                processed = true;
            }
            // Every ares_process_fd() also expires timed-out tries.
            if (!processed) ares_process_fd(channel_, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
        }
        shut_down();
    }

private:
    static void on_socket_state(void* data, ares_socket_t fd, int readable, int writable) {
        auto* self = static_cast<Engine*>(data);
        if (readable == 0 && writable == 0) {
            self->sockets_.erase(fd);
        } else {
            self->sockets_[fd] = static_cast<short>((readable != 0 ? POLLIN : 0) | (writable != 0 ? POLLOUT : 0));
        }
    }

    static void on_answer(void* arg, int status, int /*timeouts*/, unsigned char* abuf, int alen) {
        std::unique_ptr<Job> job(static_cast<Job*>(arg));
        --job->engine->in_flight_;
        complete(job->done, make_answer(status, abuf, alen, job->type));
    }

    void wake() noexcept {
        const std::uint64_t one = 1;
        [[maybe_unused]] const auto written = ::write(wake_fd_, &one, sizeof one);
    }

    static void run_tasks(std::vector<std::function<void()>>& tasks) {
        for (auto& task : tasks) {
            try {
                task();
            } catch (...) {
                // Same rule as completions.
            }
        }
        tasks.clear();
    }

    void start_waiting() {
        while (in_flight_ < max_concurrency_ && !waiting_.empty()) {
            auto job = std::make_unique<Job>(std::move(waiting_.front()));
            waiting_.pop_front();
            job->engine = this;
            ++in_flight_;
            const std::string name = job->name;
            const int type = static_cast<int>(job->type);
            // The callback may run before ares_query() returns (a bad name).
            ares_query(channel_, name.c_str(), ns_c_in, type, &Engine::on_answer, job.release());
        }
    }

    // On the thread, after the loop: everything pending completes, once.
    void shut_down() {
        {
            const std::lock_guard lock(mutex_);
            stopping_ = true;
            for (auto& job : inbox_) waiting_.push_back(std::move(job));
            inbox_.clear();
        }
        while (!waiting_.empty()) {
            auto job = std::move(waiting_.front());
            waiting_.pop_front();
            complete(job.done, with_status(Status::servfail));
        }
        // In-flight queries end with ARES_EDESTRUCTION: servfail.
        ares_destroy(channel_);
        channel_ = nullptr;
        std::vector<std::function<void()>> tasks;
        {
            const std::lock_guard lock(mutex_);
            tasks.swap(tasks_);
        }
        run_tasks(tasks);
    }

    ares_channel channel_ = nullptr;
    int wake_fd_ = -1;
    std::size_t max_concurrency_;

    std::mutex mutex_;  // guards the three below
    std::vector<Job> inbox_;
    std::vector<std::function<void()>> tasks_;
    bool stopping_ = false;

    // Only the thread touches these.
    std::deque<Job> waiting_;
    std::size_t in_flight_ = 0;
    std::unordered_map<ares_socket_t, short> sockets_;
};

std::shared_ptr<CaresResolver> CaresResolver::create(const ResolverOptions& options, std::error_code& ec) {
    ec.clear();
    std::vector<detail::ServerAddress> servers;
    for (const auto& text : options.servers) {
        const auto server = detail::parse_server_address(text);
        if (!server) {
            ec = errc::invalid_argument;
            return nullptr;
        }
        servers.push_back(*server);
    }
    if (options.tries < 1 || options.timeout.count() < 1 || options.max_concurrency == 0) {
        ec = errc::invalid_argument;
        return nullptr;
    }
    auto engine = std::make_shared<Engine>(options.max_concurrency);
    if (const auto error = engine->init(options, servers)) {
        ec = error;
        return nullptr;
    }
    std::shared_ptr<CaresResolver> resolver(new CaresResolver());
    resolver->engine_ = engine;
    try {
        // The thread holds the engine too: it may outlive this object.
        resolver->thread_ = std::thread([engine] { engine->run(); });
    } catch (const std::system_error&) {
        ec = errc::internal;
        return nullptr;
    }
    return resolver;
}

CaresResolver::~CaresResolver() {
    if (!engine_) return;
    engine_->stop();
    if (!thread_.joinable()) return;
    if (thread_.get_id() == std::this_thread::get_id()) thread_.detach();
    else thread_.join();
}

Answer CaresResolver::query(std::string_view name, RecordType type) {
    if (std::this_thread::get_id() == thread_.get_id()) return with_status(Status::servfail);
    // Shared: the completion may still be leaving set_value() when get() returns.
    auto promise = std::make_shared<std::promise<Answer>>();
    auto future = promise->get_future();
    async_query(std::string(name), type, [promise](Answer answer) { promise->set_value(std::move(answer)); });
    return future.get();
}

void CaresResolver::async_query(std::string name, RecordType type, std::function<void(Answer)> done) {
    Engine::Job job;
    job.name = detail::normalize_name(name);
    job.type = type;
    job.done = std::move(done);
    engine_->submit(std::move(job));
}

void CaresResolver::post(std::function<void()> task) { engine_->post(std::move(task)); }

}  // namespace mailwarden::dns
