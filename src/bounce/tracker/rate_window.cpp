#include "bounce/tracker/rate_window.hpp"

#include <algorithm>
#include <cstdio>

namespace mailwarden::bounce_detail {

namespace {

double rate(std::int64_t count, std::int64_t sends) noexcept {
    return sends > 0 ? static_cast<double>(count) / static_cast<double>(sends) : 0.0;
}

// At or above the line, allowing for the rounding of count / sends.
bool reaches(std::int64_t count, std::int64_t sends, double line) noexcept {
    return sends > 0 && static_cast<double>(count) >= line * static_cast<double>(sends) - 1e-9;
}

std::string percent(double fraction) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f %%", fraction * 100.0);
    return buf;
}

std::string because(std::string_view what, std::int64_t count, std::int64_t sends, double line) {
    return std::string(what) + " rate " + percent(rate(count, sends)) + " (" + std::to_string(count) + " of the last " +
           std::to_string(sends) + " sends) reached " + percent(line);
}

}  // namespace

std::int64_t window_from(const AccountRecord& a, std::int64_t size) noexcept {
    return std::max(a.window_start, a.next_seq - size);
}

std::int64_t window_sends(const AccountRecord& a, std::int64_t size) noexcept { return a.next_seq - window_from(a, size); }

Result<Done, Error> fit_window(FeedbackTransaction& tx, AccountRecord& a, std::int64_t size) {
    if (a.window_size == size) return Done{};
    auto counts = tx.count_flags(a.account, window_from(a, size), a.next_seq);
    if (!counts) return unexpected(std::move(counts).error());
    a.window_size = size;
    a.window_hard = counts->hard;
    a.window_soft = counts->soft;
    a.window_complaints = counts->complaints;
    return Done{};
}

Result<Done, Error> enter_window(FeedbackTransaction& tx, AccountRecord& a, SendRecord& send, std::int64_t size) {
    const std::int64_t leaving = a.next_seq - size;  // the send that drops out when this one enters
    if (leaving >= a.window_start) {
        auto old = tx.find_send_by_seq(a.account, leaving);
        if (!old) return unexpected(std::move(old).error());
        if (*old) {
            a.window_hard -= (*old)->hard_bounced ? 1 : 0;
            a.window_soft -= (*old)->soft_bounced ? 1 : 0;
            a.window_complaints -= (*old)->complained ? 1 : 0;
        }
    }
    send.account = a.account;
    send.seq = a.next_seq++;
    return Done{};
}

std::optional<StatusVerdict> judge(const AccountRecord& a, const TrackerPolicy& p) {
    if (a.status == AccountStatus::suspended) return std::nullopt;
    const std::int64_t sends = window_sends(a, a.window_size);
    if (sends < p.minimum_sends) return std::nullopt;
    StatusVerdict v{AccountStatus::active, "bounce and complaint rates below their lines"};
    if (reaches(a.window_hard, sends, p.bounce_suspend))
        v = {AccountStatus::suspended, because("bounce", a.window_hard, sends, p.bounce_suspend)};
    else if (reaches(a.window_complaints, sends, p.complaint_suspend))
        v = {AccountStatus::suspended, because("complaint", a.window_complaints, sends, p.complaint_suspend)};
    else if (reaches(a.window_complaints, sends, p.complaint_warning))
        v = {AccountStatus::warning, because("complaint", a.window_complaints, sends, p.complaint_warning)};
    else if (p.bounce_warning && reaches(a.window_hard, sends, *p.bounce_warning))
        v = {AccountStatus::warning, because("bounce", a.window_hard, sends, *p.bounce_warning)};
    if (v.status == a.status) return std::nullopt;
    return v;
}

AccountStats stats_of(const AccountRecord& a, std::int64_t size) {
    AccountStats s;
    s.account = a.account;
    s.status = a.status;
    s.sends = window_sends(a, size);
    s.hard_bounces = a.window_hard;
    s.soft_bounces = a.window_soft;
    s.complaints = a.window_complaints;
    s.bounce_rate = rate(s.hard_bounces, s.sends);
    s.complaint_rate = rate(s.complaints, s.sends);
    s.total_sends = a.next_seq;
    s.total_hard_bounces = a.total_hard;
    s.total_soft_bounces = a.total_soft;
    s.total_complaints = a.total_complaints;
    s.total_deliveries = a.total_deliveries;
    s.status_since = a.status_since;
    s.status_reason = a.status_reason;
    return s;
}

}  // namespace mailwarden::bounce_detail
