// Runs this same program as N child processes (its own executable with
// other arguments) and collects what each printed, for tests and
// benchmarks of several service instances sharing one store.
#pragma once

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace mailwarden::test {

struct WorkerOutput {
    int status = -1;     ///< the exit status (-1: killed)
    std::string output;  ///< everything it printed
};

/// Starts one child per argument list, all at once, then waits for all.
inline std::vector<WorkerOutput> run_workers(const std::vector<std::vector<std::string>>& arguments) {
    struct Running {
        pid_t pid;
        int out;
    };
    std::vector<Running> running;
    for (const auto& args : arguments) {
        int pipe_fds[2];
        if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
        posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
        std::vector<std::string> argv_strings{"/proc/self/exe"};
        argv_strings.insert(argv_strings.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : argv_strings) argv.push_back(a.data());
        argv.push_back(nullptr);
        pid_t pid = 0;
        const int rc = posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(pipe_fds[1]);
        if (rc != 0) throw std::runtime_error("posix_spawn failed");
        running.push_back({pid, pipe_fds[0]});
    }
    std::vector<WorkerOutput> outputs;
    for (const auto& r : running) {
        WorkerOutput out;
        char buffer[4096];
        for (ssize_t n; (n = ::read(r.out, buffer, sizeof buffer)) > 0;) out.output.append(buffer, static_cast<std::size_t>(n));
        ::close(r.out);
        int status = 0;
        ::waitpid(r.pid, &status, 0);
        out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        outputs.push_back(std::move(out));
    }
    return outputs;
}

}  // namespace mailwarden::test
