#include "message/dmarc/policy_discovery.hpp"

#include "auth/dmarc/dmarc_record.hpp"
#include "common/registrable_domain.hpp"

#include <algorithm>

namespace mailwarden::message_detail {

namespace {

constexpr std::size_t max_walk_labels = 7;  // after the start: 8 queries in all

enum class Lookup { one, none, multiple, failed };

// The DMARC record at `domain`: non-DMARC texts are dropped, several
// DMARC records void each other (RFC 9989 4.10 step 2, RFC 7489 6.6.3).
Lookup lookup_record(const TxtLookup& lookup, const std::string& domain, FoundRecord& out) {
    const dns::Answer answer = lookup("_dmarc." + domain);
    if (answer.temporary_failure()) return Lookup::failed;
    std::vector<const std::string*> records;
    for (const std::string& text : answer.texts)
        if (auth::looks_like_dmarc(text)) records.push_back(&text);
    if (records.size() > 1) return Lookup::multiple;
    if (records.empty()) return Lookup::none;
    out = {domain, *records.front(), 'u'};
    auth::DmarcError error;
    if (auto reading = auth::read_dmarc(out.text, error)) out.psd = reading->record.psd;
    return Lookup::one;
}

// Asks for `domain` and files the outcome in `walk`; false when the walk ends.
bool step(const TxtLookup& lookup, const std::string& domain, TreeWalk& walk) {
    walk.queried.push_back(domain);
    FoundRecord record;
    switch (lookup_record(lookup, domain, record)) {
        case Lookup::failed: walk.failed = domain; return false;
        case Lookup::multiple: walk.multiple.push_back(domain); return true;
        case Lookup::none: return true;
        case Lookup::one: break;
    }
    const bool stop = record.psd != 'u';
    walk.found.push_back(std::move(record));
    return !stop;
}

std::vector<std::string_view> labels_of(std::string_view domain) {
    std::vector<std::string_view> labels;
    for (std::size_t start = 0; start <= domain.size();) {
        std::size_t dot = domain.find('.', start);
        if (dot == std::string_view::npos) dot = domain.size();
        labels.push_back(domain.substr(start, dot - start));
        start = dot + 1;
    }
    return labels;
}

// The last `count` labels of `domain`.
std::string suffix(std::string_view domain, std::size_t count) {
    const auto labels = labels_of(domain);
    std::string out;
    for (std::size_t i = labels.size() - count; i < labels.size(); ++i) (out += out.empty() ? "" : ".") += labels[i];
    return out;
}

const FoundRecord* record_at(const TreeWalk& walk, std::string_view domain) {
    const auto it = std::find_if(walk.found.begin(), walk.found.end(), [&](const FoundRecord& r) { return r.domain == domain; });
    return it == walk.found.end() ? nullptr : &*it;
}

PolicyDiscovery discover_by_walk(const TxtLookup& lookup, std::string_view author) {
    TreeWalk walk = walk_tree(lookup, author);
    PolicyDiscovery out;
    out.queried = walk.queried;
    out.multiple = walk.multiple;
    out.failed = walk.failed;
    if (const FoundRecord* own = record_at(walk, author)) out.record = *own;
    if (!walk.failed.empty()) return out;  // the organizational domain may lie beyond the failure
    out.organizational_domain = organizational_domain(walk, author);
    if (out.record) return out;
    if (const FoundRecord* org = record_at(walk, out.organizational_domain)) {
        out.record = *org;
    } else if (!walk.found.empty() && walk.found.back().psd == 'y') {
        out.record = walk.found.back();  // the public suffix domain's policy
    }
    return out;
}

// RFC 7489 6.6.3: the From domain, then its registrable domain; several
// records at the From domain end the search.
PolicyDiscovery discover_by_suffix_list(const TxtLookup& lookup, std::string_view author) {
    PolicyDiscovery out;
    out.organizational_domain = registrable_domain(author);
    TreeWalk walk;
    const bool go_on = step(lookup, std::string(author), walk) && walk.found.empty() && walk.multiple.empty();
    if (go_on && out.organizational_domain != author) step(lookup, out.organizational_domain, walk);
    out.queried = walk.queried;
    out.multiple = walk.multiple;
    out.failed = walk.failed;
    if (!walk.found.empty()) out.record = walk.found.front();
    return out;
}

}  // namespace

TreeWalk walk_tree(const TxtLookup& lookup, std::string_view domain) {
    TreeWalk walk;
    if (!step(lookup, std::string(domain), walk)) return walk;
    const std::size_t count = labels_of(domain).size();
    for (std::size_t n = std::min(count - 1, max_walk_labels); n >= 1; --n)
        if (!step(lookup, suffix(domain, n), walk)) break;
    return walk;
}

std::string organizational_domain(const TreeWalk& walk, std::string_view start) {
    for (const FoundRecord& r : walk.found) {
        if (r.psd == 'n') return r.domain;
        if (r.psd == 'y' && r.domain != start) return suffix(start, labels_of(r.domain).size() + 1);
    }
    return walk.found.empty() ? std::string(start) : walk.found.back().domain;
}

PolicyDiscovery discover_policy(const TxtLookup& lookup, std::string_view author, DmarcMode mode) {
    return mode == DmarcMode::rfc9989 ? discover_by_walk(lookup, author) : discover_by_suffix_list(lookup, author);
}

std::optional<std::string> organizational_domain_of(const TxtLookup& lookup, std::string_view domain, DmarcMode mode) {
    if (mode == DmarcMode::rfc7489) return registrable_domain(domain);
    const TreeWalk walk = walk_tree(lookup, domain);
    if (!walk.failed.empty()) return std::nullopt;
    return organizational_domain(walk, domain);
}

}  // namespace mailwarden::message_detail
