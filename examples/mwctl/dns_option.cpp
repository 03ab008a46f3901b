#include "dns_option.hpp"

namespace mwctl {

std::shared_ptr<mailwarden::dns::Resolver> open_resolver(const Args& args, std::size_t max_concurrency) {
    mailwarden::dns::ResolverOptions options;
    if (args.has("--dns")) options.servers.push_back(args.value("--dns"));
    options.max_concurrency = max_concurrency;
    std::error_code ec;
    auto resolver = mailwarden::dns::make_resolver(options, ec);
    if (ec || !resolver) throw UsageError("cannot use DNS server " + args.value_or("--dns", "(system)") + ": " + ec.message());
    return resolver;
}

}  // namespace mwctl
