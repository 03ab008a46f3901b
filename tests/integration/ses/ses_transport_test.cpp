// The sender registry over the SES transport, against the project's identity
// fake, which holds identities Pending until told otherwise.
#include "fake_control.hpp"
#include "ses_test_support.hpp"

#include <mailwarden/sender.hpp>
#include <mailwarden/store.hpp>
#include <mailwarden/transport.hpp>

using namespace mailwarden;
using namespace std::chrono_literals;

namespace {

struct Fake {
    std::string endpoint = ses_test::endpoint_from_env("MW_TEST_SES_FAKE_ENDPOINT");

    void set_status(const std::string& identity, const std::string& status) {
        ses_test::set_status_on_fake(endpoint, identity, status);
    }
};

struct Registry {
    Fake fake;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(std::chrono::system_clock::now());
    std::shared_ptr<SenderStore> store = *open_sqlite_store(":memory:");
    std::shared_ptr<ses::Client> client = ses_test::client_for(fake.endpoint);
    SenderRegistry registry{store, make_ses_transport(client), RegistryOptions{}, clock};
};

}  // namespace

TEST_CASE("SES transport: Pending while SES says PENDING, then Success, and sending") {
    Registry r;
    auto added = r.registry.add("ses-alice@iana.org", "Alice");
    REQUIRE_MESSAGE(added.has_value(), (added ? "" : added.error().message));
    CHECK(added->state == VerificationState::pending);

    CHECK(r.registry.refresh()->changed == 0);
    CHECK(r.registry.get("ses-alice@iana.org")->state == VerificationState::pending);
    OutgoingMessage m{"ses-alice@iana.org", {"reader@iana.org"}, "Hi", "text", "", "", ""};
    CHECK(r.registry.send(m).error().code == errc::not_verified);

    r.fake.set_status("ses-alice@iana.org", "TEMPORARY_FAILURE");
    CHECK(r.registry.refresh()->changed == 0);  // nothing to conclude

    r.fake.set_status("ses-alice@iana.org", "SUCCESS");
    CHECK(r.registry.refresh()->changed == 1);
    CHECK(r.registry.get("ses-alice@iana.org")->state == VerificationState::success);
    const auto id = r.registry.send(m);
    REQUIRE_MESSAGE(id.has_value(), (id ? "" : id.error().message));
    CHECK(id->rfind("fake-message-", 0) == 0);
}

TEST_CASE("SES transport: FAILED at SES, resend, and an identity deleted behind our back") {
    Registry r;
    REQUIRE(r.registry.add("ses-bob@iana.org", "").has_value());
    r.fake.set_status("ses-bob@iana.org", "FAILED");
    REQUIRE(r.registry.refresh().has_value());
    const Sender failed = *r.registry.get("ses-bob@iana.org");
    CHECK(failed.state == VerificationState::failed);
    CHECK(failed.failure_reason.find("verification failed") != std::string::npos);

    // Resend: SES v2 has no resend, the identity is created anew (Pending).
    const auto resent = r.registry.resend("ses-bob@iana.org");
    REQUIRE_MESSAGE(resent.has_value(), (resent ? "" : resent.error().message));
    CHECK(resent->state == VerificationState::pending);
    CHECK(r.client->get_email_identity("ses-bob@iana.org")->verification_status == ses::VerificationStatus::pending);

    r.fake.set_status("ses-bob@iana.org", "SUCCESS");
    REQUIRE(r.registry.refresh().has_value());
    REQUIRE(r.client->delete_email_identity("ses-bob@iana.org").has_value());
    r.clock->advance(7h);  // past the re-check interval of verified senders
    REQUIRE(r.registry.refresh().has_value());
    const Sender revoked = *r.registry.get("ses-bob@iana.org");
    CHECK(revoked.state == VerificationState::failed);
    CHECK(revoked.failure_reason.find("not_found") != std::string::npos);

    REQUIRE(r.registry.remove("ses-bob@iana.org", true).has_value());  // already gone at SES: fine
}

TEST_CASE("SES transport: transport errors are counted, the sender left as it was") {
    Registry r;
    REQUIRE(r.registry.add("ses-carol@iana.org", "").has_value());
    // A client pointed at nothing: every check fails with a transport error.
    auto dead = ses_test::client_for("http://127.0.0.1:1");
    SenderRegistry offline(r.store, make_ses_transport(dead), RegistryOptions{}, r.clock);
    const auto report = offline.refresh();
    REQUIRE(report.has_value());
    CHECK(report->errors == 1);
    CHECK_FALSE(report->first_error.empty());
    CHECK(offline.get("ses-carol@iana.org")->state == VerificationState::pending);
}

#include <mailwarden/domain_auth.hpp>

#include "../../support/memory_resolver.hpp"

TEST_CASE("the domain report of an SES domain identity uses its Easy DKIM tokens and MAIL FROM") {
    auto client = ses_test::client_for(ses_test::endpoint_from_env("MW_TEST_SES_FAKE_ENDPOINT"));
    REQUIRE(client->create_email_identity("brand.test").has_value());
    REQUIRE(client->put_email_identity_mail_from_attributes("brand.test", "bounce.brand.test", false).has_value());
    const auto identity = client->get_email_identity("brand.test");
    REQUIRE(identity.has_value());
    REQUIRE(identity->dkim.tokens.size() == 3);

    test_support::MemoryResolver dns;
    dns.txt("amazonses.com", "v=spf1 ip4:199.255.192.0/22 -all");
    dns.cname(identity->dkim.tokens[0] + "._domainkey.brand.test", identity->dkim.tokens[0] + ".dkim.amazonses.com");
    const auto report = check_domain_auth(dns, *client, "news@brand.test");
    REQUIRE(report.has_value());
    CHECK(report->domain == "brand.test");
    CHECK(report->region == "us-east-1");
    int dkim_records = 0;
    bool mail_from_mx = false;
    for (const auto& rec : report->records) {
        if (rec.purpose == "dkim") {
            CHECK(rec.name == identity->dkim.tokens[static_cast<std::size_t>(dkim_records)] + "._domainkey.brand.test");
            ++dkim_records;
        }
        if (rec.purpose == "mail_from_mx") {
            mail_from_mx = true;
            CHECK(rec.name == "bounce.brand.test");
            CHECK(rec.value == "10 feedback-smtp.us-east-1.amazonses.com");
        }
    }
    CHECK(dkim_records == 3);
    CHECK(mail_from_mx);
    CHECK(report->has_finding("dkim.cname_missing"));  // two of the three are not published

    const auto unknown = check_domain_auth(dns, *client, "unknown.test");
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.error().code == ses::errc::not_found);
}

TEST_CASE("SES transport on moto, which verifies identities at once") {
    auto client = ses_test::client_for(ses_test::endpoint_from_env("MW_TEST_MOTO_ENDPOINT"));
    auto clock = std::make_shared<ManualClock>(std::chrono::system_clock::now());
    SenderRegistry registry(*open_sqlite_store(":memory:"), make_ses_transport(client), RegistryOptions{}, clock);
    REQUIRE(registry.add("moto-frank@iana.org", "Frank").has_value());
    const auto identity = client->get_email_identity("moto-frank@iana.org");
    REQUIRE(identity.has_value());
    REQUIRE(registry.refresh().has_value());
    // moto answers VerificationStatus SUCCESS straight away.
    CHECK(identity->verification_status == ses::VerificationStatus::success);
    CHECK(registry.get("moto-frank@iana.org")->state == VerificationState::success);
    REQUIRE(registry.remove("moto-frank@iana.org", true).has_value());
    CHECK(client->get_email_identity("moto-frank@iana.org").error().code == ses::errc::not_found);
}
