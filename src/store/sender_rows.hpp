// How a sender is laid out in the stores' tables, shared by the SQLite and
// PostgreSQL stores so both read and write the same encoding. `Row` is
// anything with text(col), integer(col) and optional_integer(col): a SQLite
// statement's current row or a PostgreSQL result row.
#pragma once

#include <mailwarden/sender.hpp>

#include "store/stored_lists.hpp"
#include "store/stored_time.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::store {

/// The columns read_sender() expects, in its order.
inline constexpr std::string_view sender_columns =
    "id, account, type, address, alias, state, created_at, requested_at, expires_at, verified_at, failed_at, "
    "last_checked_at, failure_reason, warnings, version";

/// The columns read_history() expects from `first` on.
inline constexpr std::string_view history_columns = "at, from_state, to_state, event, reason";

/// Warnings are stored one a line.
inline std::string join_lines(const std::vector<std::string>& lines) { return join_items(lines, '\n'); }
inline std::vector<std::string> split_lines(const std::string& text) { return split_items(text, '\n'); }

inline std::int64_t state_number(VerificationState state) { return static_cast<int>(state); }

inline std::optional<std::int64_t> state_number(std::optional<VerificationState> state) {
    if (!state) return std::nullopt;
    return state_number(*state);
}

template <class Row>
Sender read_sender(const Row& r) {
    Sender out;
    out.id = r.text(0);
    out.account = r.text(1);
    out.type = r.text(2);
    out.address = r.text(3);
    out.alias = r.text(4);
    out.state = static_cast<VerificationState>(r.integer(5));
    out.created_at = from_millis(r.integer(6));
    out.requested_at = from_millis(r.integer(7));
    out.expires_at = from_millis(r.integer(8));
    out.verified_at = from_millis(r.optional_integer(9));
    out.failed_at = from_millis(r.optional_integer(10));
    out.last_checked_at = from_millis(r.optional_integer(11));
    out.failure_reason = r.text(12);
    out.warnings = split_lines(r.text(13));
    out.version = r.integer(14);
    return out;
}

/// One history entry from history_columns starting at column `first`.
template <class Row>
SenderHistoryEntry read_history(const Row& r, int first) {
    SenderHistoryEntry h;
    h.at = from_millis(r.integer(first));
    if (const auto from = r.optional_integer(first + 1)) h.from = static_cast<VerificationState>(*from);
    h.to = static_cast<VerificationState>(r.integer(first + 2));
    h.event = r.text(first + 3);
    h.reason = r.text(first + 4);
    return h;
}

}  // namespace mailwarden::store
