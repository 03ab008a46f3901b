#pragma once

#include <chrono>

namespace mailwarden::sigv4::detail {

/// Writes "YYYYMMDDTHHMMSSZ" (16 chars, UTC, whole seconds) to `out`.
/// False, nothing written, for a time outside years 1970-9999.
bool write_amz_date(std::chrono::system_clock::time_point time, char* out) noexcept;

}  // namespace mailwarden::sigv4::detail
