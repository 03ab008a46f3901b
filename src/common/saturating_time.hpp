// Time points from counts since the epoch that saturate at the ends of
// system_clock's range (years 1677-2262) instead of overflowing its
// nanoseconds: stored or received counts may be anything.
#pragma once

#include <mailwarden/clock.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace mailwarden::common {

template <class Unit>
TimePoint saturating_time_point(std::int64_t count) noexcept {
    constexpr std::int64_t max = std::chrono::duration_cast<Unit>(TimePoint::duration::max()).count();
    constexpr std::int64_t min = std::chrono::duration_cast<Unit>(TimePoint::duration::min()).count();
    return TimePoint(Unit(std::clamp(count, min, max)));
}

}  // namespace mailwarden::common
