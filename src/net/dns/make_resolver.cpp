// make_resolver(): the c-ares resolver, behind the cache when asked for.
#include "net/dns/cares_resolver.hpp"
#include "net/dns/caching_resolver.hpp"

#include <mailwarden/dns.hpp>

namespace mailwarden::dns {

std::shared_ptr<Resolver> make_resolver(const ResolverOptions& options, std::error_code& ec) {
    auto resolver = CaresResolver::create(options, ec);
    if (!resolver) return nullptr;
    if (!options.cache || options.cache_max_entries == 0) return resolver;
    // Hits complete on the resolver thread, like everything else. The
    // weak reference keeps the cache from holding the resolver alive twice.
    std::weak_ptr<CaresResolver> weak = resolver;
    auto post = [weak](std::function<void()> task) {
        if (auto r = weak.lock()) r->post(std::move(task));
        else task();
    };
    return std::make_shared<CachingResolver>(resolver, options.cache_max_entries, options.max_negative_ttl,
                                             AnswerCache::Clock{}, std::move(post));
}

}  // namespace mailwarden::dns
