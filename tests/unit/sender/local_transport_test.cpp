// The local transport: verification mails in a Maildir, signed links, the
// click, expiry, simulator notifications.
#include <mailwarden/transport.hpp>

#include "../../support/temp_dir.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace mailwarden;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> files_in(const std::filesystem::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        std::ifstream in(e.path());
        std::stringstream ss;
        ss << in.rdbuf();
        out.push_back(ss.str());
    }
    return out;
}

struct Fixture {
    TempDir dir;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(from_unix_seconds(1'790'000'000));
    std::shared_ptr<LocalTransport> transport = *LocalTransport::open({dir.str("outbox")}, clock);
};

}  // namespace

TEST_CASE("a verification mail with a signed link lands in the outbox; clicking verifies") {
    Fixture f;
    REQUIRE(f.transport->request_verification({"news@iana.org", "IANA News", 24h}).has_value());
    CHECK(*f.transport->identity_status("news@iana.org") == IdentityStatus::pending);

    const auto mails = files_in(f.dir.path() / "outbox" / "new");
    REQUIRE(mails.size() == 1);
    const std::string link = *f.transport->last_link("news@iana.org");
    CHECK(mails[0].find("To: \"IANA News\" <news@iana.org>\r\n") != std::string::npos);
    CHECK(mails[0].find("Subject: Email Address Verification Request\r\n") != std::string::npos);
    CHECK(mails[0].find(link) != std::string::npos);
    CHECK(mails[0].find("expires 24 hours after") != std::string::npos);

    f.clock->advance(23h);
    auto confirmed = f.transport->confirm(link);
    REQUIRE(confirmed.has_value());
    CHECK(confirmed->address == "news@iana.org");
    CHECK(confirmed->message.find("Congratulations! You have successfully verified") == 0);
    CHECK(*f.transport->identity_status("news@iana.org") == IdentityStatus::verified);
    // A second click is harmless.
    auto again = f.transport->confirm(link);
    REQUIRE(again.has_value());
    CHECK(again->address == "news@iana.org");
    CHECK(again->message.find("is already verified") != std::string::npos);
}

TEST_CASE("links cannot be forged, stretched or reused after a new mail; they expire") {
    Fixture f;
    REQUIRE(f.transport->request_verification({"a@iana.org", "", 24h}).has_value());
    const std::string link = *f.transport->last_link("a@iana.org");

    std::string forged = link;
    forged.replace(forged.find("a%40iana.org") != std::string::npos ? forged.find("a%40iana.org") : forged.find("a@iana.org"), 1, "b");
    CHECK(f.transport->confirm(forged).error().code == errc::invalid_argument);

    std::string stretched = link;
    const auto pos = stretched.find("expires=") + 8;
    stretched[pos] = stretched[pos] == '9' ? '8' : '9';
    CHECK(f.transport->confirm(stretched).error().code == errc::invalid_argument);
    CHECK(f.transport->confirm("not a link at all").error().code == errc::invalid_argument);
    // An empty query before a fragment (Boost.URL 1.81 misreads those).
    CHECK(f.transport->confirm("s:?#addrblopo2:esas=h").error().code == errc::invalid_argument);
    CHECK(f.transport->confirm("https://verify.mailwarden.local/confirm?#address=a").error().code ==
          errc::invalid_argument);
    CHECK(f.transport->confirm("https://verify.mailwarden.local/confirm?address=a").error().code ==
          errc::invalid_argument);

    REQUIRE(f.transport->request_verification({"a@iana.org", "", 24h}).has_value());  // a resend
    CHECK(f.transport->confirm(link).error().code == errc::invalid_argument);        // the old link is void
    const std::string fresh = *f.transport->last_link("a@iana.org");

    f.clock->advance(24h);  // exactly the expiry
    CHECK(*f.transport->identity_status("a@iana.org") == IdentityStatus::failed);
    auto late = f.transport->confirm(fresh);
    REQUIRE_FALSE(late.has_value());
    CHECK(late.error().code == errc::expired);
}

TEST_CASE("the key is shared by every transport on the same outbox (another process)") {
    Fixture f;
    REQUIRE(f.transport->request_verification({"a@iana.org", "", 24h}).has_value());
    auto second = *LocalTransport::open({f.dir.str("outbox")}, f.clock);
    CHECK(second->confirm(*f.transport->last_link("a@iana.org")).has_value());
    CHECK(*f.transport->identity_status("a@iana.org") == IdentityStatus::verified);
}

TEST_CASE("delete_identity and unknown identities") {
    Fixture f;
    CHECK(*f.transport->identity_status("x@iana.org") == IdentityStatus::not_found);
    CHECK(f.transport->delete_identity("x@iana.org").error().code == errc::not_found);
    REQUIRE(f.transport->request_verification({"x@iana.org", "", 24h}).has_value());
    REQUIRE(f.transport->delete_identity("x@iana.org").has_value());
    CHECK(*f.transport->identity_status("x@iana.org") == IdentityStatus::not_found);
}

TEST_CASE("sent messages are RFC 5322 files; simulator addresses produce SES notifications") {
    Fixture f;
    OutgoingMessage m;
    m.from = "news@iana.org";
    m.to = {"bounce@simulator.amazonses.com", "complaint+x@simulator.amazonses.com", "reader@iana.org"};
    m.subject = "Gr\xc3\xbc\xc3\x9f" "e";
    m.text = "Hello\nworld";
    m.html = "<p>Hello</p>";
    auto id = f.transport->send(m, "IANA News");
    REQUIRE(id.has_value());

    const auto mails = files_in(f.dir.path() / "outbox" / "new");
    REQUIRE(mails.size() == 1);
    CHECK(mails[0].find("From: \"IANA News\" <news@iana.org>\r\n") != std::string::npos);
    CHECK(mails[0].find("Subject: =?UTF-8?B?R3LDvMOfZQ==?=\r\n") != std::string::npos);
    CHECK(mails[0].find("multipart/alternative") != std::string::npos);
    CHECK(mails[0].find("Hello\r\nworld\r\n") != std::string::npos);
    CHECK(mails[0].find("Message-ID: <" + *id + ">") != std::string::npos);

    const auto events = files_in(f.dir.path() / "outbox" / "events");
    REQUIRE(events.size() == 2);
    int bounces = 0, complaints = 0;
    for (const auto& e : events) {
        const auto v = boost::json::parse(e).as_object();
        CHECK(v.at("mail").at("messageId").as_string() == *id);
        CHECK(v.at("mail").at("source").as_string() == "news@iana.org");
        if (v.at("notificationType") == "Bounce") {
            ++bounces;
            CHECK(v.at("bounce").at("bounceType") == "Permanent");
            CHECK(v.at("bounce").at("bouncedRecipients").at(0).at("emailAddress") == "bounce@simulator.amazonses.com");
        }
        if (v.at("notificationType") == "Complaint") {
            ++complaints;
            CHECK(v.at("complaint").at("complaintFeedbackType") == "abuse");
        }
    }
    CHECK(bounces == 1);
    CHECK(complaints == 1);

    OutgoingMessage evil = m;
    evil.subject = "x\r\nBcc: victim@iana.org";
    CHECK(f.transport->send(evil, "").error().code == errc::invalid_argument);
    CHECK(f.transport->send(OutgoingMessage{}, "").error().code == errc::invalid_argument);
}
