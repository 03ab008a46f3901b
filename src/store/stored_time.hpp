// How the SQLite stores write time: milliseconds since the epoch; a damaged
// row saturates instead of overflowing the clock's nanoseconds.
#pragma once

#include "common/saturating_time.hpp"

#include <mailwarden/clock.hpp>

#include <chrono>
#include <cstdint>
#include <optional>

namespace mailwarden::store {

inline std::int64_t to_millis(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

inline TimePoint from_millis(std::int64_t ms) { return common::saturating_time_point<std::chrono::milliseconds>(ms); }

inline std::optional<std::int64_t> to_millis(const std::optional<TimePoint>& t) {
    if (!t) return std::nullopt;
    return to_millis(*t);
}

inline std::optional<TimePoint> from_millis(const std::optional<std::int64_t>& ms) {
    if (!ms) return std::nullopt;
    return from_millis(*ms);
}

}  // namespace mailwarden::store
