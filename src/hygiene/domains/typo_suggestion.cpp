#include "hygiene/domains/typo_suggestion.hpp"

#include "hygiene/domains/free_providers.hpp"

#include <algorithm>
#include <vector>

namespace mailwarden::hygiene {

namespace {

// Optimal string alignment distance, giving up above `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
    if (gap > limit) return limit + 1;
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
        }
        before.swap(previous);
        previous.swap(current);
    }
    return previous[b.size()];
}

}  // namespace

std::optional<std::string> suggest_domain(std::string_view domain) {
    if (domain.empty() || is_free_provider(domain)) return std::nullopt;
    const std::size_t limit = domain.size() >= 10 ? 2 : 1;
    std::optional<std::string> best;
    std::size_t best_distance = limit + 1;
    for (const std::string_view provider : popular_providers()) {
        const std::size_t d = edit_distance(domain, provider, limit);
        if (d < best_distance) {  // ties keep the more used provider, listed first
            best_distance = d;
            best = std::string(provider);
        }
    }
    return best;
}

}  // namespace mailwarden::hygiene
