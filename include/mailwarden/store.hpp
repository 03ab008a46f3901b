// Where senders live. SQLite is the embedded default (one file, WAL, shared
// safely by several processes); the interface lets a host bring its own.
#pragma once

#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/result.hpp>
#include <mailwarden/sender.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden {

/// Thread-safe storage of senders and their history.
class MAILWARDEN_EXPORT SenderStore {
public:
    virtual ~SenderStore();

    /// Errors: already_exists (same account and address), io.
    virtual Result<Done, Error> insert(const Sender& sender) = 0;
    /// Saves the sender if its version is still the stored one, then bumps
    /// the version; history entries beyond those stored are appended.
    /// Errors: not_found, already_exists when the version moved (someone
    /// else changed it: reload and retry), io.
    virtual Result<Sender, Error> update(const Sender& sender) = 0;
    virtual Result<std::optional<Sender>, Error> find(std::string_view account, std::string_view address) = 0;
    /// Senders with this (normalised) address in any account, ordered by
    /// creation. The default filters list(); stores override it with a lookup.
    virtual Result<std::vector<Sender>, Error> find_in_all_accounts(std::string_view address);
    /// Senders of an account (all accounts when empty), ordered by creation.
    virtual Result<std::vector<Sender>, Error> list(std::string_view account,
                                                    std::optional<VerificationState> state) = 0;
    /// Pending senders whose link expires before `before`, or whose last
    /// check is older than `checked_before`, plus verified senders checked
    /// before `recheck_before`; at most `limit`, oldest check first.
    virtual Result<std::vector<Sender>, Error> due_for_refresh(TimePoint recheck_before, std::size_t limit,
                                                               std::string_view after_id) = 0;
    virtual Result<Done, Error> remove(std::string_view id) = 0;
};

struct SqliteStoreOptions {
    std::chrono::milliseconds busy_timeout{5000};  ///< wait for another process's lock
};

/// Opens (creating and migrating as needed) the SQLite store at `path`;
/// ":memory:" for a private in-memory database. Errors: io.
MAILWARDEN_EXPORT Result<std::shared_ptr<SenderStore>, Error> open_sqlite_store(const std::string& path,
                                                                              SqliteStoreOptions options = {});

/// The schema version this library writes.
MAILWARDEN_EXPORT int sqlite_schema_version() noexcept;

}  // namespace mailwarden
