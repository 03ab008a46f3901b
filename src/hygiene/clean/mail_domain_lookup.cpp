#include "hygiene/clean/mail_domain_lookup.hpp"

#include <algorithm>
#include <utility>

namespace mailwarden::hygiene {

namespace {

using Done = std::function<void(MailDomainStatus)>;

// After MX said nothing: one address record of either family is enough.
void look_up_address(const std::shared_ptr<dns::Resolver>& resolver, std::string domain, dns::RecordType type,
                     Done done) {
    std::weak_ptr<dns::Resolver> weak = resolver;
    resolver->async_query(domain, type, [weak, domain, type, done = std::move(done)](dns::Answer answer) {
        if (answer.ok()) return done(MailDomainStatus::implicit_mx);
        if (answer.temporary_failure()) return done(MailDomainStatus::unknown);
        if (answer.status == dns::Status::nxdomain || type == dns::RecordType::aaaa)
            return done(MailDomainStatus::no_mail_domain);
        const auto alive = weak.lock();
        if (alive == nullptr) return done(MailDomainStatus::unknown);  // shutting down
        look_up_address(alive, domain, dns::RecordType::aaaa, done);
    });
}

}  // namespace

MailDomainStatus status_of_mx(const dns::Answer& mx) {
    if (mx.temporary_failure()) return MailDomainStatus::unknown;
    if (mx.status == dns::Status::nxdomain) return MailDomainStatus::no_mail_domain;
    if (!mx.ok() || mx.mx.empty()) return MailDomainStatus::not_checked;
    // RFC 7505: a null MX is the only MX; beside real ones it is ignored.
    const bool all_null = std::all_of(mx.mx.begin(), mx.mx.end(), [](const dns::MxRecord& m) { return m.is_null(); });
    return all_null ? MailDomainStatus::null_mx : MailDomainStatus::accepts_mail;
}

void look_up_mail_domain(const std::shared_ptr<dns::Resolver>& resolver, std::string domain, Done done) {
    std::weak_ptr<dns::Resolver> weak = resolver;
    resolver->async_query(domain, dns::RecordType::mx, [weak, domain, done = std::move(done)](dns::Answer answer) {
        const MailDomainStatus status = status_of_mx(answer);
        if (status != MailDomainStatus::not_checked) return done(status);
        const auto alive = weak.lock();
        if (alive == nullptr) return done(MailDomainStatus::unknown);
        look_up_address(alive, domain, dns::RecordType::a, done);
    });
}

}  // namespace mailwarden::hygiene
