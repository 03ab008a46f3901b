// Time comes from a Clock so that tests (and demos) can move it: the
// 24-hour verification window is tested at 23:59:59 and 24:00:00.
#pragma once

#include <mailwarden/export.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace mailwarden {

using TimePoint = std::chrono::system_clock::time_point;

class MAILWARDEN_EXPORT Clock {
public:
    virtual ~Clock();
    virtual TimePoint now() const = 0;
};

/// The system's wall clock.
MAILWARDEN_EXPORT std::shared_ptr<Clock> system_clock();

/// A clock that moves only when told to. Thread-safe.
class MAILWARDEN_EXPORT ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
    TimePoint now() const override { return TimePoint(TimePoint::duration(now_.load())); }
    void set(TimePoint t) { now_.store(t.time_since_epoch().count()); }
    void advance(TimePoint::duration d) { now_.fetch_add(d.count()); }

private:
    std::atomic<TimePoint::rep> now_;
};

/// RFC 3339 in UTC with seconds: "2026-11-26T06:19:52Z".
MAILWARDEN_EXPORT std::string format_rfc3339(TimePoint t);

/// Seconds since the epoch, as stored.
MAILWARDEN_EXPORT std::int64_t to_unix_seconds(TimePoint t) noexcept;
/// Saturates at system_clock's range (years 1677-2262) instead of overflowing.
MAILWARDEN_EXPORT TimePoint from_unix_seconds(std::int64_t s) noexcept;

}  // namespace mailwarden
