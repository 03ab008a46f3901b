// check_domain_auth() through make_resolver() against a real recursive
// server: unbound started by tests/peers/unbound/run-with-unbound.sh
// (MW_TEST_DNS=127.0.0.1:PORT) with the zones of tests/peers/unbound/auth-zones
// and the refusals of tests/peers/unbound/auth-zones.conf. Between them the
// test domains make the report emit every finding id it has; each report is
// compared field by field, and its JSON form against the same expectation.
#include <mailwarden/dns.hpp>
#include <mailwarden/domain_auth.hpp>

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using namespace mailwarden;

namespace {

struct ExpectedRecord {
    std::string purpose, name, type, value;
    RecordStatus status;
    std::vector<std::string> found;  // compared as a set: DNS gives no order
};

struct ExpectedFinding {
    std::string id;
    Severity severity;
};

struct Case {
    DomainAuthRequest request;
    AuthVerdict verdict;
    std::vector<ExpectedRecord> records;
    std::vector<ExpectedFinding> findings;
};

const std::string ses_spf = "v=spf1 include:amazonses.com ~all";

ExpectedRecord spf(const std::string& domain, RecordStatus status, std::vector<std::string> found,
                   const char* purpose = "spf") {
    return {purpose, domain, "TXT", ses_spf, status, std::move(found)};
}
ExpectedRecord spf_ok(const std::string& domain, const std::string& live = ses_spf) {
    return spf(domain, RecordStatus::ok, {live});
}
ExpectedRecord dkim(const std::string& token, const std::string& domain, RecordStatus status,
                    std::vector<std::string> found) {
    return {"dkim", token + "._domainkey." + domain, "CNAME", token + ".dkim.amazonses.com", status, std::move(found)};
}
ExpectedRecord dkim_ok(const std::string& token, const std::string& domain) {
    return dkim(token, domain, RecordStatus::ok, {token + ".dkim.amazonses.com"});
}
ExpectedRecord dmarc(const std::string& domain, RecordStatus status, std::vector<std::string> found) {
    return {"dmarc", "_dmarc." + domain, "TXT",
            "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@" + domain + "; adkim=r; aspf=r", status,
            std::move(found)};
}
ExpectedRecord dmarc_ok(const std::string& domain) {
    return dmarc(domain, RecordStatus::ok, {"v=DMARC1; p=reject; rua=mailto:dmarc@" + domain});
}
ExpectedRecord mail_from_mx(const std::string& name, const std::string& region, RecordStatus status,
                            std::vector<std::string> found) {
    return {"mail_from_mx", name, "MX", "10 feedback-smtp." + region + ".amazonses.com", status, std::move(found)};
}

const ExpectedFinding no_tokens{"dkim.no_tokens", Severity::info};

DomainAuthRequest req(std::string domain, std::vector<std::string> tokens = {}, std::string mail_from = {},
                      std::string region = "us-east-1") {
    return {std::move(domain), std::move(region), std::move(tokens), std::move(mail_from)};
}

// An SPF test domain of auth-zones: its record, good DMARC and MX, no tokens.
Case spf_case(const std::string& domain, const std::string& live, RecordStatus status, AuthVerdict verdict,
              std::vector<ExpectedFinding> findings) {
    findings.push_back(no_tokens);
    std::vector<std::string> found;
    if (!live.empty()) found.push_back(live);
    return {req(domain), verdict, {spf(domain, status, found), dmarc_ok(domain)}, std::move(findings)};
}

// A DMARC test domain: good SPF and MX, no tokens.
Case dmarc_case(const std::string& domain, RecordStatus status, std::vector<std::string> found, AuthVerdict verdict,
                std::vector<ExpectedFinding> findings) {
    findings.insert(findings.begin(), no_tokens);
    return {req(domain), verdict, {spf_ok(domain), dmarc(domain, status, std::move(found))}, std::move(findings)};
}

std::string long_record() {
    std::string r = "v=spf1 include:amazonses.com";
    for (int i = 0; i < 30; ++i) r += " ip4:198.51.100." + std::to_string(i);
    return r + " -all";
}

// The TXT record signing.test.zone publishes at `owner` (its strings joined):
// the own keys the report compares with what is live.
std::string signing_zone_txt(const std::string& owner) {
    std::ifstream in(MW_SOURCE_DIR "/tests/peers/unbound/auth-zones/signing.test.zone");
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(owner + " ", 0) != 0) continue;
        std::string joined;
        for (std::size_t open = line.find('"'); open != std::string::npos; open = line.find('"', open + 1)) {
            const std::size_t close = line.find('"', open + 1);
            joined += line.substr(open + 1, close - open - 1);
            open = close;
        }
        return joined;
    }
    FAIL("no TXT record " << owner << " in signing.test.zone");
    return {};
}

// signing.test with keys of our own: one published as given, one whose
// selector holds another key, one record given that is no key.
Case own_keys_case() {
    using RS = RecordStatus;
    using SV = Severity;
    const std::string rsa = signing_zone_txt("s2026._domainkey");
    const std::string ed = signing_zone_txt("ed2026._domainkey");
    Case c{req("signing.test"), AuthVerdict::fail, {}, {}};
    c.request.dkim_keys = {{"s2026", rsa}, {"ed2026", rsa}, {"bogus", "v=DKIM1; k=rsa; p=AAAA"}};
    c.records = {spf("signing.test", RS::mismatch, {"v=spf1 ip4:203.0.113.0/24 -all"}),
                 {"dkim", "s2026._domainkey.signing.test", "TXT", rsa, RS::ok, {rsa}},
                 {"dkim", "ed2026._domainkey.signing.test", "TXT", rsa, RS::mismatch, {ed}},
                 dmarc("signing.test", RS::ok, {"v=DMARC1; p=reject"})};
    c.findings = {{"spf.ses_not_authorized", SV::error},
                  {"dkim.key_mismatch", SV::error},
                  {"dkim.own_key_invalid", SV::error},
                  {"dmarc.no_rua", SV::warning},
                  {"mx.none", SV::info}};
    return c;
}

std::vector<Case> cases() {
    using RS = RecordStatus;
    using AV = AuthVerdict;
    using SV = Severity;
    std::vector<Case> c;
    // Published as SES asks.
    c.push_back({req("good.test", {"good1", "good2", "good3"}),
                 AV::pass,
                 {spf_ok("good.test"), dkim_ok("good1", "good.test"), dkim_ok("good2", "good.test"),
                  dkim_ok("good3", "good.test"), dmarc_ok("good.test")},
                 {}});
    const std::string feedback = "10 feedback-smtp.us-east-1.amazonses.com";
    c.push_back({req("good.test", {}, "bounce.good.test"),
                 AV::pass,
                 {spf("bounce.good.test", RS::ok, {ses_spf}, "mail_from_spf"), dmarc_ok("good.test"),
                  mail_from_mx("bounce.good.test", "us-east-1", RS::ok, {feedback})},
                 {no_tokens}});
    // The MAIL FROM MX points at another region's feedback host.
    c.push_back({req("good.test", {"good1"}, "bounce.good.test", "eu-west-1"),
                 AV::fail,
                 {spf("bounce.good.test", RS::ok, {ses_spf}, "mail_from_spf"), dkim_ok("good1", "good.test"),
                  dmarc_ok("good.test"), mail_from_mx("bounce.good.test", "eu-west-1", RS::mismatch, {feedback})},
                 {{"mail_from.mx_mismatch", SV::error}}});
    // A MAIL FROM domain with nothing published.
    c.push_back({req("good.test", {"good1"}, "nothing.good.test"),
                 AV::fail,
                 {spf("nothing.good.test", RS::missing, {}, "mail_from_spf"), dkim_ok("good1", "good.test"),
                  dmarc_ok("good.test"), mail_from_mx("nothing.good.test", "us-east-1", RS::missing, {})},
                 {{"spf.missing", SV::error}, {"mail_from.mx_missing", SV::error}}});
    // Every kind of DKIM problem.
    c.push_back({req("dkim.test", {"weak", "short", "revoked", "testing", "broken", "nokey", "elsewhere", "absent"}),
                 AV::fail,
                 {spf_ok("dkim.test"), dkim_ok("weak", "dkim.test"), dkim_ok("short", "dkim.test"),
                  dkim_ok("revoked", "dkim.test"), dkim_ok("testing", "dkim.test"), dkim_ok("broken", "dkim.test"),
                  dkim_ok("nokey", "dkim.test"),
                  dkim("elsewhere", "dkim.test", RS::mismatch, {"elsewhere.dkim.otherprovider.test"}),
                  dkim("absent", "dkim.test", RS::missing, {}), dmarc_ok("dkim.test")},
                 {{"dkim.key_weak", SV::warning},
                  {"dkim.key_too_short", SV::error},
                  {"dkim.key_revoked", SV::error},
                  {"dkim.testing", SV::warning},
                  {"dkim.key_invalid", SV::error},
                  {"dkim.key_missing", SV::error},
                  {"dkim.cname_mismatch", SV::error},
                  {"dkim.cname_missing", SV::error}}});
    // SPF, one finding per domain.
    c.push_back(spf_case("nospf.test", "", RS::missing, AV::fail, {{"spf.missing", SV::error}}));
    c.push_back(spf_case("multi-spf.test", "", RS::mismatch, AV::fail, {{"spf.multiple", SV::error}}));
    c.push_back(spf_case("spf-syntax.test", "v=spf1 include:amazonses.com -all foo", RS::mismatch, AV::fail,
                         {{"spf.syntax", SV::error}}));
    c.push_back(spf_case("plus-all.test", "v=spf1 include:amazonses.com +all", RS::ok, AV::fail,
                         {{"spf.plus_all", SV::error}}));
    c.push_back(spf_case("neutral-all.test", "v=spf1 include:amazonses.com ?all", RS::ok, AV::warn,
                         {{"spf.neutral_all", SV::warning}}));
    c.push_back(spf_case("no-all.test", "v=spf1 include:amazonses.com", RS::ok, AV::warn, {{"spf.no_all", SV::warning}}));
    c.push_back(spf_case("ptr.test", "v=spf1 ptr include:amazonses.com -all", RS::ok, AV::warn, {{"spf.ptr", SV::warning}}));
    c.push_back(spf_case("after-all.test", "v=spf1 include:amazonses.com -all ip4:192.0.2.1", RS::ok, AV::warn,
                         {{"spf.terms_after_all", SV::warning}}));
    c.push_back(spf_case("redirect-ignored.test", "v=spf1 include:amazonses.com -all redirect=good.test", RS::ok, AV::pass,
                         {{"spf.redirect_ignored", SV::info}}));
    c.push_back(spf_case("too-many.test", "v=spf1 include:amazonses.com include:_a.too-many.test -all", RS::ok, AV::fail,
                         {{"spf.too_many_lookups", SV::error}}));
    c.push_back(spf_case("loop.test", "v=spf1 include:amazonses.com include:_l1.loop.test -all", RS::ok, AV::fail,
                         {{"spf.include_loop", SV::error}}));
    c.push_back(spf_case("include-norecord.test",
                         "v=spf1 include:amazonses.com include:_none.include-norecord.test -all", RS::ok, AV::fail,
                         {{"spf.include_without_record", SV::error}}));
    c.push_back(spf_case("void.test", "v=spf1 include:amazonses.com a:gone.void.test -all", RS::ok, AV::warn,
                         {{"spf.void_target", SV::warning}}));
    c.push_back(spf_case("voids.test", "v=spf1 include:amazonses.com a:v1.voids.test mx:v2.voids.test exists:v3.voids.test -all",
                         RS::ok, AV::fail,
                         {{"spf.void_target", SV::warning},
                          {"spf.void_target", SV::warning},
                          {"spf.void_target", SV::warning},
                          {"spf.too_many_void_lookups", SV::error}}));
    c.push_back(spf_case("macro.test", "v=spf1 include:amazonses.com exists:%{i}._spf.macro.test -all", RS::ok, AV::pass,
                         {{"spf.macro_target", SV::info}}));
    c.push_back(spf_case("modifier.test", "v=spf1 include:amazonses.com foo=bar -all", RS::ok, AV::pass,
                         {{"spf.unknown_modifier", SV::info}}));
    c.push_back(spf_case("long.test", long_record(), RS::ok, AV::warn, {{"spf.too_long", SV::warning}}));
    c.push_back(spf_case("spf-rr.test", ses_spf, RS::ok, AV::warn, {{"spf.deprecated_rr_type", SV::warning}}));
    c.push_back(spf_case("no-ses.test", "v=spf1 ip4:192.0.2.0/24 -all", RS::mismatch, AV::fail,
                         {{"spf.ses_not_authorized", SV::error}}));
    // DMARC.
    c.push_back(dmarc_case("no-dmarc.test", RS::missing, {}, AV::fail, {{"dmarc.missing", SV::error}}));
    c.push_back(dmarc_case("multi-dmarc.test", RS::mismatch,
                           {"v=DMARC1; p=none; rua=mailto:a@multi-dmarc.test", "v=DMARC1; p=reject"}, AV::fail,
                           {{"dmarc.multiple", SV::error}}));
    c.push_back(dmarc_case("dmarc-syntax.test", RS::mismatch, {"v=DMARC1; p=maybe"}, AV::fail, {{"dmarc.syntax", SV::error}}));
    c.push_back(dmarc_case("monitor.test", RS::ok, {"v=DMARC1; p=none"}, AV::warn,
                           {{"dmarc.policy_none", SV::warning}, {"dmarc.no_rua", SV::warning}}));
    c.push_back(dmarc_case("pct.test", RS::ok, {"v=DMARC1; p=quarantine; pct=50; rua=mailto:d@pct.test"}, AV::pass,
                           {{"dmarc.partial_pct", SV::info}}));
    // reports.test authorises rua.test's reports; reports.elsewhere.test does not.
    c.push_back(dmarc_case("rua.test", RS::ok, {"v=DMARC1; p=reject; rua=mailto:x@reports.elsewhere.test,mailto:y@reports.test"},
                           AV::warn, {{"dmarc.rua_unauthorized", SV::warning}}));
    c.push_back(dmarc_case("strict.test", RS::ok, {"v=DMARC1; p=reject; aspf=s; rua=mailto:d@strict.test"}, AV::warn,
                           {{"dmarc.strict_spf_alignment", SV::warning}}));
    // sub.shop.test has no record; libpsl makes shop.test its organisational
    // domain (an unlisted TLD such as .test is a public suffix), whose policy applies.
    c.push_back(dmarc_case("sub.shop.test", RS::missing, {}, AV::pass, {{"dmarc.inherited", SV::info}}));
    // MX.
    c.push_back({req("no-mx.test"), AV::pass, {spf_ok("no-mx.test"), dmarc_ok("no-mx.test")},
                 {no_tokens, {"mx.none", SV::info}}});
    c.push_back({req("null-mx.test"), AV::fail, {spf_ok("null-mx.test"), dmarc_ok("null-mx.test")},
                 {no_tokens, {"mx.null", SV::error}}});
    // Refused names (auth-zones.conf): unknown, never missing.
    c.push_back({req("flaky.test", {"good1", "good2"}),
                 AV::warn,
                 {spf_ok("flaky.test"), dkim_ok("good1", "flaky.test"), dkim("good2", "flaky.test", RS::unknown, {}),
                  dmarc("flaky.test", RS::unknown, {})},
                 {{"dns.temporary_failure", SV::warning}, {"dns.temporary_failure", SV::warning}}});
    c.push_back(own_keys_case());
    return c;
}

std::shared_ptr<dns::Resolver> resolver() {
    const char* server = std::getenv("MW_TEST_DNS");
    REQUIRE_MESSAGE(server != nullptr, "MW_TEST_DNS is not set: run through tests/peers/unbound/run-with-unbound.sh");
    dns::ResolverOptions o;
    o.servers = {server};
    o.timeout = 2000ms;
    o.tries = 2;
    o.cache = true;
    std::error_code ec;
    auto r = dns::make_resolver(o, ec);
    REQUIRE_MESSAGE(r != nullptr, ec.message());
    return r;
}

std::multiset<std::string> as_set(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

std::multiset<std::string> as_set(const boost::json::array& a) {
    std::multiset<std::string> out;
    for (const auto& v : a) out.insert(std::string(v.as_string()));
    return out;
}

void check_report(const DomainAuthReport& r, const Case& c) {
    const auto json_text = to_json(r);
    INFO("report: " << json_text);
    CHECK(r.domain == c.request.domain);
    CHECK(r.region == c.request.region);
    CHECK(to_string(r.verdict) == to_string(c.verdict));
    REQUIRE(r.records.size() == c.records.size());
    for (std::size_t i = 0; i < c.records.size(); ++i) {
        const auto& got = r.records[i];
        const auto& want = c.records[i];
        INFO("record " << i << " (" << want.name << ")");
        CHECK(got.purpose == want.purpose);
        CHECK(got.name == want.name);
        CHECK(got.type == want.type);
        CHECK(got.value == want.value);
        CHECK(to_string(got.status) == to_string(want.status));
        CHECK(as_set(got.found) == as_set(want.found));
    }
    REQUIRE(r.findings.size() == c.findings.size());
    for (std::size_t i = 0; i < c.findings.size(); ++i) {
        INFO("finding " << i << ": " << r.findings[i].message);
        CHECK(r.findings[i].id == c.findings[i].id);
        CHECK(to_string(r.findings[i].severity) == to_string(c.findings[i].severity));
        CHECK_FALSE(r.findings[i].message.empty());
    }

    // The JSON form says the same.
    const auto json = boost::json::parse(json_text).as_object();
    CHECK(json.at("domain").as_string() == c.request.domain);
    CHECK(json.at("region").as_string() == c.request.region);
    CHECK(json.at("verdict").as_string() == to_string(c.verdict));
    const auto& records = json.at("records").as_array();
    REQUIRE(records.size() == c.records.size());
    for (std::size_t i = 0; i < c.records.size(); ++i) {
        const auto& o = records[i].as_object();
        CHECK(o.at("purpose").as_string() == c.records[i].purpose);
        CHECK(o.at("name").as_string() == c.records[i].name);
        CHECK(o.at("type").as_string() == c.records[i].type);
        CHECK(o.at("value").as_string() == c.records[i].value);
        CHECK(o.at("status").as_string() == to_string(c.records[i].status));
        CHECK(as_set(o.at("found").as_array()) == as_set(c.records[i].found));
    }
    const auto& findings = json.at("findings").as_array();
    REQUIRE(findings.size() == c.findings.size());
    for (std::size_t i = 0; i < c.findings.size(); ++i) {
        CHECK(findings[i].at("id").as_string() == c.findings[i].id);
        CHECK(findings[i].at("severity").as_string() == to_string(c.findings[i].severity));
        CHECK(findings[i].at("message").as_string() == r.findings[i].message);
    }
}

}  // namespace

TEST_CASE("every report of the auth-zones domains, field by field, from the server and then from the cache") {
    const auto dns = resolver();
    const auto all = cases();
    for (int round = 0; round < 2; ++round) {
        for (const auto& c : all) {
            INFO("round " << round << ": " << c.request.domain << " mail_from=" << c.request.mail_from_domain
                          << " region=" << c.request.region);
            check_report(check_domain_auth(*dns, c.request), c);
        }
    }
}

TEST_CASE("every finding id the report can emit is exercised") {
    // Every id written in src/auth/report/*.cpp, read from the sources so a
    // new finding cannot go untested.
    std::set<std::string> all_ids;
    const std::regex id_literal("\"((spf|dkim|dmarc|mx|mail_from|dns)\\.[a-z_]+)\"");
    for (const auto& entry : std::filesystem::directory_iterator(MW_SOURCE_DIR "/src/auth/report")) {
        if (entry.path().extension() != ".cpp") continue;
        std::ifstream in(entry.path());
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (std::sregex_iterator it(text.begin(), text.end(), id_literal), end; it != end; ++it)
            all_ids.insert((*it)[1].str());
    }
    CHECK(all_ids.size() >= 40);
    std::set<std::string> expected, emitted;
    const auto dns = resolver();
    for (const auto& c : cases()) {
        for (const auto& f : c.findings) expected.insert(f.id);
        for (const auto& f : check_domain_auth(*dns, c.request).findings) emitted.insert(f.id);
    }
    CHECK(expected == all_ids);
    CHECK(emitted == all_ids);
}
