// The domain-authentication report on in-memory zone data (the same checks
// run against a real DNS server in tests/integration).
#include <mailwarden/domain_auth.hpp>

#include "../../support/memory_resolver.hpp"
#include "common/base64.hpp"

#include <functional>

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

// What amazonses.com publishes (abridged), so includes of it resolve.
void publish_ses(MemoryResolver& r) {
    r.txt("amazonses.com", "v=spf1 ip4:199.255.192.0/22 ip4:199.127.232.0/22 ip4:54.240.0.0/18 -all");
}

// A domain published exactly as SES asks.
void publish_good(MemoryResolver& r, const std::string& d, const std::vector<std::string>& tokens) {
    publish_ses(r);
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
        publish_ses(dns);
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
    publish_ses(org);
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

TEST_CASE("SPF findings, through includes") {
    auto report_for = [](const std::string& record, const std::function<void(MemoryResolver&)>& more = {}) {
        MemoryResolver dns;
        publish_ses(dns);
        dns.txt("_dmarc.s.test", "v=DMARC1; p=reject; rua=mailto:d@s.test");
        dns.txt("s.test", record);
        if (more) more(dns);
        return check_domain_auth(dns, {"s.test", "us-east-1", {}, ""});
    };
    const auto plus_all = report_for("v=spf1 include:amazonses.com +all");
    CHECK(plus_all.has_finding("spf.plus_all"));
    CHECK(plus_all.verdict == AuthVerdict::fail);
    CHECK(report_for("v=spf1 include:amazonses.com ?all").has_finding("spf.neutral_all"));
    CHECK(report_for("v=spf1 include:amazonses.com").has_finding("spf.no_all"));
    CHECK(report_for("v=spf1 ptr include:amazonses.com -all").has_finding("spf.ptr"));
    CHECK(report_for("v=spf1 include:amazonses.com -all foo").has_finding("spf.syntax"));

    const auto no_ses = report_for("v=spf1 ip4:192.0.2.0/24 -all");
    CHECK(no_ses.has_finding("spf.ses_not_authorized"));
    CHECK(no_ses.records[0].status == RecordStatus::mismatch);

    const auto multiple = report_for("v=spf1 include:amazonses.com -all",
                                     [](MemoryResolver& d) { d.txt("s.test", "v=spf1 -all"); });
    CHECK(multiple.has_finding("spf.multiple"));

    // Eleven lookups counted through nested includes.
    const auto deep = report_for("v=spf1 include:amazonses.com include:a.s.test -all", [](MemoryResolver& d) {
        d.txt("a.s.test", "v=spf1 a mx include:b.s.test -all");
        d.txt("b.s.test", "v=spf1 a mx a:x.s.test a:y.s.test a:z.s.test exists:w.s.test -all");
        for (const char* h : {"a.s.test", "b.s.test", "x.s.test", "y.s.test", "z.s.test", "w.s.test"}) d.a(h, "192.0.2.1");
    });
    INFO(to_json(deep));
    CHECK(deep.has_finding("spf.too_many_lookups"));

    const auto loop = report_for("v=spf1 include:amazonses.com include:l1.s.test -all", [](MemoryResolver& d) {
        d.txt("l1.s.test", "v=spf1 include:l2.s.test -all");
        d.txt("l2.s.test", "v=spf1 include:l1.s.test -all");
    });
    CHECK(loop.has_finding("spf.include_loop"));

    const auto voids = report_for("v=spf1 include:amazonses.com a:v1.s.test a:v2.s.test a:v3.s.test -all");
    CHECK(voids.has_finding("spf.too_many_void_lookups"));

    std::string longer = "v=spf1 include:amazonses.com";
    for (int i = 0; i < 40; ++i) longer += " ip4:198.51.100." + std::to_string(i);
    longer += " -all";
    CHECK(report_for(longer).has_finding("spf.too_long"));

    CHECK(report_for("v=spf1 include:amazonses.com -all",
                     [](MemoryResolver& d) { d.spf_rr("s.test", "v=spf1 include:amazonses.com -all"); })
              .has_finding("spf.deprecated_rr_type"));

    const auto clean = report_for("v=spf1 include:amazonses.com -all");
    INFO(to_json(clean));
    CHECK(clean.verdict == AuthVerdict::pass);
    CHECK(clean.records[0].status == RecordStatus::ok);
}
