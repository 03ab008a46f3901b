// The resolver that --dns HOST:PORT names (the system's without it).
#pragma once

#include "cli_args.hpp"

#include <mailwarden/dns.hpp>

#include <cstddef>
#include <memory>
#include <string>

namespace mwctl {

/// Throws UsageError when the server address cannot be used.
std::shared_ptr<mailwarden::dns::Resolver> open_resolver(const Args& args, std::size_t max_concurrency = 64);

/// The resolver of `server` ("HOST:PORT"; empty: the system's). Throws
/// UsageError when the address cannot be used.
std::shared_ptr<mailwarden::dns::Resolver> open_resolver(const std::string& server, std::size_t max_concurrency = 64);

}  // namespace mwctl
