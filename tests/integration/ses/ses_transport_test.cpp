// The sender registry over the SES transport, against the project's identity
// fake, which holds identities Pending until told otherwise, with its store
// in a SQLite file; and the domain report of an SES identity against unbound.
#include "fake_control.hpp"
#include "ses_test_support.hpp"
#include "../../support/temp_dir.hpp"

#include <mailwarden/sender.hpp>
#include <mailwarden/store.hpp>
#include <mailwarden/ses/transport.hpp>
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

// A store in a file, as an application keeps one.
std::shared_ptr<SenderStore> file_store(const TempDir& dir) {
    auto store = open_sqlite_store(dir.str("senders.db"));
    REQUIRE_MESSAGE(store.has_value(), (store ? "" : store.error().message));
    return *store;
}

struct Registry {
    Fake fake;
    TempDir dir;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(std::chrono::system_clock::now());
    std::shared_ptr<SenderStore> store = file_store(dir);
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
    OutgoingMessage m{"ses-alice@iana.org", {"reader@iana.org"}, "Hi", "text", "", "", "", {}};
    CHECK(r.registry.send(m).error().code == errc::not_verified);

    r.fake.set_status("ses-alice@iana.org", "TEMPORARY_FAILURE");
    CHECK(r.registry.refresh()->changed == 0);  // nothing to conclude

    r.fake.set_status("ses-alice@iana.org", "SUCCESS");
    CHECK(r.registry.refresh()->changed == 1);
    CHECK(r.registry.get("ses-alice@iana.org")->state == VerificationState::success);
    const auto sent_before = ses_test::sent_by_fake(r.fake.endpoint);
    const auto id = r.registry.send(m);
    REQUIRE_MESSAGE(id.has_value(), (id ? "" : id.error().message));
    CHECK_FALSE(id->message_id.empty());
    CHECK(ses_test::sent_by_fake(r.fake.endpoint) == sent_before + 1);  // SES accepted one message
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

#include <mailwarden/dns.hpp>
#include <mailwarden/domain_auth.hpp>
#include <mailwarden/ses/domain_report.hpp>

#include <algorithm>

namespace {

// The unbound of tests/peers/unbound/run-with-unbound.sh serving
// tests/peers/unbound/auth-zones, where ses-brand.test publishes the records
// SES asks for the fake's tokens.
std::shared_ptr<dns::Resolver> unbound() {
    const char* server = std::getenv("MW_TEST_DNS");
    REQUIRE_MESSAGE(server != nullptr, "MW_TEST_DNS is not set: run through tests/peers/unbound/run-with-unbound.sh");
    dns::ResolverOptions o;
    o.servers = {server};
    o.cache = false;  // each report sees what is published now
    std::error_code ec;
    auto r = dns::make_resolver(o, ec);
    REQUIRE_MESSAGE(r != nullptr, ec.message());
    return r;
}

const PublishRecord* record(const DomainAuthReport& report, const std::string& purpose) {
    const auto it = std::find_if(report.records.begin(), report.records.end(),
                                 [&](const PublishRecord& r) { return r.purpose == purpose; });
    return it == report.records.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("the domain report of an SES domain identity checks its Easy DKIM tokens and MAIL FROM in DNS") {
    auto client = ses_test::client_for(ses_test::endpoint_from_env("MW_TEST_SES_FAKE_ENDPOINT"));
    auto dns = unbound();
    const auto unknown = check_domain_auth(*dns, *client, "news@ses-brand.test");
    REQUIRE_FALSE(unknown.has_value());  // SES is asked first: no identity yet
    CHECK(unknown.error().code == ses::errc::not_found);

    REQUIRE(client->create_email_identity("ses-brand.test").has_value());
    const auto identity = client->get_email_identity("ses-brand.test");
    REQUIRE(identity.has_value());
    REQUIRE(identity->dkim.tokens.size() == 3);

    // The zone publishes the three tokens' CNAMEs, SPF and DMARC: it passes.
    const auto report = check_domain_auth(*dns, *client, "news@ses-brand.test");
    REQUIRE_MESSAGE(report.has_value(), (report ? "" : report.error().describe()));
    CHECK(report->domain == "ses-brand.test");
    CHECK(report->region == "us-east-1");
    CHECK(report->verdict == AuthVerdict::pass);
    CHECK(report->findings.empty());
    std::vector<std::string> dkim_names;
    for (const auto& rec : report->records) {
        CAPTURE(rec.purpose);
        CHECK(rec.status == RecordStatus::ok);
        if (rec.purpose == "dkim") dkim_names.push_back(rec.name);
    }
    std::vector<std::string> expected;
    for (const auto& token : identity->dkim.tokens) expected.push_back(token + "._domainkey.ses-brand.test");
    CHECK(dkim_names == expected);
    CHECK(record(*report, "mail_from_mx") == nullptr);  // no custom MAIL FROM yet

    // A MAIL FROM the zone publishes: its MX is found.
    REQUIRE(client->put_email_identity_mail_from_attributes("ses-brand.test", "bounce.ses-brand.test", true).has_value());
    const auto with_bounce = check_domain_auth(*dns, *client, "ses-brand.test");
    REQUIRE(with_bounce.has_value());
    CHECK(with_bounce->verdict == AuthVerdict::pass);
    const auto* mx = record(*with_bounce, "mail_from_mx");
    REQUIRE(mx != nullptr);
    CHECK(mx->name == "bounce.ses-brand.test");
    CHECK(mx->value == "10 feedback-smtp.us-east-1.amazonses.com");
    CHECK(mx->status == RecordStatus::ok);

    // A MAIL FROM nobody published: its MX is missing and the report fails.
    REQUIRE(client->put_email_identity_mail_from_attributes("ses-brand.test", "mail.ses-brand.test", false).has_value());
    const auto unpublished = check_domain_auth(*dns, *client, "ses-brand.test");
    REQUIRE(unpublished.has_value());
    CHECK(unpublished->verdict == AuthVerdict::fail);
    CHECK(unpublished->has_finding("mail_from.mx_missing"));
    REQUIRE(record(*unpublished, "mail_from_mx") != nullptr);
    CHECK(record(*unpublished, "mail_from_mx")->status == RecordStatus::missing);
}

TEST_CASE("SES transport on moto, which verifies identities at once") {
    auto client = ses_test::client_for(ses_test::endpoint_from_env("MW_TEST_MOTO_ENDPOINT"));
    auto clock = std::make_shared<ManualClock>(std::chrono::system_clock::now());
    TempDir dir;
    SenderRegistry registry(file_store(dir), make_ses_transport(client), RegistryOptions{}, clock);
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
