#include "message/dmarc/alignment.hpp"

#include "message/dmarc/author_domain.hpp"

namespace mailwarden::message_detail {

AlignmentCheck::AlignmentCheck(TxtLookup lookup, DmarcMode mode, std::string author, std::string author_org)
    : lookup_(std::move(lookup)), mode_(mode), author_(std::move(author)), author_org_(std::move(author_org)) {}

Aligned AlignmentCheck::check(std::string_view identifier, bool strict) {
    const std::string domain = normalize_domain(identifier);
    if (domain.empty()) return Aligned::no;
    if (domain == author_) return Aligned::yes;
    if (strict) return Aligned::no;
    if (author_org_.empty()) return Aligned::unknown;
    auto it = orgs_.find(domain);
    if (it == orgs_.end()) it = orgs_.emplace(domain, organizational_domain_of(lookup_, domain, mode_)).first;
    if (!it->second) return Aligned::unknown;
    return *it->second == author_org_ ? Aligned::yes : Aligned::no;
}

}  // namespace mailwarden::message_detail
