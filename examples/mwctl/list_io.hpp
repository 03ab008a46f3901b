// What the list commands (clean, import, export) share: the --column option
// and CSV output fields.
#pragma once

#include "cli_args.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace mwctl {

/// --column N (from 1) sets `index` (from 0); --column NAME sets `name`.
void read_column_option(const Args& args, std::string& name, std::optional<std::size_t>& index);

/// A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s);

}  // namespace mwctl
