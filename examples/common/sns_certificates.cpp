#include "sns_certificates.hpp"

#include "read_input.hpp"

#include <mailwarden/sns_http.hpp>

namespace mailwarden::examples {

namespace {

// The one certificate given, for whichever URL passed the policy.
class GivenCertificate final : public sns::CertificateSource {
public:
    explicit GivenCertificate(std::string pem) : pem_(std::move(pem)) {}
    Result<std::string, Error> certificate_pem(std::string_view) override { return pem_; }

private:
    std::string pem_;
};

}  // namespace

std::shared_ptr<sns::CertificateSource> sns_certificate_source(const std::string& cert_file, const std::string& ca_file,
                                                               std::string& error) {
    if (cert_file.empty()) {
        sns::HttpCertificateOptions fetch;
        fetch.http.ca_file = ca_file;
        return std::make_shared<sns::HttpCertificateSource>(std::move(fetch));
    }
    const auto pem = read_input(cert_file);
    if (!pem) {
        error = "cannot read " + cert_file;
        return nullptr;
    }
    if (pem->find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
        error = cert_file + " holds no PEM certificate";
        return nullptr;
    }
    return std::make_shared<GivenCertificate>(*pem);
}

}  // namespace mailwarden::examples
