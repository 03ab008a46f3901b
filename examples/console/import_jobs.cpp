#include "import_jobs.hpp"

#include "sessions.hpp"

#include <algorithm>

namespace console {

ImportJobs::ImportJobs(std::size_t max_running, std::size_t max_kept)
    : max_running_(max_running), max_kept_(max_kept) {}

ImportJobs::~ImportJobs() {
    std::vector<std::pair<std::string, std::thread>> threads;
    {
        std::lock_guard lock(mutex_);
        threads.swap(threads_);
    }
    for (auto& [id, t] : threads) t.join();
}

// Under the lock. A finished job's thread needs the lock no more: joining
// it waits only for its return.
void ImportJobs::join_finished() {
    for (auto it = threads_.begin(); it != threads_.end();) {
        const auto job = jobs_.find(it->first);
        if (job != jobs_.end() && !job->second.finished) {
            ++it;
            continue;
        }
        it->second.join();
        it = threads_.erase(it);
    }
}

std::optional<ImportProgress> ImportJobs::start(std::string list, std::size_t lines, ImportRun run) {
    std::lock_guard lock(mutex_);
    if (running_ >= max_running_) return std::nullopt;
    join_finished();
    ImportProgress progress;
    progress.id = random_hex(12);
    progress.list = std::move(list);
    progress.lines = lines;
    jobs_.emplace(progress.id, progress);
    ++running_;
    threads_.emplace_back(progress.id, std::thread([this, id = progress.id, run = std::move(run)] {
        auto on_row = [this, &id](const mailwarden::ImportRow& row) {
            std::lock_guard row_lock(mutex_);
            ImportProgress& p = jobs_.at(id);
            p.lines_done = std::max(p.lines_done, row.check.line);
            ++p.rows_done;
            if (row.added) ++p.added;
        };
        auto outcome = run(on_row);
        std::lock_guard end_lock(mutex_);
        ImportProgress& p = jobs_.at(id);
        p.finished = true;
        p.lines_done = p.lines;
        if (outcome)
            p.summary = std::move(*outcome);
        else
            p.error = outcome.error();
        --running_;
        finished_order_.push_back(id);
        forget_old_finished();
    }));
    return progress;
}

std::optional<ImportProgress> ImportJobs::find(const std::string& id) const {
    std::lock_guard lock(mutex_);
    const auto it = jobs_.find(id);
    if (it == jobs_.end()) return std::nullopt;
    return it->second;
}

void ImportJobs::forget_old_finished() {
    while (finished_order_.size() > max_kept_) {
        jobs_.erase(finished_order_.front());
        finished_order_.erase(finished_order_.begin());
    }
}

std::size_t count_lines(const std::string& text) {
    const auto ends = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    return ends + (!text.empty() && text.back() != '\n' ? 1 : 0);
}

}  // namespace console
