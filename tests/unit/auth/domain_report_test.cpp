// The domain-authentication report on in-memory zone data (the same checks
// run against a real DNS server in tests/integration).
#include <mailwarden/domain_auth.hpp>

#include "../../support/memory_resolver.hpp"
#include "common/base64.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <boost/json.hpp>
#include <doctest/doctest.h>

using namespace mailwarden;
using test_support::MemoryResolver;

namespace {

std::string dkim_record(unsigned bits, const std::string& extra = "") {
    EVP_PKEY* key = EVP_RSA_gen(bits);
    unsigned char* der = nullptr;
    const int n = i2d_PUBKEY(key, &der);
    std::string p = common::base64_encode(std::string_view(reinterpret_cast<char*>(der), static_cast<std::size_t>(n)));
    OPENSSL_free(der);
    EVP_PKEY_free(key);
    return "v=DKIM1; k=rsa; " + extra + "p=" + p;
}

// A domain published exactly as SES asks.
void publish_good(MemoryResolver& r, const std::string& d, const std::vector<std::string>& tokens) {
    r.txt(d, "v=spf1 include:amazonses.com ~all");
    r.txt(d, "google-site-verification=abc");
    r.txt("_dmarc." + d, "v=DMARC1; p=reject; rua=mailto:dmarc@" + d);
    r.mx(d, 10, "mx." + d);
    for (const auto& t : tokens) {
        r.cname(t + "._domainkey." + d, t + ".dkim.amazonses.com");
        r.txt(t + ".dkim.amazonses.com", dkim_record(2048));
    }
}

const PublishRecord* find_record(const DomainAuthReport& r, const std::string& purpose, std::size_t nth = 0) {
    for (const auto& rec : r.records)
        if (rec.purpose == purpose && nth-- == 0) return &rec;
    return nullptr;
}

}  // namespace

TEST_CASE("a domain published as SES asks passes, record by record") {
    MemoryResolver dns;
    publish_good(dns, "good.test", {"tok1", "tok2", "tok3"});
    const auto report = check_domain_auth(dns, {"Good.TEST.", "eu-west-1", {"tok1", "tok2", "tok3"}, ""});
    CHECK(report.domain == "good.test");
    CHECK(report.verdict == AuthVerdict::pass);
    INFO(to_json(report));
    CHECK(report.findings.empty());
    REQUIRE(report.records.size() == 5);  // spf, 3 dkim, dmarc
    const auto* spf = find_record(report, "spf");
    REQUIRE(spf != nullptr);
    CHECK(spf->name == "good.test");
    CHECK(spf->type == "TXT");
    CHECK(spf->value == "v=spf1 include:amazonses.com ~all");
    CHECK(spf->status == RecordStatus::ok);
    CHECK(spf->found == std::vector<std::string>{"v=spf1 include:amazonses.com ~all"});
    const auto* dkim = find_record(report, "dkim", 1);
    REQUIRE(dkim != nullptr);
    CHECK(dkim->name == "tok2._domainkey.good.test");
    CHECK(dkim->type == "CNAME");
    CHECK(dkim->value == "tok2.dkim.amazonses.com");
    CHECK(dkim->status == RecordStatus::ok);
    const auto* dmarc = find_record(report, "dmarc");
    REQUIRE(dmarc != nullptr);
    CHECK(dmarc->name == "_dmarc.good.test");
    CHECK(dmarc->status == RecordStatus::ok);

    const auto json = boost::json::parse(to_json(report)).as_object();
    CHECK(json.at("verdict") == "pass");
    CHECK(json.at("records").as_array().size() == 5);
    CHECK(json.at("records").at(0).at("status") == "ok");
}

TEST_CASE("DKIM findings") {
    MemoryResolver dns;
    publish_good(dns, "d.test", {});
    dns.cname("a._domainkey.d.test", "a.dkim.amazonses.com");
    dns.txt("a.dkim.amazonses.com", dkim_record(1024, "t=y; "));
    dns.cname("b._domainkey.d.test", "b.elsewhere.example");
    dns.cname("c._domainkey.d.test", "c.dkim.amazonses.com");
    dns.txt("c.dkim.amazonses.com", "v=DKIM1; k=rsa; p=");
    dns.cname("e._domainkey.d.test", "e.dkim.amazonses.com");
    dns.txt("e.dkim.amazonses.com", dkim_record(512));
    dns.cname("f._domainkey.d.test", "f.dkim.amazonses.com");
    dns.txt("f.dkim.amazonses.com", "v=DKIM1; p=not-base64!");
    const auto report = check_domain_auth(dns, {"d.test", "us-east-1", {"a", "b", "c", "missing", "e", "f"}, ""});
    INFO(to_json(report));
    CHECK(report.has_finding("dkim.key_weak"));
    CHECK(report.has_finding("dkim.testing"));
    CHECK(report.has_finding("dkim.cname_mismatch"));
    CHECK(report.has_finding("dkim.key_revoked"));
    CHECK(report.has_finding("dkim.cname_missing"));
    CHECK(report.has_finding("dkim.key_too_short"));
    CHECK(report.has_finding("dkim.key_invalid"));
    CHECK(report.verdict == AuthVerdict::fail);
    CHECK(find_record(report, "dkim", 1)->status == RecordStatus::mismatch);
    CHECK(find_record(report, "dkim", 1)->found == std::vector<std::string>{"b.elsewhere.example"});
    CHECK(find_record(report, "dkim", 3)->status == RecordStatus::missing);

    MemoryResolver none;
    publish_good(none, "n.test", {});
    CHECK(check_domain_auth(none, {"n.test", "us-east-1", {}, ""}).has_finding("dkim.no_tokens"));
}

TEST_CASE("DMARC findings") {
    auto report_for = [](const std::function<void(MemoryResolver&)>& zone, const std::string& domain = "m.test") {
        MemoryResolver dns;
        dns.txt(domain, "v=spf1 include:amazonses.com -all");
        zone(dns);
        return check_domain_auth(dns, {domain, "us-east-1", {}, ""});
    };
    CHECK(report_for([](MemoryResolver&) {}).has_finding("dmarc.missing"));
    CHECK(report_for([](MemoryResolver& d) {
              d.txt("_dmarc.m.test", "v=DMARC1; p=none; rua=mailto:a@m.test");
              d.txt("_dmarc.m.test", "v=DMARC1; p=reject");
          }).has_finding("dmarc.multiple"));
    CHECK(report_for([](MemoryResolver& d) { d.txt("_dmarc.m.test", "v=DMARC1; p=maybe"); }).has_finding("dmarc.syntax"));
    const auto none = report_for([](MemoryResolver& d) { d.txt("_dmarc.m.test", "v=DMARC1; p=none"); });
    CHECK(none.has_finding("dmarc.policy_none"));
    CHECK(none.has_finding("dmarc.no_rua"));
    CHECK(none.verdict == AuthVerdict::warn);
    const auto external = report_for([](MemoryResolver& d) {
        d.txt("_dmarc.m.test", "v=DMARC1; p=reject; aspf=s; rua=mailto:x@reports.example.net,mailto:y@ok.example.org");
        d.txt("m.test._report._dmarc.ok.example.org", "v=DMARC1");
    });
    CHECK(external.has_finding("dmarc.rua_unauthorized"));
    CHECK(external.has_finding("dmarc.strict_spf_alignment"));
    int unauthorized = 0;
    for (const auto& f : external.findings) unauthorized += f.id == "dmarc.rua_unauthorized";
    CHECK(unauthorized == 1);  // ok.example.org authorised itself

    // A subdomain inherits the organisational domain's policy (public suffix list).
    MemoryResolver org;
    org.txt("shop.iana.org", "v=spf1 include:amazonses.com -all");
    org.txt("_dmarc.iana.org", "v=DMARC1; p=reject; rua=mailto:d@iana.org");
    const auto inherited = check_domain_auth(org, {"shop.iana.org", "us-east-1", {}, ""});
    CHECK(inherited.has_finding("dmarc.inherited"));
    CHECK_FALSE(inherited.has_finding("dmarc.missing"));
}

TEST_CASE("MX and custom MAIL FROM findings") {
    MemoryResolver dns;
    publish_good(dns, "x.test", {});
    dns.mx("nullmx.test", 0, "");
    dns.txt("nullmx.test", "v=spf1 include:amazonses.com -all");
    CHECK(check_domain_auth(dns, {"nullmx.test", "us-east-1", {}, ""}).has_finding("mx.null"));
    dns.txt("nomx.test", "v=spf1 include:amazonses.com -all");
    CHECK(check_domain_auth(dns, {"nomx.test", "us-east-1", {}, ""}).has_finding("mx.none"));

    dns.mx("bounce.x.test", 10, "feedback-smtp.eu-west-1.amazonses.com");
    dns.txt("bounce.x.test", "v=spf1 include:amazonses.com ~all");
    const auto ok = check_domain_auth(dns, {"x.test", "eu-west-1", {}, "bounce.x.test"});
    INFO(to_json(ok));
    const auto* mx = find_record(ok, "mail_from_mx");
    REQUIRE(mx != nullptr);
    CHECK(mx->value == "10 feedback-smtp.eu-west-1.amazonses.com");
    CHECK(mx->status == RecordStatus::ok);
    CHECK(find_record(ok, "mail_from_spf")->status == RecordStatus::ok);
    CHECK(find_record(ok, "mail_from_spf")->name == "bounce.x.test");

    const auto wrong_region = check_domain_auth(dns, {"x.test", "us-east-1", {}, "bounce.x.test"});
    CHECK(wrong_region.has_finding("mail_from.mx_mismatch"));
    const auto missing = check_domain_auth(dns, {"x.test", "us-east-1", {}, "nothing.x.test"});
    CHECK(missing.has_finding("mail_from.mx_missing"));
    CHECK(find_record(missing, "mail_from_mx")->status == RecordStatus::missing);
}

TEST_CASE("temporary DNS failures make checks unknown, never missing") {
    MemoryResolver dns;
    publish_good(dns, "t.test", {"k"});
    dns.fail("_dmarc.t.test", mailwarden::dns::RecordType::txt, mailwarden::dns::Status::servfail);
    dns.fail("k._domainkey.t.test", mailwarden::dns::RecordType::cname, mailwarden::dns::Status::timeout);
    dns.fail("t.test", mailwarden::dns::RecordType::txt, mailwarden::dns::Status::timeout);
    const auto report = check_domain_auth(dns, {"t.test", "us-east-1", {"k"}, ""});
    INFO(to_json(report));
    CHECK(find_record(report, "dmarc")->status == RecordStatus::unknown);
    CHECK(find_record(report, "dkim")->status == RecordStatus::unknown);
    CHECK(find_record(report, "spf")->status == RecordStatus::unknown);
    CHECK_FALSE(report.has_finding("dmarc.missing"));
    CHECK_FALSE(report.has_finding("dkim.cname_missing"));
    CHECK_FALSE(report.has_finding("spf.missing"));
    CHECK(report.has_finding("dns.temporary_failure"));
    CHECK(report.verdict == AuthVerdict::warn);
}
