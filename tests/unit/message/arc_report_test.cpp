// ARC in check_message()'s report: the fields, the JSON object, and an arc=
// entry in our Authentication-Results only for a message with ARC fields.
#include <mailwarden/message_auth.hpp>

#include "arc_test_signer.hpp"
#include "support/memory_resolver.hpp"

#include <doctest/doctest.h>

namespace {

const std::string& plain_message = dkim_test::arc_test_message;

mailwarden::MessageAuthReport check(const std::string& message, const dkim_test::KeyPtr& key) {
    auto dns = std::make_shared<test_support::MemoryResolver>();
    dns->txt("arc._domainkey.lists.example.org", dkim_test::key_record(key.get()));
    mailwarden::MessageCheckOptions options;
    options.resolver = dns;
    options.clock = std::make_shared<mailwarden::ManualClock>(mailwarden::from_unix_seconds(1'764'000'000));
    auto report = mailwarden::check_message(message, {}, options);
    REQUIRE(report);
    return *report;
}

std::string sealed(const std::string& message, const dkim_test::KeyPtr& key) {
    dkim_test::ArcSealRequest r;
    r.signature.key = key.get();
    r.signature.domain = "lists.example.org";
    r.signature.selector = "arc";
    return dkim_test::arc_seal(message, r);
}

// An arc= entry, not the end of "dmarc=".
bool has_arc_entry(const std::string& value, const std::string& entry = "arc=") {
    for (auto at = value.find(entry); at != std::string::npos; at = value.find(entry, at + 1))
        if (at == 0 || value[at - 1] != 'm') return true;
    return false;
}

}  // namespace

TEST_CASE("check_message reports the ARC chain") {
    const auto key = dkim_test::rsa_key(1024);

    const auto none = check(plain_message, key);
    CHECK(none.arc_result == "none");
    CHECK(none.arc_reason == "no_arc");
    CHECK(none.arc_hops == 0);
    CHECK_FALSE(has_arc_entry(none.our_authentication_results));
    CHECK(mailwarden::to_json(none).find(R"("arc":{"result":"none","reason":"no_arc","hops":0,"oldest_pass":0})") !=
          std::string::npos);

    const auto pass = check(sealed(plain_message, key), key);
    CHECK(pass.arc_result == "pass");
    CHECK(pass.arc_reason == "none");
    CHECK(pass.arc_hops == 1);
    CHECK(pass.arc_oldest_pass == 0);
    CHECK(has_arc_entry(pass.our_authentication_results, "arc=pass"));

    std::string broken = sealed(plain_message, key);
    broken.replace(broken.find("noon"), 4, "one");
    const auto fail = check(broken, key);
    CHECK(fail.arc_result == "fail");
    CHECK(fail.arc_reason == "ams_fail");
    CHECK(has_arc_entry(fail.our_authentication_results, "arc=fail reason=ams_fail"));
    CHECK(mailwarden::to_json(fail).find(R"("arc":{"result":"fail","reason":"ams_fail","hops":1,"oldest_pass":0})") !=
          std::string::npos);
}
