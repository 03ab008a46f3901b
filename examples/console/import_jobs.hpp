// CSV imports the Lists page starts. Each runs on a thread of its own, so a
// large file neither holds one of the server's threads nor outlives the
// request; the page polls its progress by id. Thread-safe.
#pragma once

#include <mailwarden/subscriber_lists.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace console {

struct ImportProgress {
    std::string id;
    std::string list;
    std::size_t lines = 0;       ///< in the file
    std::size_t lines_done = 0;  ///< up to the last row with an outcome
    std::int64_t rows_done = 0;
    std::int64_t added = 0;
    bool finished = false;
    std::optional<mailwarden::ImportSummary> summary;  ///< once finished without error
    std::optional<mailwarden::Error> error;           ///< once finished with one
};

/// The body of an import: runs it, reporting each row's outcome.
using ImportRun = std::function<mailwarden::Result<mailwarden::ImportSummary, mailwarden::Error>(
    const std::function<void(const mailwarden::ImportRow&)>& on_row)>;

class ImportJobs {
public:
    /// At most `max_running` imports at once; the last `max_kept` finished
    /// ones stay readable.
    explicit ImportJobs(std::size_t max_running = 2, std::size_t max_kept = 32);
    /// Waits for the imports still running.
    ~ImportJobs();
    ImportJobs(const ImportJobs&) = delete;
    ImportJobs& operator=(const ImportJobs&) = delete;

    /// Starts `run` over a file of `lines` lines; nullopt when max_running
    /// imports are running already.
    std::optional<ImportProgress> start(std::string list, std::size_t lines, ImportRun run);
    std::optional<ImportProgress> find(const std::string& id) const;

private:
    void forget_old_finished();
    void join_finished();

    std::size_t max_running_;
    std::size_t max_kept_;
    mutable std::mutex mutex_;
    std::map<std::string, ImportProgress> jobs_;
    std::vector<std::string> finished_order_;
    std::size_t running_ = 0;
    std::vector<std::pair<std::string, std::thread>> threads_;  ///< by job id
};

/// The lines of a file as an import counts them (a last line without its
/// line end counts).
std::size_t count_lines(const std::string& text);

}  // namespace console
