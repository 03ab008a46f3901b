#include "hygiene/clean/address_screen.hpp"

#include "hygiene/domains/disposable_domains.hpp"
#include "hygiene/domains/free_providers.hpp"
#include "hygiene/domains/typo_suggestion.hpp"

#include <cctype>

namespace mailwarden::hygiene {

namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// 64-bit FNV-1a over the bytes given, continuing from `hash`.
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = 14695981039346656037ULL) {
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

// The address check's own reason ids, except the two forms it flags, which
// keep the short ids of the cleaner's vocabulary.
std::string_view reason_id(const AddressCheck& check) {
    if (check.reason() == AddressReason::role_account) return "role";
    if (check.reason() == AddressReason::noreply_address) return "noreply";
    if (check.reason() == AddressReason::special_use_domain) return "special_use";
    return to_string(check.reason());
}

}  // namespace

void add_reason(CleanVerdict& v, std::string_view reason, AddressVerdict at_least) {
    v.reasons.emplace_back(reason);
    if (at_least == AddressVerdict::invalid && v.verdict != AddressVerdict::invalid) v.invalid_because = reason;
    if (static_cast<int>(at_least) > static_cast<int>(v.verdict)) v.verdict = at_least;
}

std::string folded_address(std::string_view local_part, std::string_view domain, bool fold_aliases) {
    std::string out;
    const bool gmail = fold_aliases && (domain == "gmail.com" || domain == "googlemail.com");
    for (const char c : local_part) {
        if (gmail && c == '+') break;
        if (gmail && c == '.') continue;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    out.push_back('@');
    out += gmail ? std::string_view("gmail.com") : domain;
    return out;
}

std::uint64_t duplicate_key(std::string_view local_part, std::string_view domain, bool fold_aliases) {
    return hash_of(folded_address(local_part, domain, fold_aliases));
}

std::uint64_t hash_of(std::string_view bytes) {
    const std::uint64_t h = fnv1a(bytes);
    return h != 0 ? h : 1;
}

AddressScreen::AddressScreen(const CleanOptions& options)
    : checker_(options.address_policy),
      check_disposable_(options.check_disposable),
      suggest_typos_(options.suggest_typos),
      fold_aliases_(options.fold_provider_aliases),
      disposable_allow_(options.disposable_allow.begin(), options.disposable_allow.end()),
      is_suppressed_(options.is_suppressed) {}

// A domain's facts are keyed by its 64-bit hash: two of a list's domains
// sharing one is about one chance in 10^10 for 50,000 domains.
const AddressScreen::DomainFacts& AddressScreen::facts(std::string_view domain, bool literal) {
    const auto [index, inserted] = fact_index_.try_emplace(hash_of(domain), static_cast<std::uint32_t>(facts_.size()));
    if (!inserted) return facts_[index];
    DomainFacts& f = facts_.emplace_back();
    if (literal) return f;
    f.disposable = check_disposable_ && disposable_allow_.count(std::string(domain)) == 0 && is_disposable_domain(domain);
    f.free_provider = is_free_provider(domain);
    if (suggest_typos_) f.suggestion = suggest_domain(domain);
    return f;
}

Screened AddressScreen::screen(InputRow&& row) {
    Screened out;
    CleanVerdict& v = out.verdict;
    v.row = row.row;
    v.line = row.line;
    v.input = std::move(row.text);
    v.verdict = AddressVerdict::valid;
    if (row.problem != CsvProblem::none) add_reason(v, "malformed_row", AddressVerdict::invalid);

    const AddressCheck check = checker_.check(trimmed(v.input));
    v.address = std::string(check.normalized());
    if (check.verdict() == AddressVerdict::invalid) {
        add_reason(v, reason_id(check), AddressVerdict::invalid);
        if (v.address.empty()) return out;  // nothing readable to check further
    }
    if (check.role() && check.reason() != AddressReason::role_account) add_reason(v, "role", AddressVerdict::risky);
    if (check.noreply() && check.reason() != AddressReason::noreply_address)
        add_reason(v, "noreply", AddressVerdict::risky);
    if (check.special_use() && check.reason() != AddressReason::special_use_domain)
        add_reason(v, "special_use", AddressVerdict::risky);

    const std::string_view domain = check.domain();
    const bool literal = (check.flags() & flag_address_literal) != 0;
    const DomainFacts& f = facts(domain, literal);
    if (f.disposable) add_reason(v, "disposable", AddressVerdict::risky);
    if (f.free_provider) add_reason(v, "free_provider", AddressVerdict::valid);
    if (f.suggestion) {
        v.suggestion = std::string(check.local_part()) + "@" + *f.suggestion;
        add_reason(v, "typo_suggestion", AddressVerdict::risky);
    }
    if (is_suppressed_ && is_suppressed_(v.address)) add_reason(v, "suppressed", AddressVerdict::invalid);
    out.key = duplicate_key(check.local_part(), domain, fold_aliases_);
    // An invalid address is not worth a query; literals and special-use names have no public DNS.
    if (!literal && !check.special_use() && v.verdict != AddressVerdict::invalid) out.lookup_domain = std::string(domain);
    return out;
}

}  // namespace mailwarden::hygiene

