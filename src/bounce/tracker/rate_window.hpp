// The rolling window of an account's most recent sends over which its
// bounce and complaint rates are taken, and the status those rates give.
// Sends are numbered per account without gaps, so the window is the range
// [max(window_start, next_seq - size), next_seq) and its counters change
// only when a send enters, leaves, or gets a flag while inside.
#pragma once

#include <mailwarden/bounce_tracker.hpp>
#include <mailwarden/feedback_store.hpp>

#include <optional>
#include <string>

namespace mailwarden::bounce_detail {

std::int64_t window_from(const AccountRecord& a, std::int64_t size) noexcept;
std::int64_t window_sends(const AccountRecord& a, std::int64_t size) noexcept;

/// Makes the stored counters those of a window of `size` (after the
/// policy's window changed). Errors: the store's.
Result<Done, Error> fit_window(FeedbackTransaction& tx, AccountRecord& a, std::int64_t size);

/// Numbers `send` as the account's next send and moves the window: the
/// send that falls out takes its flags with it. Errors: the store's.
Result<Done, Error> enter_window(FeedbackTransaction& tx, AccountRecord& a, SendRecord& send, std::int64_t size);

/// What the account's status should be now, with the reason, or nullopt
/// when it stays as it is (suspended until resumed; below the minimum
/// volume nothing changes).
struct StatusVerdict {
    AccountStatus status;
    std::string reason;
};
std::optional<StatusVerdict> judge(const AccountRecord& a, const TrackerPolicy& policy);

/// The figures of AccountStats from a record.
AccountStats stats_of(const AccountRecord& a, std::int64_t size);

}  // namespace mailwarden::bounce_detail
