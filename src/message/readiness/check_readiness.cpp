// check_readiness(): the sample is checked once (check_message), then each
// rule of the table runs its check against the shared context.
#include "message/readiness/readiness_checks.hpp"

#include "common/registrable_domain.hpp"

namespace mailwarden {

Result<ReadinessReport, Error> check_readiness(const ReadinessInput& input, std::shared_ptr<dns::Resolver> resolver) {
    using namespace message_detail;
    if (!resolver) return unexpected(Error(errc::invalid_argument, "no resolver given"));
    const auto domain = normalized_domain(input.domain);
    if (domain.empty()) return unexpected(Error(errc::invalid_argument, "the domain is empty"));
    std::optional<dns::IpAddress> ip;
    if (!input.connection.client_ip.empty()) {
        ip = dns::IpAddress::parse(input.connection.client_ip);
        if (!ip) return unexpected(Error(errc::invalid_argument, input.connection.client_ip + " is not an IPv4 or IPv6 address"));
    }
    ReadinessContext ctx{input, domain, *resolver, resolver, ip, std::nullopt};
    if (input.sample) {
        MessageCheckOptions options;
        options.resolver = resolver;
        options.clock = input.clock;
        auto report = check_message(*input.sample, input.connection, options);
        if (!report) return unexpected(report.error());
        ctx.sample = std::move(*report);
    }
    ReadinessReport out;
    out.domain = domain;
    for (const auto& spec : rule_table()) {
        ReadinessRule rule;
        rule.id = std::string(spec.id);
        rule.title = std::string(spec.title);
        rule.providers = spec.providers;
        rule.required = spec.required;
        spec.check(ctx, rule);
        out.rules.push_back(std::move(rule));
    }
    return out;
}

}  // namespace mailwarden
