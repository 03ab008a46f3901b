#include "message/dmarc/author_domain.hpp"

#include "message/dmarc/from_address.hpp"

#include "auth/tag_list.hpp"

#include <mailwarden/address.hpp>

namespace mailwarden::message_detail {

namespace {

AuthorDomain problem(FromProblem p, std::string detail) { return {p, {}, std::move(detail)}; }

}  // namespace

std::string_view to_string(FromProblem problem) noexcept {
    switch (problem) {
        case FromProblem::none: return "none";
        case FromProblem::no_from: return "no_from";
        case FromProblem::multiple_from: return "multiple_from";
        case FromProblem::multiple_addresses: return "multiple_addresses";
        case FromProblem::unparseable_from: return "unparseable_from";
    }
    return "none";
}

AuthorDomain author_domain(const RawMessage& message) {
    const RawField* from = nullptr;
    for (const RawField& f : message.fields) {
        if (!auth::iequals(auth::trim(f.name), "From")) continue;
        if (from != nullptr) return problem(FromProblem::multiple_from, "the message has more than one From field");
        from = &f;
    }
    if (from == nullptr) return problem(FromProblem::no_from, "the message has no From field");
    const std::size_t colon = from->text.find(':');
    return author_domain_of_field(colon == std::string_view::npos ? std::string_view{} : from->text.substr(colon + 1));
}

AuthorDomain author_domain_of_field(std::string_view value) {
    const auto mailboxes = parse_address_list(value);
    if (!mailboxes) return problem(FromProblem::unparseable_from, "the From field is not an RFC 5322 address list");
    if (mailboxes->empty()) return problem(FromProblem::unparseable_from, "the From field holds no mailbox");
    if (mailboxes->size() > 1)
        return problem(FromProblem::multiple_addresses,
                       "the From field holds " + std::to_string(mailboxes->size()) + " mailboxes");
    const std::string& domain = mailboxes->front().domain;
    if (domain.starts_with('['))
        return problem(FromProblem::unparseable_from, "the From address has an address literal, not a domain");
    std::string normalized = normalize_domain(domain);
    if (normalized.empty())
        return problem(FromProblem::unparseable_from, "the From domain '" + domain + "' is not a valid domain name");
    return {FromProblem::none, std::move(normalized), {}};
}

std::string normalize_domain(std::string_view domain) {
    // Only the domain is wanted (an SMTPUTF8 local part must not void it),
    // so a fixed local part lets the address check do the IDNA mapping.
    const AddressCheck check = check_address("postmaster@" + std::string(domain), AddressPolicy{.allow_special_use = true});
    return std::string(check.domain());
}

}  // namespace mailwarden::message_detail
