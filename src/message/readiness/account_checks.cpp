// The rules that need neither DNS nor the message's signatures: complaint
// rates from the bounce tracker, the From domain, and TLS (out of scope).
#include "message/readiness/readiness_checks.hpp"

#include "common/registrable_domain.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace mailwarden::message_detail {

namespace {

// Gmail's and Yahoo's limit, and the rate Gmail asks to stay under.
constexpr double complaint_limit = 0.003;
constexpr double complaint_target = 0.001;

// Mailbox providers' own domains: a bulk sender using one as From fails
// that provider's DMARC (p=reject or quarantine) everywhere.
constexpr std::array<std::string_view, 17> provider_domains{
    "gmail.com",   "googlemail.com", "yahoo.com",  "ymail.com",  "rocketmail.com", "yahoo.co.uk",
    "yahoo.fr",    "outlook.com",    "hotmail.com", "hotmail.co.uk", "live.com",   "msn.com",
    "aol.com",     "icloud.com",     "me.com",     "mac.com",    "proton.me"};

std::string percent(double rate) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f %%", rate * 100);
    return text;
}

void check_rate_under(const ReadinessContext& ctx, ReadinessRule& rule, double limit) {
    if (!ctx.input.stats) return settle(rule, RuleStatus::unknown, "no account figures given");
    const auto& s = *ctx.input.stats;
    if (s.sends == 0) return settle(rule, RuleStatus::unknown, "no sends in the tracker's window for account " + s.account);
    settle(rule, s.complaint_rate < limit ? RuleStatus::pass : RuleStatus::fail,
           "account " + s.account + ": " + std::to_string(s.complaints) + " complaints of " + std::to_string(s.sends) +
               " sends = " + percent(s.complaint_rate) + " (limit " + percent(limit) + ")");
}

bool is_provider(std::string_view domain) {
    const auto registrable = registrable_domain(domain);
    return std::find(provider_domains.begin(), provider_domains.end(), registrable) != provider_domains.end();
}

}  // namespace

void check_complaint_rate(const ReadinessContext& ctx, ReadinessRule& rule) { check_rate_under(ctx, rule, complaint_limit); }

void check_complaint_rate_recommended(const ReadinessContext& ctx, ReadinessRule& rule) {
    check_rate_under(ctx, rule, complaint_target);
}

void check_from_not_provider(const ReadinessContext& ctx, ReadinessRule& rule) {
    if (is_provider(ctx.domain)) return settle(rule, RuleStatus::fail, ctx.domain + " is a mailbox provider's domain");
    if (ctx.sample && !ctx.sample->from_domain.empty() && is_provider(ctx.sample->from_domain))
        return settle(rule, RuleStatus::fail, "the sample's From domain " + ctx.sample->from_domain + " is a mailbox provider's domain");
    settle(rule, RuleStatus::pass,
           ctx.domain + (ctx.sample && !ctx.sample->from_domain.empty() ? " (sample From: " + ctx.sample->from_domain + ")" : "") +
               " is no mailbox provider's domain");
}

void check_tls(const ReadinessContext&, ReadinessRule& rule) {
    settle(rule, RuleStatus::unknown, "not checked: TLS is a property of the SMTP connection, out of this report's scope");
}

}  // namespace mailwarden::message_detail
