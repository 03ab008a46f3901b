// Static checks of published SPF records for the domain-authentication
// report: what a receiver will make of the record regardless of the client,
// and how many DNS-querying terms a check may spend through includes.
#include "spf_text.hpp"

#include <mailwarden/spf.hpp>

#include <map>
#include <string>

namespace mailwarden::spf {

using namespace spf_detail;

namespace {

void add(SpfLint& lint, LintKind kind, std::string_view domain, const Term* term, std::string message) {
    LintFinding f;
    f.kind = kind;
    f.domain.assign(domain);
    if (term != nullptr) {
        f.term.assign(term->text);
        f.offset = term->offset;
    }
    f.message = std::move(message);
    lint.findings.push_back(std::move(f));
}

// Findings about one parsed record; returns the DNS-querying terms a check
// may evaluate in it (redirect only when no "all" precedes the end).
unsigned lint_terms(SpfLint& lint, const Record& record, std::string_view domain) {
    unsigned lookups = 0;
    const Term* all = nullptr;
    for (const Term& term : record.terms) {
        if (all != nullptr && term.is_mechanism()) {
            add(lint, LintKind::terms_after_all, domain, &term, "mechanisms after \"all\" are never evaluated");
            break;
        }
        if (term.type == TermType::all) all = &term;
    }
    for (const Term& term : record.terms) {
        if (term.type == TermType::redirect && all != nullptr) continue;
        if (term.counts_lookup()) ++lookups;
        if (all != nullptr && &term == all) break;
    }
    if (all != nullptr && all->qualifier == Qualifier::pass)
        add(lint, LintKind::pass_all, domain, all, "\"+all\" authorises every host on the Internet");
    if (all != nullptr && all->qualifier == Qualifier::neutral)
        add(lint, LintKind::neutral_all, domain, all, "\"?all\" makes no statement about other hosts");
    if (all != nullptr && record.redirect_term() != nullptr)
        add(lint, LintKind::redirect_ignored, domain, record.redirect_term(), "redirect= is ignored when \"all\" is present");
    if (all == nullptr && record.redirect_term() == nullptr)
        add(lint, LintKind::no_all, domain, nullptr, "no \"all\" and no redirect=: hosts not listed get neutral");
    for (const Term& term : record.terms) {
        if (term.type == TermType::ptr)
            add(lint, LintKind::ptr_used, domain, &term, "\"ptr\" is slow, unreliable and discouraged (RFC 7208 section 5.5)");
        if (term.type == TermType::unknown_modifier)
            add(lint, LintKind::unknown_modifier, domain, &term, "unknown modifier, ignored by receivers");
    }
    return lookups;
}

bool has_spf_syntax_error(SpfLint& lint, const Record& record, std::string_view text, std::string_view domain) {
    if (record.ok()) return false;
    LintFinding f;
    f.kind = LintKind::syntax_error;
    f.domain.assign(domain);
    f.offset = record.error_offset;
    f.term.assign(text.substr(record.error_offset, record.error_length));
    f.message.assign(message(record.error));
    lint.findings.push_back(std::move(f));
    return true;
}

class DomainWalk {
public:
    DomainWalk(dns::Resolver& resolver, SpfLint& lint) : resolver_(resolver), lint_(lint) {}

    // DNS-querying terms a check of `domain` may evaluate, includes and
    // redirects followed. Each domain is fetched once; an included domain
    // costs its full count wherever it appears, as it does in a check.
    unsigned cost(const std::string& domain, bool top, const Term* via, std::string_view via_domain) {
        if (const auto it = memo_.find(domain); it != memo_.end()) {
            if (it->second.in_progress) {
                add(lint_, LintKind::include_loop, via_domain, via, domain + " is already being evaluated: a loop");
                return 0;
            }
            return it->second.cost;
        }
        memo_[domain].in_progress = true;
        if (!top) lint_.includes.push_back(domain);
        const unsigned c = evaluate(domain, top, via, via_domain);
        memo_[domain] = Memo{c, false};
        return c;
    }

private:
    struct Memo {
        unsigned cost = 0;
        bool in_progress = false;
    };

    unsigned evaluate(const std::string& domain, bool top, const Term* via, std::string_view via_domain) {
        const dns::Answer answer = resolver_.query(domain, dns::RecordType::txt);
        if (answer.temporary_failure()) {
            add(lint_, LintKind::dns_error, domain, nullptr,
                "TXT lookup failed (" + std::string(dns::to_string(answer.status)) + ")");
            return 0;
        }
        const std::string* text = nullptr;
        std::size_t found = 0;
        for (const auto& t : answer.texts) {
            if (!is_spf_record(t)) continue;
            text = &t;
            ++found;
        }
        if (found == 0) {
            if (top) add(lint_, LintKind::no_record, domain, nullptr, "no SPF record is published");
            else add(lint_, LintKind::include_without_record, via_domain, via, domain + " has no SPF record: permerror");
            return 0;
        }
        if (found > 1) {
            add(lint_, LintKind::multiple_records, domain, nullptr,
                std::to_string(found) + " SPF records: receivers return permerror");
            return 0;
        }
        if (top) lint_.record = *text;
        const Record record = parse_record(*text);
        if (has_spf_syntax_error(lint_, record, *text, domain)) return 0;
        unsigned c = lint_terms(lint_, record, domain);
        bool has_all = false;
        for (const Term& term : record.terms)
            if (term.type == TermType::all) has_all = true;
        for (const Term& term : record.terms) {
            if (term.type == TermType::all) break;
            const bool follow = term.type == TermType::include || (term.type == TermType::redirect && !has_all);
            const bool resolve = term.type == TermType::a || term.type == TermType::mx || term.type == TermType::exists;
            if (!follow && !resolve) continue;
            if (term.has_macro()) {
                add(lint_, LintKind::macro_target, domain, &term, "target depends on the message; not followed");
                continue;
            }
            std::string target(term.value.empty() ? std::string_view(domain) : term.value);
            if (!target.empty() && target.back() == '.') target.pop_back();
            for (auto& ch : target) ch = to_lower(ch);
            if (follow) c += cost(target, false, &term, domain);
            else check_void(term, target, domain);
        }
        return c;
    }

    void check_void(const Term& term, const std::string& target, std::string_view domain) {
        bool found = false;
        if (term.type == TermType::mx) {
            found = !resolver_.query(target, dns::RecordType::mx).missing();
        } else {
            found = !resolver_.query(target, dns::RecordType::a).missing();
            if (!found && term.type == TermType::a) found = !resolver_.query(target, dns::RecordType::aaaa).missing();
        }
        if (found) return;
        ++lint_.void_lookups;
        add(lint_, LintKind::void_target, domain, &term, target + " does not resolve (a void lookup)");
    }

    dns::Resolver& resolver_;
    SpfLint& lint_;
    std::map<std::string, Memo, std::less<>> memo_;
};

}  // namespace

SpfLint lint_record(std::string_view text, std::string_view domain) {
    SpfLint lint;
    lint.domain.assign(domain);
    lint.record.assign(text);
    const Record record = parse_record(lint.record);
    if (has_spf_syntax_error(lint, record, lint.record, domain)) return lint;
    lint.dns_lookups = lint_terms(lint, record, domain);
    return lint;
}

SpfLint lint_domain(dns::Resolver& resolver, std::string_view domain, const SpfOptions& options) {
    SpfLint lint;
    lint.domain.assign(domain);
    std::string start(domain);
    if (!start.empty() && start.back() == '.') start.pop_back();
    for (auto& ch : start) ch = to_lower(ch);
    DomainWalk walk(resolver, lint);
    lint.dns_lookups = walk.cost(start, true, nullptr, {});
    if (lint.dns_lookups > options.max_dns_lookups)
        add(lint, LintKind::too_many_lookups, domain, nullptr,
            std::to_string(lint.dns_lookups) + " DNS-querying terms through includes: more than " +
                std::to_string(options.max_dns_lookups) + " gives permerror");
    return lint;
}

}  // namespace mailwarden::spf
