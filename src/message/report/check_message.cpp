// check_message(): the DKIM verifier, SPF's check_host(), the DMARC
// evaluation and ARC chain validation over one message, the
// Authentication-Results already on it, and our own result.
#include <mailwarden/message_auth.hpp>
#include <mailwarden/spf.hpp>

#include "message/arc/arc_verifier.hpp"
#include "message/auth_results/fields.hpp"
#include "message/dkim/message_fields.hpp"
#include "message/dkim/verifier.hpp"
#include "message/dmarc/dmarc_evaluate.hpp"
#include "message/report/report_text.hpp"

namespace mailwarden {

namespace {

namespace md = message_detail;

constexpr std::size_t max_message_bytes = std::size_t{64} << 20;

/// Without a resolver every question fails as a DNS failure would: the
/// checks then say temperror, never "no record".
md::TxtLookup txt_lookup(const std::shared_ptr<dns::Resolver>& resolver) {
    if (resolver) return md::resolver_lookup(resolver);
    return [](const std::string&) { return dns::Answer{}; };
}

md::DomainLookup domain_lookup(const std::shared_ptr<dns::Resolver>& resolver) {
    if (!resolver) return {};
    return [resolver](const std::string& name, dns::RecordType type) { return resolver->query(name, type); };
}

DkimCheck dkim_check(md::DkimSignatureResult r) {
    DkimCheck c;
    c.result = std::string(md::to_string(r.result));
    c.reason = std::string(md::to_string(r.reason));
    c.detail = std::move(r.detail);
    c.domain = std::move(r.domain);
    c.selector = std::move(r.selector);
    c.algorithm = std::move(r.algorithm);
    c.canonicalization = std::move(r.canonicalization);
    c.identity = std::move(r.identity);
    c.signed_headers = std::move(r.signed_headers);
    c.key_bits = r.key_bits;
    c.key_testing = r.key_testing;
    c.body_hash_expected = std::move(r.body_hash_expected);
    c.body_hash_computed = std::move(r.body_hash_computed);
    return c;
}

SpfCheck spf_check(dns::Resolver& resolver, const dns::IpAddress& ip, const ConnectionFacts& facts,
                   spf::Result& result) {
    spf::SpfRequest request;
    request.ip = ip;
    request.sender = facts.mail_from;
    request.helo = facts.helo;
    const auto outcome = spf::check_host(resolver, request);
    result = outcome.result;
    SpfCheck c;
    c.result = std::string(spf::to_string(outcome.result));
    c.domain = outcome.domain;
    c.scope = facts.mail_from.empty() ? "helo" : "mailfrom";
    c.explanation = !outcome.explanation.empty() ? outcome.explanation : outcome.problem;
    return c;
}

AuthResultsField field_of(const md::AuthResults& parsed) {
    AuthResultsField f;
    f.authserv_id = parsed.authserv_id;
    for (const auto& r : parsed.results) {
        AuthResult out;
        out.method = r.method;
        out.result = r.result;
        out.reason = r.reason.value_or("");
        out.comment = r.comment;
        for (const auto& p : r.properties)
            out.properties.emplace_back(p.type.empty() ? p.name : p.type + "." + p.name, p.value);
        f.results.push_back(std::move(out));
    }
    for (const auto& problem : parsed.problems) f.unparsed += (f.unparsed.empty() ? "" : "; ") + problem.text;
    return f;
}

void apply_dmarc(MessageAuthReport& report, const md::DmarcEvaluation& e) {
    report.from_domain = e.from_domain;
    report.dmarc_result = std::string(md::to_string(e.result));
    report.dmarc_reason = e.reason;
    if (e.from_problem != md::FromProblem::none) report.from_problem = std::string(md::to_string(e.from_problem));
    report.dmarc_policy = e.policy;
    report.dmarc_disposition = e.disposition;
    report.dmarc_record_domain = e.policy_domain;
    report.organizational_domain = e.organizational_domain;
    report.spf_aligned = e.spf_aligned;
    report.dkim_aligned = e.dkim_aligned;
}

void apply_arc(MessageAuthReport& report, const md::ArcVerification& v) {
    report.arc_result = std::string(md::to_string(v.cv));
    report.arc_reason = std::string(md::to_string(v.reason));
    report.arc_hops = v.hops;
    report.arc_oldest_pass = v.oldest_pass;
}

}  // namespace

Result<MessageAuthReport, Error> check_message(std::string_view raw, const ConnectionFacts& facts,
                                               const MessageCheckOptions& options) {
    if (raw.empty()) return unexpected(Error(errc::invalid_argument, "the message is empty"));
    if (raw.size() > max_message_bytes) return unexpected(Error(errc::out_of_range, "the message is larger than 64 MiB"));
    std::optional<dns::IpAddress> ip;
    if (!facts.client_ip.empty()) {
        ip = dns::IpAddress::parse(facts.client_ip);
        if (!ip) return unexpected(Error(errc::invalid_argument, facts.client_ip + " is not an IPv4 or IPv6 address"));
    }

    MessageAuthReport report;
    const md::TxtLookup txt = txt_lookup(options.resolver);
    md::DkimVerifyOptions dkim_options;
    dkim_options.max_signatures = options.max_signatures;
    dkim_options.max_body_bytes = options.max_body_bytes;
    dkim_options.allow_sha1 = options.allow_sha1;
    dkim_options.clock = options.clock;
    for (auto& r : md::verify_dkim(raw, txt, dkim_options)) report.dkim.push_back(dkim_check(std::move(r)));

    md::DmarcInputs inputs;
    if (ip && options.resolver) {
        report.spf = spf_check(*options.resolver, *ip, facts, inputs.spf.result);
        inputs.spf.domain = report.spf->domain;
    }
    for (const auto& d : report.dkim) inputs.dkim.push_back({d.domain, d.result == "pass"});
    inputs.txt = txt;
    inputs.exists = domain_lookup(options.resolver);
    inputs.options.mode =
        options.dmarc_mode == DmarcMode::rfc7489 ? md::DmarcMode::rfc7489 : md::DmarcMode::rfc9989;
    const md::RawMessage message = md::split_message(raw);
    apply_dmarc(report, md::evaluate_dmarc(md::author_domain(message), inputs));
    apply_arc(report, md::verify_arc(message, txt, dkim_options));

    for (const auto& parsed : md::find_auth_results(message)) report.authentication_results.push_back(field_of(parsed));
    report.our_authentication_results = md::our_auth_results(report, options.authserv_id, facts.client_ip);
    report.summary = md::summary_of(report, facts.client_ip);
    return report;
}

}  // namespace mailwarden
