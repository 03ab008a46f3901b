// The certificate source a host fills itself.
#include <mailwarden/sns.hpp>

namespace mailwarden::sns {

CertificateSource::~CertificateSource() = default;

void CertificateCache::add(std::string url, std::string pem) {
    const std::lock_guard lock(mutex_);
    pems_.insert_or_assign(std::move(url), std::move(pem));
}

Result<std::string, Error> CertificateCache::certificate_pem(std::string_view url) {
    const std::lock_guard lock(mutex_);
    const auto it = pems_.find(url);
    if (it == pems_.end()) return unexpected(Error(errc::not_found, "no certificate for " + std::string(url)));
    return it->second;
}

}  // namespace mailwarden::sns
