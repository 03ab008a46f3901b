// The Amazon SES mailbox simulator, offline: sends to its addresses produce
// the notification SES would publish (SES JSON format) for the bounce
// tracking to ingest.
#pragma once

#include <mailwarden/clock.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::local {

/// success@, bounce@, complaint@, suppressionlist@, ooto@simulator.amazonses.com
/// (with an optional +label, case-insensitive).
bool is_simulator_address(std::string_view address) noexcept;

/// The notification JSON for one simulator recipient of a message, or
/// nullopt for other addresses.
std::optional<std::string> simulator_notification(std::string_view recipient, std::string_view source,
                                                  const std::vector<std::string>& destination,
                                                  std::string_view message_id, TimePoint sent_at);

}  // namespace mailwarden::local
