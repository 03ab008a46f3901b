// with_content_checks(): sends checked under their account's policy before
// the local transport writes them; refused ones never reach the outbox.
#include <mailwarden/content_policy.hpp>

#include "support/memory_resolver.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace mailwarden;
using namespace std::chrono_literals;

namespace {

std::size_t mails_in(const TempDir& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path() / "outbox" / "new")) ++n;
    return n;
}

OutgoingMessage message(std::string text, std::string account = "") {
    OutgoingMessage m;
    m.from = "news@example.org";
    m.to = {"ann@example.net"};
    m.subject = "Hi";
    m.text = std::move(text);
    m.account = std::move(account);
    return m;
}

struct Fixture {
    TempDir dir;
    std::shared_ptr<test_support::MemoryResolver> dns = std::make_shared<test_support::MemoryResolver>();
    std::shared_ptr<Transport> transport;

    explicit Fixture(ContentPolicies policies) {
        dns->a("listed.example.dbl.test", "127.0.1.2");
        auto local = LocalTransport::open({.outbox = dir.str("outbox"), .dkim_signers = {}});
        REQUIRE(local);
        for (auto& [name, policy] : policies) {
            policy.options.resolver = dns;
            Blocklist list;
            list.name = "dbl";
            list.zone = "dbl.test";
            policy.options.blocklists = {list};
        }
        transport = with_content_checks(*local, std::move(policies), "default");
    }
};

}  // namespace

TEST_CASE("a blocked message is refused with errc::policy naming the finding; a clean one is sent") {
    Fixture f({{"*", ContentPolicy{}}});
    auto sent = f.transport->send(message("Buy at https://listed.example/now"), "News");
    REQUIRE_FALSE(sent);
    CHECK(sent.error().kind() == errc::policy);
    CHECK(sent.error().message.find("content checks say block") != std::string::npos);
    CHECK(sent.error().message.find("link.listed") != std::string::npos);
    CHECK(mails_in(f.dir) == 0);
    CHECK(f.transport->send(message("See https://clean.example/"), "News"));
    CHECK(mails_in(f.dir) == 1);
}

TEST_CASE("what needs review is sent or refused as the account's policy says, '*' for the others") {
    ContentPolicy strict;
    strict.on_review = ContentAction::refuse;
    Fixture f({{"*", ContentPolicy{}}, {"forum", strict}});
    OutgoingMessage html = message("");
    html.html = "<p>Hello</p>";  // HTML only: html.only needs review
    CHECK(f.transport->send(html, ""));
    html.account = "forum";
    auto refused = f.transport->send(html, "");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("html.only") != std::string::npos);
    CHECK(mails_in(f.dir) == 1);
}

TEST_CASE("blocked messages go out when the policy says send; accounts without a policy are not checked") {
    ContentPolicy lenient;
    lenient.on_block = ContentAction::send;
    Fixture f({{"default", lenient}, {"strict", ContentPolicy{}}});
    CHECK(f.transport->send(message("https://listed.example/"), ""));  // "" is the default account
    CHECK(f.transport->send(message("https://listed.example/", "other"), ""));
    CHECK_FALSE(f.transport->send(message("https://listed.example/", "strict"), ""));
    CHECK(mails_in(f.dir) == 2);
}

TEST_CASE("a raw message is checked as written; verification mails are not checked") {
    Fixture f({{"*", ContentPolicy{}}});
    OutgoingMessage raw = message("");
    raw.raw = "From: news@example.org\r\nTo: ann@example.net\r\nSubject: x\r\n\r\nhttps://listed.example/\r\n";
    CHECK_FALSE(f.transport->send(raw, ""));
    CHECK(f.transport->request_verification({"news@example.org", "News", 24h}));
    CHECK(mails_in(f.dir) == 1);
}

TEST_CASE("no policies: the transport itself comes back") {
    const TempDir dir;
    auto local = LocalTransport::open({.outbox = dir.str("outbox"), .dkim_signers = {}});
    REQUIRE(local);
    const std::shared_ptr<Transport> inner = *local;
    CHECK(with_content_checks(inner, {}) == inner);
}
