// The domain-authentication report: which DNS records a customer must
// publish for sending through Amazon SES (SPF, Easy DKIM, DMARC, a custom
// MAIL FROM), what is live, and what is wrong — each finding with a stable id.
#pragma once

#include <mailwarden/dkim_sign.hpp>
#include <mailwarden/dns.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/result.hpp>
#include <mailwarden/error.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden {

enum class Severity : int { info = 0, warning = 1, error = 2 };
MAILWARDEN_EXPORT std::string_view to_string(Severity severity) noexcept;

/// What was found live for a record to publish.
enum class RecordStatus : int {
    ok = 0,        ///< published as it should be
    missing = 1,   ///< nothing there (NXDOMAIN / no data)
    mismatch = 2,  ///< something else is there
    unknown = 3,   ///< DNS failed temporarily: nothing can be said
};
MAILWARDEN_EXPORT std::string_view to_string(RecordStatus status) noexcept;

enum class AuthVerdict : int { pass = 0, warn = 1, fail = 2 };
MAILWARDEN_EXPORT std::string_view to_string(AuthVerdict verdict) noexcept;

struct PublishRecord {
    std::string purpose;  ///< "spf", "dkim", "dmarc", "mail_from_mx", "mail_from_spf"
    std::string name;     ///< owner name, no trailing dot
    std::string type;     ///< "TXT", "CNAME", "MX"
    std::string value;    ///< exact value to publish (MX: "10 host")
    RecordStatus status = RecordStatus::unknown;
    std::vector<std::string> found;  ///< what is live at that name and type
};

struct Finding {
    std::string id;  ///< stable: "spf.too_many_lookups", "dkim.key_weak", ...
    Severity severity = Severity::info;
    std::string message;
};

/// A DKIM key of our own (not SES's Easy DKIM): the selector and the TXT
/// record publishing its public key, as DkimSigner::txt_record() gives it.
struct DkimSelectorKey {
    std::string selector;
    std::string txt_record;  ///< "v=DKIM1; k=rsa; p=..."
};

/// The selectors and records of those `signers` whose domain is `domain`
/// (letter case and a trailing dot aside), for DomainAuthRequest::dkim_keys.
MAILWARDEN_EXPORT std::vector<DkimSelectorKey> dkim_selector_keys(std::span<const DkimSigner> signers,
                                                                 std::string_view domain);

struct DomainAuthRequest {
    std::string domain;                    ///< the sending domain (From: domain)
    std::string region = "us-east-1";      ///< the SES region
    std::vector<std::string> dkim_tokens;  ///< Easy DKIM tokens from GetEmailIdentity (usually 3)
    std::string mail_from_domain;          ///< custom MAIL FROM (e.g. "mail.example.com"), empty for SES's own
    /// Our own keys (the local transport's signers): each selector's TXT
    /// record at <selector>._domainkey.<domain> to publish, and checked live.
    std::vector<DkimSelectorKey> dkim_keys{};
};

struct DomainAuthReport {
    std::string domain;
    std::string region;
    AuthVerdict verdict = AuthVerdict::pass;
    std::vector<PublishRecord> records;
    std::vector<Finding> findings;

    bool has_finding(std::string_view id) const noexcept;
};

/// Builds the report, querying `resolver` (thread-safe; several queries).
/// Never fails as a whole: DNS trouble shows as unknown records and
/// dns.temporary_failure findings.
MAILWARDEN_EXPORT DomainAuthReport check_domain_auth(dns::Resolver& resolver, const DomainAuthRequest& request);

/// The report as one JSON object: domain, region, verdict, records (purpose,
/// name, type, value, status, found) and findings (id, severity, message).
MAILWARDEN_EXPORT std::string to_json(const DomainAuthReport& report);

}  // namespace mailwarden
