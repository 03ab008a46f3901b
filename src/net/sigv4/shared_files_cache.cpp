// The shared files' credentials, read again only when a file changed.
#include "shared_files_cache.hpp"

#include <sys/stat.h>

#include <cerrno>

namespace mailwarden::aws::detail {

namespace {

// Read long enough after its last write that a further write must move the
// mtime. A file dated in the future (a skewed clock, a copied date) never is.
bool settled(const FileStamp& stamp, TimePoint now) {
    if (!stamp.known) return false;
    return !stamp.present || stamp.mtime + SharedFilesCache::racy_window <= now;
}

}  // namespace

FileStamp stamp_of(const std::string& path) {
    FileStamp stamp;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        // Missing, as the reader sees it; anything else is not known.
        stamp.known = errno == ENOENT || errno == ENOTDIR;
        return stamp;
    }
    stamp.present = true;
    stamp.device = static_cast<std::uint64_t>(st.st_dev);
    stamp.inode = static_cast<std::uint64_t>(st.st_ino);
    stamp.size = static_cast<std::int64_t>(st.st_size);
    stamp.mtime = TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::seconds(st.st_mtim.tv_sec) +
                                                                            std::chrono::nanoseconds(st.st_mtim.tv_nsec)));
    return stamp;
}

SharedFilesCache::SharedFilesCache(std::shared_ptr<Clock> clock) : clock_(std::move(clock)) {}

CredentialsResult SharedFilesCache::resolve(const std::string& profile, const std::string& credentials_path,
                                            const std::string& config_path,
                                            const std::function<CredentialsResult()>& read) {
    // Stamped before reading: a write during the read shows as a change next time.
    Key key{profile, credentials_path, config_path, stamp_of(credentials_path), stamp_of(config_path)};
    const TimePoint now = clock_->now();
    const std::lock_guard lock(mutex_);
    if (entry_ && entry_->key == key) {
        const bool temporary = entry_->result.credentials->has_session_token();
        if (!temporary || now - entry_->read_at < temporary_max_age) return entry_->result;
    }
    ++reads_;
    CredentialsResult result = read();
    if (result && settled(key.credentials, now) && settled(key.config, now))
        entry_ = Entry{std::move(key), now, result};
    else
        entry_.reset();
    return result;
}

std::size_t SharedFilesCache::reads() const {
    const std::lock_guard lock(mutex_);
    return reads_;
}

}  // namespace mailwarden::aws::detail
