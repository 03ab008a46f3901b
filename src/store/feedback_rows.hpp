// How the bounce tracker's records are laid out in the stores' tables,
// shared by the SQLite and PostgreSQL feedback stores so both keep the same
// encoding (flag bits, soft-bounce times as text). `Row` is anything with
// text(col), integer(col) and optional_integer(col).
#pragma once

#include <mailwarden/feedback_store.hpp>

#include "store/stored_time.hpp"

#include <charconv>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::store {

inline constexpr std::string_view send_select =
    "SELECT message_id, recipient, account, seq, at, flags FROM feedback_sends";
inline constexpr std::string_view suppression_select =
    "SELECT account, address, reason, at, evidence_key, status, diagnostic, note FROM suppressions";
/// The columns read_account() expects (the account name is the key).
inline constexpr std::string_view account_columns =
    "status, status_since, status_reason, next_seq, window_start, window_size, window_hard, window_soft, "
    "window_complaints, total_hard, total_soft, total_complaints, total_deliveries, audit_entries";
/// The columns read_status_change() expects.
inline constexpr std::string_view audit_columns = "at, from_status, to_status, actor, reason";

inline constexpr std::int64_t flag_hard = 1, flag_soft = 2, flag_complaint = 4;

inline std::int64_t send_flags(const SendRecord& s) {
    return (s.hard_bounced ? flag_hard : 0) | (s.soft_bounced ? flag_soft : 0) | (s.complained ? flag_complaint : 0);
}

// Soft-bounce times as stored: milliseconds, space-separated.
inline std::string join_times(const std::vector<TimePoint>& times) {
    std::string out;
    for (const auto t : times) {
        if (!out.empty()) out.push_back(' ');
        out += std::to_string(to_millis(t));
    }
    return out;
}

inline std::vector<TimePoint> split_times(std::string_view text) {
    std::vector<TimePoint> out;
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
        std::int64_t ms = 0;
        const auto [next, ec] = std::from_chars(p, end, ms);
        if (ec != std::errc()) break;  // a damaged row keeps what it could read
        out.push_back(from_millis(ms));
        p = next;
        while (p < end && *p == ' ') ++p;
    }
    return out;
}

template <class Row>
SendRecord read_send(const Row& r) {
    SendRecord s;
    s.message_id = r.text(0);
    s.recipient = r.text(1);
    s.account = r.text(2);
    s.seq = r.integer(3);
    s.at = from_millis(r.integer(4));
    const auto flags = r.integer(5);
    s.hard_bounced = (flags & flag_hard) != 0;
    s.soft_bounced = (flags & flag_soft) != 0;
    s.complained = (flags & flag_complaint) != 0;
    return s;
}

template <class Row>
AccountRecord read_account(const Row& r, std::string_view account) {
    AccountRecord a;
    a.account = std::string(account);
    a.status = static_cast<AccountStatus>(r.integer(0));
    a.status_since = from_millis(r.optional_integer(1));
    a.status_reason = r.text(2);
    a.next_seq = r.integer(3);
    a.window_start = r.integer(4);
    a.window_size = r.integer(5);
    a.window_hard = r.integer(6);
    a.window_soft = r.integer(7);
    a.window_complaints = r.integer(8);
    a.total_hard = r.integer(9);
    a.total_soft = r.integer(10);
    a.total_complaints = r.integer(11);
    a.total_deliveries = r.integer(12);
    a.audit_entries = r.integer(13);
    return a;
}

template <class Row>
StatusChange read_status_change(const Row& r, std::string_view account) {
    return {std::string(account), from_millis(r.integer(0)), static_cast<AccountStatus>(r.integer(1)),
            static_cast<AccountStatus>(r.integer(2)), r.text(3), r.text(4)};
}

template <class Row>
Suppression read_suppression(const Row& r) {
    Suppression x;
    x.account = r.text(0);
    x.address = r.text(1);
    x.reason = static_cast<SuppressionReason>(r.integer(2));
    x.at = from_millis(r.integer(3));
    x.evidence_key = r.text(4);
    x.status = r.text(5);
    x.diagnostic = r.text(6);
    x.note = r.text(7);
    return x;
}

}  // namespace mailwarden::store
