// libFuzzer target: the address-list parser DMARC reads the From field with
// (parse_address_list) and the Author Domain taken from it. Besides never
// crashing:
// - a parsed list written back as "local@domain, ..." parses to the same
//   mailboxes, and so does the input behind a comment and folding;
// - every mailbox has a local part and a domain;
// - an Author Domain is found exactly when the list holds one mailbox whose
//   domain is a name, and it is lower-case ASCII that normalizes to itself;
//   several mailboxes are multiple_addresses.
#include "message/dmarc/author_domain.hpp"
#include "message/dmarc/from_address.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace md = mailwarden::message_detail;

namespace {

bool same(const std::vector<md::Mailbox>& a, const std::vector<md::Mailbox>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].local_part != b[i].local_part || a[i].domain != b[i].domain) return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view value(reinterpret_cast<const char*>(data), size);
    const auto list = md::parse_address_list(value);

    const auto wrapped = md::parse_address_list("(comment)\r\n " + std::string(value) + " ");
    if (list.has_value() != wrapped.has_value() || (list && !same(*list, *wrapped))) std::abort();

    const md::AuthorDomain author = md::author_domain_of_field(value);
    if ((author.problem == md::FromProblem::none) != !author.domain.empty()) std::abort();
    if (!list) {
        if (author.problem != md::FromProblem::unparseable_from) std::abort();
        return 0;
    }

    std::string written;
    for (const md::Mailbox& m : *list) {
        if (m.local_part.empty() || m.domain.empty()) std::abort();
        if (!written.empty()) written += ", ";
        written += m.local_part + "@" + m.domain;
    }
    const auto again = md::parse_address_list(written);
    if (!again || !same(*list, *again)) std::abort();

    if (list->size() > 1 && author.problem != md::FromProblem::multiple_addresses) std::abort();
    if (list->size() == 1 && author.problem == md::FromProblem::multiple_addresses) std::abort();
    if (author.problem == md::FromProblem::none) {
        for (const char c : author.domain)
            if (static_cast<unsigned char>(c) >= 0x80 || (c >= 'A' && c <= 'Z')) std::abort();
        if (md::normalize_domain(author.domain) != author.domain) std::abort();
        if (md::normalize_domain(list->front().domain) != author.domain) std::abort();
    }
    return 0;
}
