// Where mwctl and mailwarden-console take the certificates that sign SNS
// deliveries from: one PEM file the operator gives (pinned; each message's
// SigningCertURL is still checked against SNS's hosts), or the URL itself
// over HTTPS.
#pragma once

#include <mailwarden/sns.hpp>

#include <memory>
#include <optional>
#include <string>

namespace mailwarden::examples {

/// The source for `cert_file` ("-": standard input) when it is not empty,
/// else the HTTPS fetcher
/// with `ca_file` as its roots (empty: the system's). Sets `error` and
/// returns null when the file cannot be read or holds no PEM certificate.
std::shared_ptr<sns::CertificateSource> sns_certificate_source(const std::string& cert_file, const std::string& ca_file,
                                                               std::string& error);

}  // namespace mailwarden::examples
