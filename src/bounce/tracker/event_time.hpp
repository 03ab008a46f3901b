// When a piece of feedback happened: the SES timestamp (RFC 3339) when it
// has one, so a backlog consumed late still counts soft bounces within the
// period they happened in; otherwise the time it is ingested.
#pragma once

#include <mailwarden/bounce.hpp>
#include <mailwarden/clock.hpp>

#include <optional>
#include <string_view>

namespace mailwarden::bounce_detail {

/// "2016-01-27T14:59:38.237Z", "...+01:00"; nullopt for anything else.
std::optional<TimePoint> parse_rfc3339(std::string_view text) noexcept;

/// The event's own time, or `now` when it has none (or one in the future).
TimePoint event_time(const FeedbackEvent& event, TimePoint now) noexcept;

}  // namespace mailwarden::bounce_detail
