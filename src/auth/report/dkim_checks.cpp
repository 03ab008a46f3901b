// Easy DKIM: three CNAMEs <token>._domainkey.<domain> -> <token>.dkim.amazonses.com,
// and the key each one leads to.
#include "auth/dkim/dkim_key.hpp"
#include "auth/report/report_builder.hpp"

namespace mailwarden::auth {

namespace {

void check_key(ReportBuilder& b, const std::string& selector_name) {
    const dns::Answer txt = b.query(selector_name, dns::RecordType::txt);
    if (txt.temporary_failure()) return;
    if (!txt.ok()) {
        b.finding("dkim.key_missing", Severity::error, "no DKIM key record at " + selector_name);
        return;
    }
    DkimKeyError error;
    const auto key = parse_dkim_key(txt.texts.front(), error);
    if (!key) {
        b.finding("dkim.key_invalid", Severity::error, "the DKIM key at " + selector_name + " is unusable: " + error.message);
        return;
    }
    if (key->revoked) {
        b.finding("dkim.key_revoked", Severity::error, "the DKIM key at " + selector_name + " is revoked (empty p=)");
        return;
    }
    if (key->key_type == "rsa" && key->key_bits < 1024)
        b.finding("dkim.key_too_short", Severity::error,
                  "the RSA key at " + selector_name + " has " + std::to_string(key->key_bits) +
                      " bits; receivers ignore keys under 1024 bits");
    else if (key->key_type == "rsa" && key->key_bits < 2048)
        b.finding("dkim.key_weak", Severity::warning,
                  "the RSA key at " + selector_name + " has " + std::to_string(key->key_bits) + " bits; use 2048");
    if (key->testing)
        b.finding("dkim.testing", Severity::warning,
                  "the DKIM key at " + selector_name + " is in testing mode (t=y): receivers treat failures as unsigned");
}

}  // namespace

void check_dkim(ReportBuilder& b) {
    const auto& req = b.request();
    if (req.dkim_tokens.empty()) {
        b.finding("dkim.no_tokens", Severity::info,
                  "no Easy DKIM tokens given: pass the three tokens from GetEmailIdentity to check the CNAMEs");
        return;
    }
    for (const auto& token : req.dkim_tokens) {
        const std::string name = token + "._domainkey." + req.domain;
        const std::string target = token + ".dkim.amazonses.com";
        PublishRecord& rec = b.record("dkim", name, "CNAME", target);
        const dns::Answer cname = b.query(name, dns::RecordType::cname);
        if (cname.temporary_failure()) continue;
        if (!cname.ok()) {
            rec.status = RecordStatus::missing;
            b.finding("dkim.cname_missing", Severity::error, "the Easy DKIM CNAME " + name + " is not published");
            continue;
        }
        rec.found = cname.names;
        if (cname.names.front() != target) {
            rec.status = RecordStatus::mismatch;
            b.finding("dkim.cname_mismatch", Severity::error,
                      name + " points at " + cname.names.front() + " instead of " + target);
            continue;
        }
        rec.status = RecordStatus::ok;
        check_key(b, name);
    }
}

}  // namespace mailwarden::auth
