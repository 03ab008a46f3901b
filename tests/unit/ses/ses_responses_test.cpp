// Response parsing: lenient about missing fields, strict about wrong types.
#include "transport/ses/ses_operations.hpp"

#include <doctest/doctest.h>

using namespace mailwarden::ses;

TEST_CASE("GetEmailIdentity, full and sparse") {
    const auto full = wire::parse_get_email_identity("iana.org", R"({
        "IdentityType": "DOMAIN", "FeedbackForwardingStatus": true, "VerifiedForSendingStatus": true,
        "VerificationStatus": "SUCCESS",
        "DkimAttributes": {"SigningEnabled": true, "Status": "PENDING", "Tokens": ["t1", "t2", "t3"],
                           "SigningAttributesOrigin": "AWS_SES"},
        "MailFromAttributes": {"MailFromDomain": "mail.iana.org", "MailFromDomainStatus": "FAILED",
                               "BehaviorOnMxFailure": "USE_DEFAULT_VALUE"},
        "Policies": {}, "Tags": [], "SomethingNew": {"x": 1}})");
    REQUIRE(full.has_value());
    CHECK(full->name == "iana.org");
    CHECK(full->identity_type == "DOMAIN");
    CHECK(full->verified_for_sending);
    CHECK(full->verification_status == VerificationStatus::success);
    CHECK(full->dkim.tokens == std::vector<std::string>{"t1", "t2", "t3"});
    CHECK(full->dkim.status == VerificationStatus::pending);
    CHECK(full->mail_from.mail_from_domain == "mail.iana.org");
    CHECK(full->mail_from.status == VerificationStatus::failed);

    const auto sparse = wire::parse_get_email_identity("a@iana.org", R"({"IdentityType":"EMAIL_ADDRESS"})");
    REQUIRE(sparse.has_value());
    CHECK_FALSE(sparse->verified_for_sending);
    CHECK(sparse->verification_status == VerificationStatus::unknown);
    CHECK(sparse->dkim.tokens.empty());

    // Older responses carry only VerifiedForSendingStatus.
    CHECK(wire::parse_get_email_identity("a@iana.org", R"({"VerifiedForSendingStatus":true})")
              ->verification_status == VerificationStatus::success);
}

TEST_CASE("all five verification statuses and unknown ones") {
    CHECK(parse_verification_status("PENDING") == VerificationStatus::pending);
    CHECK(parse_verification_status("SUCCESS") == VerificationStatus::success);
    CHECK(parse_verification_status("FAILED") == VerificationStatus::failed);
    CHECK(parse_verification_status("TEMPORARY_FAILURE") == VerificationStatus::temporary_failure);
    CHECK(parse_verification_status("NOT_STARTED") == VerificationStatus::not_started);
    CHECK(parse_verification_status("pending") == VerificationStatus::unknown);
    CHECK(parse_verification_status("") == VerificationStatus::unknown);
    CHECK(to_string(VerificationStatus::temporary_failure) == "TEMPORARY_FAILURE");
}

TEST_CASE("malformed responses are typed errors, not crashes") {
    for (const char* body : {"not json", "[1,2]", R"({"VerifiedForSendingStatus":"yes"})",
                             R"({"DkimAttributes":{"Tokens":"t1"}})", R"({"DkimAttributes":{"Tokens":[1]}})"}) {
        INFO(body);
        const auto r = wire::parse_get_email_identity("a@iana.org", body);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::malformed_response);
        CHECK_FALSE(r.error().message.empty());
    }
}

TEST_CASE("CreateEmailIdentity starts pending unless already verified") {
    const auto r = wire::parse_create_email_identity(
        "iana.org", R"({"IdentityType":"DOMAIN","VerifiedForSendingStatus":false,
                       "DkimAttributes":{"Tokens":["a","b","c"],"Status":"NOT_STARTED"}})");
    REQUIRE(r.has_value());
    CHECK(r->verification_status == VerificationStatus::pending);
    CHECK(r->dkim.tokens.size() == 3);
    CHECK(r->dkim.status == VerificationStatus::not_started);
}

TEST_CASE("ListEmailIdentities pages") {
    const auto page = wire::parse_list_email_identities(R"({"EmailIdentities":[
        {"IdentityType":"EMAIL_ADDRESS","IdentityName":"a@iana.org","SendingEnabled":true,"VerificationStatus":"SUCCESS"},
        {"IdentityType":"DOMAIN","IdentityName":"iana.org"}],"NextToken":"abc"})");
    REQUIRE(page.has_value());
    REQUIRE(page->identities.size() == 2);
    CHECK(page->identities[0].name == "a@iana.org");
    CHECK(page->identities[0].sending_enabled);
    CHECK(page->identities[1].verification_status == VerificationStatus::unknown);
    CHECK(page->next_token == "abc");
    CHECK(wire::parse_list_email_identities("{}")->identities.empty());
    CHECK_FALSE(wire::parse_list_email_identities(R"({"EmailIdentities":[1]})").has_value());
}

TEST_CASE("GetAccount, SendEmail, suppression") {
    const auto account = wire::parse_get_account(R"({"SendQuota":{"Max24HourSend":50000.0,"MaxSendRate":14.0,
        "SentLast24Hours":12.0},"SendingEnabled":true,"ProductionAccessEnabled":true,"EnforcementStatus":"HEALTHY"})");
    REQUIRE(account.has_value());
    CHECK(account->max_send_rate == 14.0);
    CHECK(account->max_24_hour_send == 50000.0);
    CHECK(account->sent_last_24_hours == 12.0);
    CHECK(account->sending_enabled);
    CHECK(account->enforcement_status == "HEALTHY");

    CHECK(*wire::parse_message_id(R"({"MessageId":"0100-abc"})") == "0100-abc");
    CHECK_FALSE(wire::parse_message_id("{}").has_value());

    const auto dest = wire::parse_get_suppressed_destination(R"({"SuppressedDestination":{
        "EmailAddress":"b@iana.org","Reason":"COMPLAINT","LastUpdateTime":1700000000.5,
        "Attributes":{"MessageId":"m1","FeedbackId":"f1"}}})");
    REQUIRE(dest.has_value());
    CHECK(dest->email_address == "b@iana.org");
    CHECK(dest->reason == SuppressionReason::complaint);
    CHECK(dest->last_update_time == 1700000000);
    CHECK(dest->feedback_id == "f1");

    const auto list = wire::parse_list_suppressed_destinations(R"({"SuppressedDestinationSummaries":[
        {"EmailAddress":"x@iana.org","Reason":"BOUNCE","LastUpdateTime":1}],"NextToken":""})");
    REQUIRE(list.has_value());
    REQUIRE(list->destinations.size() == 1);
    CHECK(list->destinations[0].reason == SuppressionReason::bounce);
}

TEST_CASE("a time no clock can hold is a malformed response, not an overflow") {
    for (const char* t : {"1e300", "-1e300", "9223372037", "1.8e19"}) {
        INFO(t);
        const auto dest = wire::parse_get_suppressed_destination(
            std::string(R"({"SuppressedDestination":{"EmailAddress":"b@iana.org","Reason":"BOUNCE","LastUpdateTime":)") + t +
            "}}");
        REQUIRE_FALSE(dest.has_value());
        CHECK(dest.error().code == errc::malformed_response);
    }
    const auto edge = wire::parse_get_suppressed_destination(
        R"({"SuppressedDestination":{"EmailAddress":"b@iana.org","Reason":"BOUNCE","LastUpdateTime":9223372036}})");
    REQUIRE(edge.has_value());
    CHECK(edge->last_update_time == 9223372036);
}
