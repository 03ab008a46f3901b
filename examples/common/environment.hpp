// What mwctl and mailwarden-console read from the environment, the same
// way: the state folder, the store, and a pinned clock.
#pragma once

#include <mailwarden/clock.hpp>

#include <memory>
#include <string>

namespace mailwarden::examples {

/// $MAILWARDEN_HOME, else $XDG_DATA_HOME/mailwarden, else
/// ~/.local/share/mailwarden.
std::string home_dir();

/// $MAILWARDEN_STORE when set (a shared store, e.g. a PostgreSQL URL),
/// else HOME/senders.db.
std::string store_location(const std::string& home);

/// The clock MAILWARDEN_NOW pins ("2026-11-26T12:00:00Z"), the system
/// clock when unset; null when it is set but malformed (the caller reports
/// bad_now_message as its usage error).
std::shared_ptr<Clock> clock_from_environment();

inline constexpr const char* bad_now_message = "MAILWARDEN_NOW must look like 2026-11-26T12:00:00Z";

}  // namespace mailwarden::examples
