#include "dns_option.hpp"

namespace mwctl {

std::shared_ptr<mailwarden::dns::Resolver> open_resolver(const std::string& server, std::size_t max_concurrency) {
    mailwarden::dns::ResolverOptions options;
    if (!server.empty()) options.servers.push_back(server);
    options.max_concurrency = max_concurrency;
    std::error_code ec;
    auto resolver = mailwarden::dns::make_resolver(options, ec);
    if (ec || !resolver)
        throw UsageError("cannot use DNS server " + (server.empty() ? std::string("(system)") : server) + ": " + ec.message());
    return resolver;
}

std::shared_ptr<mailwarden::dns::Resolver> open_resolver(const Args& args, std::size_t max_concurrency) {
    return open_resolver(args.value_or("--dns", ""), max_concurrency);
}

}  // namespace mwctl
