// The domain report for mail signed with our own DKIM keys: each selector's
// TXT record to publish, and whether what is live is that key.
#include <mailwarden/dkim_sign.hpp>
#include <mailwarden/domain_auth.hpp>

#include "../../support/memory_resolver.hpp"

#include <doctest/doctest.h>

using namespace mailwarden;
using test_support::MemoryResolver;

namespace {

DkimKeyPair new_key(DkimKeyType type = DkimKeyType::rsa) {
    auto key = generate_dkim_key(type, 2048);
    REQUIRE(key);
    return *key;
}

DomainAuthRequest own_keys_request(std::vector<DkimSelectorKey> keys) {
    DomainAuthRequest request;
    request.domain = "own.test";
    request.dkim_keys = std::move(keys);
    return request;
}

const PublishRecord& only_dkim_record(const DomainAuthReport& report) {
    const PublishRecord* found = nullptr;
    for (const auto& rec : report.records)
        if (rec.purpose == "dkim") {
            REQUIRE(found == nullptr);
            found = &rec;
        }
    REQUIRE(found != nullptr);
    return *found;
}

}  // namespace

TEST_CASE("an own key published as given is listed as ok, and no Easy DKIM is asked for") {
    const auto rsa = new_key();
    const auto ed = new_key(DkimKeyType::ed25519);
    MemoryResolver dns;
    dns.txt("s2026._domainkey.own.test", rsa.txt_record);
    dns.txt("ed._domainkey.own.test", ed.txt_record);
    const auto report = check_domain_auth(dns, own_keys_request({{"s2026", rsa.txt_record}, {"ed", ed.txt_record}}));
    INFO(to_json(report));
    std::vector<const PublishRecord*> dkim;
    for (const auto& rec : report.records)
        if (rec.purpose == "dkim") dkim.push_back(&rec);
    REQUIRE(dkim.size() == 2);
    CHECK(dkim[0]->name == "s2026._domainkey.own.test");
    CHECK(dkim[0]->type == "TXT");
    CHECK(dkim[0]->value == rsa.txt_record);
    CHECK(dkim[0]->status == RecordStatus::ok);
    CHECK(dkim[0]->found == std::vector<std::string>{rsa.txt_record});
    CHECK(dkim[1]->name == "ed._domainkey.own.test");
    CHECK(dkim[1]->status == RecordStatus::ok);
    CHECK_FALSE(report.has_finding("dkim.no_tokens"));
    CHECK_FALSE(report.has_finding("dkim.key_missing"));
    CHECK_FALSE(report.has_finding("dkim.key_mismatch"));
}

TEST_CASE("an own key not yet published is missing, an error") {
    const auto rsa = new_key();
    MemoryResolver dns;
    const auto report = check_domain_auth(dns, own_keys_request({{"s1", rsa.txt_record}}));
    INFO(to_json(report));
    const auto& rec = only_dkim_record(report);
    CHECK(rec.status == RecordStatus::missing);
    CHECK(rec.found.empty());
    CHECK(report.has_finding("dkim.key_missing"));
    CHECK(report.verdict == AuthVerdict::fail);
}

TEST_CASE("another key under the selector is a mismatch, even when the text differs only in the key") {
    const auto ours = new_key();
    const auto theirs = new_key();
    MemoryResolver dns;
    dns.txt("s1._domainkey.own.test", theirs.txt_record);
    const auto report = check_domain_auth(dns, own_keys_request({{"s1", ours.txt_record}}));
    INFO(to_json(report));
    const auto& rec = only_dkim_record(report);
    CHECK(rec.status == RecordStatus::mismatch);
    CHECK(rec.found == std::vector<std::string>{theirs.txt_record});
    CHECK(report.has_finding("dkim.key_mismatch"));
    CHECK(report.verdict == AuthVerdict::fail);
}

TEST_CASE("the same key written differently (tags reordered, t=y added) matches, and the tags are judged") {
    const auto ours = new_key();
    const std::string p = ours.txt_record.substr(ours.txt_record.find("p="));
    MemoryResolver dns;
    dns.txt("s1._domainkey.own.test", "k=rsa; t=y; " + p);
    const auto report = check_domain_auth(dns, own_keys_request({{"s1", ours.txt_record}}));
    INFO(to_json(report));
    CHECK(only_dkim_record(report).status == RecordStatus::ok);
    CHECK_FALSE(report.has_finding("dkim.key_mismatch"));
    CHECK(report.has_finding("dkim.testing"));
}

TEST_CASE("a revoked or unusable record live under our selector is a mismatch with the reason") {
    const auto ours = new_key();
    MemoryResolver dns;
    dns.txt("r._domainkey.own.test", "v=DKIM1; k=rsa; p=");
    dns.txt("g._domainkey.own.test", "v=DKIM1; k=rsa; p=not-base64!");
    const auto report = check_domain_auth(dns, own_keys_request({{"r", ours.txt_record}, {"g", ours.txt_record}}));
    INFO(to_json(report));
    for (const auto& rec : report.records)
        if (rec.purpose == "dkim") CHECK(rec.status == RecordStatus::mismatch);
    CHECK(report.has_finding("dkim.key_revoked"));
    CHECK(report.has_finding("dkim.key_invalid"));
}

TEST_CASE("a temporary DNS failure leaves the own key unknown, never missing") {
    const auto ours = new_key();
    MemoryResolver dns;
    dns.fail("s1._domainkey.own.test", dns::RecordType::txt, dns::Status::servfail);
    const auto report = check_domain_auth(dns, own_keys_request({{"s1", ours.txt_record}}));
    INFO(to_json(report));
    CHECK(only_dkim_record(report).status == RecordStatus::unknown);
    CHECK(report.has_finding("dns.temporary_failure"));
    CHECK_FALSE(report.has_finding("dkim.key_missing"));
}

TEST_CASE("a record given for our key that is not a key is reported, not published") {
    MemoryResolver dns;
    const auto report = check_domain_auth(dns, own_keys_request({{"s1", "v=DKIM1; k=rsa; p=AAAA"}, {"s2", "v=DKIM1; p="}}));
    INFO(to_json(report));
    for (const auto& rec : report.records) CHECK(rec.purpose != "dkim");
    CHECK(report.has_finding("dkim.own_key_invalid"));
}
