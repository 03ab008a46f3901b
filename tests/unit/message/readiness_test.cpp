// The bulk-sender readiness report on in-memory zone data and a sample
// signed by the test signer (the same against unbound: tests/cli).
#include <mailwarden/readiness.hpp>

#include "dkim_test_signer.hpp"
#include "message_text.hpp"
#include "support/memory_resolver.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

using namespace mailwarden;

namespace {

const std::string plain_message =
    "From: News <news@example.com>\r\n"
    "To: reader@example.net\r\n"
    "Subject: This week\r\n"
    "Date: Thu, 03 Dec 2026 07:00:00 +0000\r\n"
    "List-Unsubscribe: <mailto:u@example.com>, <https://example.com/u/123>\r\n"
    "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
    "\r\n"
    "Hello.\r\n";

constexpr const char* signed_fields = "From:To:Subject:Date:List-Unsubscribe:List-Unsubscribe-Post";

struct Zone {
    std::shared_ptr<test_support::MemoryResolver> dns = std::make_shared<test_support::MemoryResolver>();
    dkim_test::KeyPtr key = dkim_test::shared_rsa_key();

    Zone() {
        dns->txt("example.com", "v=spf1 ip4:192.0.2.0/24 -all");
        dns->txt("_dmarc.example.com", "v=DMARC1; p=none; rua=mailto:d@example.com");
        dns->txt("sel._domainkey.example.com", dkim_test::key_record(key.get()));
        dns->ptr("10.2.0.192.in-addr.arpa", "mta.example.com");
        dns->a("mta.example.com", "192.0.2.10");
    }

    std::string sign(const std::string& message, const std::string& fields = signed_fields) const {
        dkim_test::SignRequest r;
        r.key = key.get();
        r.headers = fields;
        return dkim_test::sign(message, r);
    }

    ReadinessReport check(ReadinessInput in) const {
        auto report = check_readiness(in, dns);
        REQUIRE(report);
        return *report;
    }
};

ReadinessInput with_sample(std::string sample, std::string ip = "192.0.2.10") {
    ReadinessInput in;
    in.domain = "Example.COM.";
    in.sample = std::move(sample);
    in.connection.client_ip = std::move(ip);
    in.connection.mail_from = "bounce@example.com";
    return in;
}

RuleStatus status(const ReadinessReport& r, std::string_view id) {
    const auto* rule = r.rule(id);
    REQUIRE(rule != nullptr);
    INFO(id << ": " << rule->evidence);
    return rule->status;
}

}  // namespace

TEST_CASE("a signed sample from a published domain passes every rule it can see") {
    Zone zone;
    AccountStats stats;
    stats.account = "acme";
    stats.sends = 10000;
    stats.complaints = 5;
    stats.complaint_rate = 0.0005;
    auto in = with_sample(zone.sign(plain_message));
    in.stats = stats;
    const auto report = zone.check(in);
    INFO(to_json(report));
    CHECK(report.domain == "example.com");
    CHECK(report.ready());
    for (const auto* id : {"spf", "dkim", "dmarc", "reverse_dns", "one_click_unsubscribe", "complaint_rate",
                           "complaint_rate_recommended", "from_not_provider"})
        CHECK(status(report, id) == RuleStatus::pass);
    CHECK(status(report, "tls") == RuleStatus::unknown);
    CHECK(report.rule("dkim")->evidence.find("2048-bit key") != std::string::npos);
    CHECK(report.rule("reverse_dns")->evidence == "192.0.2.10 -> PTR mta.example.com -> A 192.0.2.10");
    CHECK(report.rule("reverse_dns")->providers == std::vector<std::string>{"gmail", "yahoo"});
    CHECK_FALSE(report.rule("complaint_rate_recommended")->required);
}

TEST_CASE("without a sample, an IP or figures, only the DNS rules are decided") {
    Zone zone;
    ReadinessInput in;
    in.domain = "example.com";
    const auto report = zone.check(in);
    CHECK(report.ready());
    CHECK(status(report, "spf") == RuleStatus::pass);
    CHECK(report.rule("spf")->evidence.find("no sending IP given") != std::string::npos);
    CHECK(status(report, "dmarc") == RuleStatus::pass);
    for (const auto* id : {"dkim", "reverse_dns", "one_click_unsubscribe", "complaint_rate", "tls"})
        CHECK(status(report, id) == RuleStatus::unknown);
}

TEST_CASE("missing records fail, DNS failures are unknown") {
    Zone zone;
    ReadinessInput in;
    in.domain = "bare.example";
    in.connection.client_ip = "192.0.2.99";
    auto report = zone.check(in);
    CHECK_FALSE(report.ready());
    CHECK(status(report, "spf") == RuleStatus::fail);
    CHECK(status(report, "dmarc") == RuleStatus::fail);
    CHECK(status(report, "reverse_dns") == RuleStatus::fail);
    CHECK(report.rule("reverse_dns")->evidence == "no PTR record at 99.2.0.192.in-addr.arpa");

    zone.dns->fail("_dmarc.example.com", dns::RecordType::txt, dns::Status::servfail);
    zone.dns->fail("10.2.0.192.in-addr.arpa", dns::RecordType::ptr, dns::Status::timeout);
    in.domain = "example.com";
    in.connection.client_ip = "192.0.2.10";
    report = zone.check(in);
    CHECK(status(report, "dmarc") == RuleStatus::unknown);
    CHECK(status(report, "reverse_dns") == RuleStatus::unknown);
}

TEST_CASE("reverse DNS must come back to the IP, also for IPv6") {
    Zone zone;
    zone.dns->ptr("11.2.0.192.in-addr.arpa", "elsewhere.example.com");
    zone.dns->a("elsewhere.example.com", "198.51.100.1");
    ReadinessInput in;
    in.domain = "example.com";
    in.connection.client_ip = "192.0.2.11";
    CHECK(status(zone.check(in), "reverse_dns") == RuleStatus::fail);

    zone.dns->ptr("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "mta6.example.com");
    zone.dns->aaaa("mta6.example.com", "2001:db8::1");
    in.connection.client_ip = "2001:db8::1";
    CHECK(status(zone.check(in), "reverse_dns") == RuleStatus::pass);
}

TEST_CASE("one-click unsubscribe needs both fields, an https URI and DKIM over both") {
    Zone zone;
    const auto no_post = message_test::replace(plain_message, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", "");
    CHECK(status(zone.check(with_sample(zone.sign(no_post, "From:To:Subject:Date:List-Unsubscribe"))),
                 "one_click_unsubscribe") == RuleStatus::fail);
    const auto mailto_only = message_test::replace(plain_message, ", <https://example.com/u/123>", "");
    CHECK(status(zone.check(with_sample(zone.sign(mailto_only))), "one_click_unsubscribe") == RuleStatus::fail);
    const auto uncovered = zone.check(with_sample(zone.sign(plain_message, "From:To:Subject:Date")));
    CHECK(status(uncovered, "one_click_unsubscribe") == RuleStatus::fail);
    CHECK(uncovered.rule("one_click_unsubscribe")->evidence.find("h=") != std::string::npos);
    CHECK(status(uncovered, "dkim") == RuleStatus::pass);
}

TEST_CASE("DKIM: no signature, a weak or broken one fail") {
    Zone zone;
    CHECK(status(zone.check(with_sample(plain_message)), "dkim") == RuleStatus::fail);
    const auto tampered = message_test::replace(zone.sign(plain_message), "Hello.", "Hello!");
    const auto report = zone.check(with_sample(tampered));
    CHECK(status(report, "dkim") == RuleStatus::fail);
    CHECK(report.rule("dkim")->evidence.find("body_hash_mismatch") != std::string::npos);
}

TEST_CASE("DMARC alignment and SPF follow the sample's connection") {
    Zone zone;
    const auto report = zone.check(with_sample(plain_message, "198.51.100.7"));
    CHECK(status(report, "spf") == RuleStatus::fail);
    CHECK(status(report, "dmarc") == RuleStatus::fail);
    CHECK(report.rule("dmarc")->evidence.find("dmarc=fail") != std::string::npos);
}

TEST_CASE("a mailbox provider's domain as From fails") {
    Zone zone;
    ReadinessInput in;
    in.domain = "mail.gmail.com";
    CHECK(status(zone.check(in), "from_not_provider") == RuleStatus::fail);
    const auto gmail_from = message_test::replace(plain_message, "news@example.com", "news@gmail.com");
    const auto report = zone.check(with_sample(zone.sign(gmail_from)));
    CHECK(status(report, "from_not_provider") == RuleStatus::fail);
    CHECK_FALSE(report.ready());
}

TEST_CASE("complaint rates: 0.3 % fails the requirement, 0.1 % only the recommendation") {
    Zone zone;
    ReadinessInput in;
    in.domain = "example.com";
    in.stats = AccountStats{};
    in.stats->account = "acme";
    in.stats->sends = 1000;
    in.stats->complaints = 2;
    in.stats->complaint_rate = 0.002;
    auto report = zone.check(in);
    CHECK(status(report, "complaint_rate") == RuleStatus::pass);
    CHECK(status(report, "complaint_rate_recommended") == RuleStatus::fail);
    CHECK(report.ready());
    in.stats->complaints = 3;
    in.stats->complaint_rate = 0.003;
    report = zone.check(in);
    CHECK(status(report, "complaint_rate") == RuleStatus::fail);
    CHECK(report.rule("complaint_rate")->evidence == "account acme: 3 complaints of 1000 sends = 0.300 % (limit 0.300 %)");
    in.stats->sends = 0;
    CHECK(status(zone.check(in), "complaint_rate") == RuleStatus::unknown);
}

TEST_CASE("bad input is an error; the JSON lists every rule") {
    Zone zone;
    ReadinessInput in;
    CHECK(check_readiness(in, zone.dns).error().kind() == errc::invalid_argument);
    in.domain = "example.com";
    in.connection.client_ip = "not-an-ip";
    CHECK(check_readiness(in, zone.dns).error().kind() == errc::invalid_argument);
    in.connection.client_ip.clear();
    const auto json = boost::json::parse(to_json(zone.check(in))).as_object();
    CHECK(json.at("domain").as_string() == "example.com");
    CHECK(json.at("ready").as_bool());
    const auto& rules = json.at("rules").as_array();
    REQUIRE(rules.size() == 9);
    CHECK(rules[0].at("id").as_string() == "spf");
    CHECK(rules[0].at("providers").as_array().size() == 3);
    CHECK(rules[8].at("status").as_string() == "unknown");
}
