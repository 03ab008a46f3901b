// The credentials last read from the shared files, kept until a file
// changes. The default chain resolves before every SES attempt, on the
// client's I/O strand: reading and parsing two files each time is wasted
// there, where two stat() calls tell whether anything could have changed.
#pragma once

#include <mailwarden/clock.hpp>
#include <mailwarden/net/credentials.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace mailwarden::aws::detail {

/// What tells one version of a file from another without reading it. A
/// file renamed into place has another inode; one rewritten in place
/// another mtime or size.
struct FileStamp {
    bool known = true;     ///< false when stat() failed for another reason than a missing file
    bool present = false;  ///< false for a missing file (which reads as empty)
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::int64_t size = 0;
    TimePoint mtime{};

    friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

FileStamp stamp_of(const std::string& path);

/// Thread-safe. Only credentials are kept; an error is read again each
/// time, so a fixed file counts at once.
class SharedFilesCache {
public:
    /// A file modified less than this before it was read may change again
    /// without moving its mtime (the timestamp's granularity; 2 s on FAT):
    /// what was read from it is not kept.
    static constexpr std::chrono::seconds racy_window{2};
    /// Temporary credentials (with a session token) are read again after
    /// this long even if the files look unchanged: the files carry no
    /// expiry to go by, and whatever refreshes them may rewrite them
    /// within one mtime tick.
    static constexpr std::chrono::minutes temporary_max_age{5};

    explicit SharedFilesCache(std::shared_ptr<Clock> clock = system_clock());

    /// What `read` gave for this profile and these two files, unless a file
    /// changed since (or it is not to be kept); else `read()` now.
    CredentialsResult resolve(const std::string& profile, const std::string& credentials_path,
                              const std::string& config_path, const std::function<CredentialsResult()>& read);

    /// How many times `read` ran (for tests and operations).
    std::size_t reads() const;

private:
    // A profile, its two files and their stamps: equal keys, same credentials.
    struct Key {
        std::string profile, credentials_path, config_path;
        FileStamp credentials, config;
        friend bool operator==(const Key&, const Key&) = default;
    };
    struct Entry {
        Key key;
        TimePoint read_at{};
        CredentialsResult result;
    };

    std::shared_ptr<Clock> clock_;
    mutable std::mutex mutex_;
    std::optional<Entry> entry_;
    std::size_t reads_ = 0;
};

}  // namespace mailwarden::aws::detail
