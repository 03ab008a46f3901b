// What a domain's DNS says about receiving mail: its MX records; without
// any, its A and then AAAA records (the implicit MX of RFC 5321 5.1).
#pragma once

#include <mailwarden/dns.hpp>
#include <mailwarden/list_clean.hpp>

#include <functional>
#include <memory>
#include <string>

namespace mailwarden::hygiene {

/// The status an MX answer gives by itself; not_checked when the A / AAAA
/// records must decide (no MX records).
MailDomainStatus status_of_mx(const dns::Answer& mx);

/// Looks `domain` up (MX, then A, then AAAA as needed) and calls `done`
/// once with the status, on the resolver's thread.
void look_up_mail_domain(const std::shared_ptr<dns::Resolver>& resolver, std::string domain,
                         std::function<void(MailDomainStatus)> done);

}  // namespace mailwarden::hygiene
