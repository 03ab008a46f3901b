// The local transport signs what it sends with the keys configured for the
// From domain (or a parent of it), and the signatures verify; verification
// mails and mail from other domains go unsigned.
#include <mailwarden/dkim_sign.hpp>
#include <mailwarden/message_auth.hpp>
#include <mailwarden/transport.hpp>

#include "../../support/memory_resolver.hpp"
#include "../../support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace mailwarden;
using namespace std::chrono_literals;

namespace {

struct Key {
    DkimKeyPair pair;
    DkimSigner signer;
};

Key make_key(DkimKeyType type, const std::string& domain, const std::string& selector,
             const std::shared_ptr<Clock>& clock) {
    auto pair = generate_dkim_key(type, 2048);
    REQUIRE(pair);
    DkimSignOptions options;
    options.clock = clock;
    auto signer = DkimSigner::create(pair->private_key_pem, domain, selector, options);
    REQUIRE(signer);
    return {*pair, *signer};
}

struct Fixture {
    TempDir dir;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(from_unix_seconds(1'790'000'000));
    Key rsa = make_key(DkimKeyType::rsa, "example.org", "s2026", clock);
    Key ed = make_key(DkimKeyType::ed25519, "example.org", "ed2026", clock);
    Key other = make_key(DkimKeyType::rsa, "other.example", "s1", clock);
    std::shared_ptr<test_support::MemoryResolver> dns = std::make_shared<test_support::MemoryResolver>();
    std::shared_ptr<LocalTransport> transport;

    Fixture() {
        LocalTransportOptions options;
        options.outbox = dir.str("outbox");
        options.dkim_signers = {other.signer, rsa.signer, ed.signer};
        transport = *LocalTransport::open(options, clock);
        dns->txt("s2026._domainkey.example.org", rsa.pair.txt_record);
        dns->txt("ed2026._domainkey.example.org", ed.pair.txt_record);
        dns->txt("s1._domainkey.other.example", other.pair.txt_record);
    }

    // The one mail in the outbox.
    std::string only_mail() const {
        std::vector<std::filesystem::path> files;
        for (const auto& e : std::filesystem::directory_iterator(dir.path() / "outbox" / "new")) files.push_back(e.path());
        REQUIRE(files.size() == 1);
        std::ifstream in(files.front(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

    std::vector<DkimCheck> verify(const std::string& mail) const {
        MessageCheckOptions options;
        options.resolver = dns;
        options.clock = clock;
        auto report = check_message(mail, {}, options);
        REQUIRE(report);
        return report->dkim;
    }
};

OutgoingMessage message_from(const std::string& from) {
    OutgoingMessage m;
    m.from = from;
    m.to = {"reader@example.net"};
    m.subject = "Monthly news";
    m.text = "Hello.\n";
    m.headers = {{"List-Unsubscribe", "<https://example.org/u/1>"},
                 {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
    return m;
}

}  // namespace

TEST_CASE("a sent mail carries an RSA and an Ed25519 signature of its domain, both passing") {
    Fixture f;
    REQUIRE(f.transport->send(message_from("news@example.org"), "News"));
    const auto mail = f.only_mail();
    CHECK(mail.starts_with("DKIM-Signature:"));
    const auto checks = f.verify(mail);
    REQUIRE(checks.size() == 2);
    CHECK(checks[0].algorithm == "rsa-sha256");
    CHECK(checks[0].selector == "s2026");
    CHECK(checks[1].algorithm == "ed25519-sha256");
    for (const auto& c : checks) {
        INFO(c.selector << ": " << c.result << " " << c.reason << " " << c.detail);
        CHECK(c.result == "pass");
        CHECK(c.domain == "example.org");
        const auto& h = c.signed_headers;
        CHECK(std::count(h.begin(), h.end(), "List-Unsubscribe") == 2);  // signed and over-signed
    }
}

TEST_CASE("mail from a subdomain is signed with the parent's keys, aligned for relaxed DMARC") {
    Fixture f;
    REQUIRE(f.transport->send(message_from("alerts@mail.example.org"), ""));
    const auto checks = f.verify(f.only_mail());
    REQUIRE(checks.size() == 2);
    CHECK(checks[0].domain == "example.org");
    CHECK(checks[0].result == "pass");
}

TEST_CASE("mail from a domain without a key, and a look-alike domain, go unsigned") {
    for (const std::string from : {"a@example.com", "a@badexample.org"}) {
        Fixture f;
        CAPTURE(from);
        REQUIRE(f.transport->send(message_from(from), ""));
        CHECK(f.only_mail().find("DKIM-Signature") == std::string::npos);
    }
}

TEST_CASE("a raw message is signed as given, its own fields kept") {
    Fixture f;
    OutgoingMessage m;
    m.from = "news@other.example";
    m.to = {"reader@example.net"};
    m.raw = "From: news@other.example\r\nTo: reader@example.net\r\nSubject: raw\r\n\r\nBody.\r\n";
    REQUIRE(f.transport->send(m, ""));
    const auto mail = f.only_mail();
    CHECK(mail.ends_with(m.raw));
    const auto checks = f.verify(mail);
    REQUIRE(checks.size() == 1);
    CHECK(checks[0].domain == "other.example");
    CHECK(checks[0].result == "pass");
}

TEST_CASE("verification mails are not signed with the customer's keys") {
    Fixture f;
    REQUIRE(f.transport->request_verification({"news@example.org", "News", 24h}));
    CHECK(f.only_mail().find("DKIM-Signature") == std::string::npos);
}
