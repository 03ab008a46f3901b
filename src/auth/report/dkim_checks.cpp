// Easy DKIM: three CNAMEs <token>._domainkey.<domain> -> <token>.dkim.amazonses.com,
// and the key each one leads to; our own keys: the TXT record of each selector.
#include "auth/dkim/dkim_key.hpp"
#include "auth/report/report_builder.hpp"
#include "common/registrable_domain.hpp"

#include <openssl/evp.h>

namespace mailwarden::auth {

namespace {

// What is wrong with a published key; the key when it can be used.
std::optional<DkimKey> check_key_text(ReportBuilder& b, const std::string& selector_name, std::string_view text) {
    DkimKeyError error;
    auto key = parse_dkim_key(text, error);
    if (!key) {
        b.finding("dkim.key_invalid", Severity::error, "the DKIM key at " + selector_name + " is unusable: " + error.message);
        return std::nullopt;
    }
    if (key->revoked) {
        b.finding("dkim.key_revoked", Severity::error, "the DKIM key at " + selector_name + " is revoked (empty p=)");
        return std::nullopt;
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
    return key;
}

void check_key(ReportBuilder& b, const std::string& selector_name) {
    const dns::Answer txt = b.query(selector_name, dns::RecordType::txt);
    if (txt.temporary_failure()) return;
    if (!txt.ok()) {
        b.finding("dkim.key_missing", Severity::error, "no DKIM key record at " + selector_name);
        return;
    }
    check_key_text(b, selector_name, txt.texts.front());
}

bool same_public_key(const DkimKey& a, const DkimKey& b) {
    return a.public_key && b.public_key && EVP_PKEY_eq(a.public_key.get(), b.public_key.get()) == 1;
}

void check_own_key(ReportBuilder& b, const DkimSelectorKey& own) {
    const std::string name = own.selector + "._domainkey." + b.request().domain;
    DkimKeyError error;
    const auto ours = parse_dkim_key(own.txt_record, error);
    if (!ours || ours->revoked) {
        b.finding("dkim.own_key_invalid", Severity::error,
                  "the record given for selector " + own.selector + " is not a usable DKIM key: " +
                      (ours ? std::string("p= is empty") : error.message));
        return;
    }
    PublishRecord& rec = b.record("dkim", name, "TXT", own.txt_record);
    const dns::Answer txt = b.query(name, dns::RecordType::txt);
    if (txt.temporary_failure()) return;
    if (!txt.ok()) {
        rec.status = RecordStatus::missing;
        b.finding("dkim.key_missing", Severity::error, "the DKIM key record " + name + " is not published");
        return;
    }
    rec.found = txt.texts;
    const auto live = check_key_text(b, name, txt.texts.front());
    if (!live) {
        rec.status = RecordStatus::mismatch;
        return;
    }
    if (!same_public_key(*ours, *live)) {
        rec.status = RecordStatus::mismatch;
        b.finding("dkim.key_mismatch", Severity::error,
                  name + " publishes another key than the one mail is signed with: receivers will fail the signatures");
        return;
    }
    rec.status = RecordStatus::ok;
}

}  // namespace

void check_dkim(ReportBuilder& b) {
    const auto& req = b.request();
    for (const auto& own : req.dkim_keys) check_own_key(b, own);
    if (req.dkim_tokens.empty() && req.dkim_keys.empty()) {
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

namespace mailwarden {

std::vector<DkimSelectorKey> dkim_selector_keys(std::span<const DkimSigner> signers, std::string_view domain) {
    std::vector<DkimSelectorKey> keys;
    const std::string wanted = normalized_domain(domain);
    for (const auto& signer : signers)
        if (normalized_domain(signer.domain()) == wanted) keys.push_back({signer.selector(), signer.txt_record()});
    return keys;
}

}  // namespace mailwarden
