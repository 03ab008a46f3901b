#include <mailwarden/clock.hpp>

#include "common/saturating_time.hpp"

#include <ctime>

namespace mailwarden {

Clock::~Clock() = default;

namespace {

class SystemClock final : public Clock {
public:
    TimePoint now() const override { return std::chrono::system_clock::now(); }
};

}  // namespace

std::shared_ptr<Clock> system_clock() {
    static const auto clock = std::make_shared<SystemClock>();
    return clock;
}

std::int64_t to_unix_seconds(TimePoint t) noexcept {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

TimePoint from_unix_seconds(std::int64_t s) noexcept { return common::saturating_time_point<std::chrono::seconds>(s); }

std::string format_rfc3339(TimePoint t) {
    const std::time_t seconds = static_cast<std::time_t>(to_unix_seconds(t));
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buf[32];
    const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return std::string(buf, n);
}

}  // namespace mailwarden
