// SPF, DKIM and DMARC as the providers ask for them: published records, and
// results for the sample and its connection when those are given.
#include "message/readiness/readiness_checks.hpp"

#include "auth/dmarc/dmarc_record.hpp"
#include "message/dkim/key_lookup.hpp"
#include "message/dmarc/policy_discovery.hpp"

#include <mailwarden/spf.hpp>

namespace mailwarden::message_detail {

namespace {

constexpr unsigned min_rsa_bits = 1024;

// A published record is a precondition; a failed lint explains why a
// check would fail or error anyway.
std::optional<std::string> spf_record_problem(const spf::SpfLint& lint) {
    for (const auto kind : {spf::LintKind::no_record, spf::LintKind::multiple_records, spf::LintKind::syntax_error,
                            spf::LintKind::too_many_lookups, spf::LintKind::include_loop})
        for (const auto& f : lint.findings)
            if (f.kind == kind) return f.message;
    return std::nullopt;
}

}  // namespace

void check_spf(const ReadinessContext& ctx, ReadinessRule& rule) {
    const auto lint = spf::lint_domain(ctx.resolver, ctx.domain);
    if (const auto problem = spf_record_problem(lint)) return settle(rule, RuleStatus::fail, *problem);
    if (lint.record.empty()) return settle(rule, RuleStatus::unknown, "the SPF record of " + ctx.domain + " could not be read (DNS failure)");
    std::string evidence = "published at " + ctx.domain + ": \"" + lint.record + "\"";
    if (!ctx.ip) return settle(rule, RuleStatus::pass, evidence + "; not evaluated: no sending IP given");
    spf::SpfRequest request;
    request.ip = *ctx.ip;
    request.sender = ctx.input.connection.mail_from.empty() ? "postmaster@" + ctx.domain : ctx.input.connection.mail_from;
    request.helo = ctx.input.connection.helo;
    const auto outcome = spf::check_host(ctx.resolver, request);
    evidence += "; check_host(" + ctx.ip->to_string() + ", " + request.sender + ") = " + std::string(spf::to_string(outcome.result));
    if (!outcome.problem.empty()) evidence += " (" + outcome.problem + ")";
    const auto status = outcome.result == spf::Result::pass        ? RuleStatus::pass
                        : outcome.result == spf::Result::temperror ? RuleStatus::unknown
                                                                   : RuleStatus::fail;
    settle(rule, status, evidence);
}

void check_dkim(const ReadinessContext& ctx, ReadinessRule& rule) {
    if (!ctx.sample) return settle(rule, RuleStatus::unknown, "no sample message: the signature cannot be seen");
    if (ctx.sample->dkim.empty()) return settle(rule, RuleStatus::fail, "the sample has no DKIM-Signature");
    std::string seen;
    bool temporary = false;
    for (const auto& d : ctx.sample->dkim) {
        const bool rsa = d.algorithm.rfind("rsa-", 0) == 0;
        const std::string what = "d=" + d.domain + " s=" + d.selector + " a=" + d.algorithm +
                                 (d.key_bits != 0 ? " " + std::to_string(d.key_bits) + "-bit key" : "") + ": " + d.result;
        if (d.result == "pass" && rsa && d.key_bits >= min_rsa_bits) return settle(rule, RuleStatus::pass, what);
        temporary = temporary || d.result == "temperror";
        seen += (seen.empty() ? "" : "; ") + what + (d.reason != "none" ? " (" + d.reason + ")" : "");
    }
    // An Ed25519 pass alone is not enough: the providers verify RSA.
    settle(rule, temporary ? RuleStatus::unknown : RuleStatus::fail, "no passing RSA signature of 1024 bits or more: " + seen);
}

void check_dmarc(const ReadinessContext& ctx, ReadinessRule& rule) {
    const auto found = discover_policy(resolver_lookup(ctx.shared_resolver), ctx.domain, DmarcMode::rfc9989);
    if (!found.record) {
        if (!found.failed.empty())
            return settle(rule, RuleStatus::unknown, "the DMARC lookup at _dmarc." + found.failed + " failed (DNS)");
        if (!found.multiple.empty())
            return settle(rule, RuleStatus::fail, "several DMARC records at _dmarc." + found.multiple.front() + ": none applies");
        return settle(rule, RuleStatus::fail, "no DMARC record for " + ctx.domain);
    }
    auth::DmarcError error;
    const auto reading = auth::read_dmarc(found.record->text, error);
    std::string evidence = "_dmarc." + found.record->domain + ": \"" + found.record->text + "\"";
    if (!reading || !reading->policy_present || !reading->policies_valid)
        return settle(rule, RuleStatus::fail, evidence + "; no valid p= policy");
    if (!ctx.sample) return settle(rule, RuleStatus::pass, evidence + "; alignment not evaluated: no sample message");
    const auto& s = *ctx.sample;
    evidence += "; sample From " + (s.from_domain.empty() ? "unreadable" : s.from_domain) + ": dmarc=" + s.dmarc_result +
                " (spf aligned " + (s.spf_aligned ? "yes" : "no") + ", dkim aligned " + (s.dkim_aligned ? "yes" : "no") + ")";
    const auto status = s.dmarc_result == "pass"        ? RuleStatus::pass
                        : s.dmarc_result == "temperror" ? RuleStatus::unknown
                                                        : RuleStatus::fail;
    settle(rule, status, evidence);
}

}  // namespace mailwarden::message_detail
