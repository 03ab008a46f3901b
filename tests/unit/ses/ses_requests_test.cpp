// Request shapes of the SES v2 operations (paths and bodies per the model).
#include "common/base64.hpp"
#include "transport/ses/ses_operations.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace mailwarden::ses;
namespace json = boost::json;

TEST_CASE("identity operations") {
    const auto create = wire::create_email_identity("sender@iana.org");
    CHECK(create.method == "POST");
    CHECK(create.path == "/v2/email/identities");
    CHECK(json::parse(create.body) == json::parse(R"({"EmailIdentity":"sender@iana.org"})"));
    CHECK(create.idempotent);

    const auto get = wire::get_email_identity("sender+x@iana.org");
    CHECK(get.method == "GET");
    CHECK(get.path == "/v2/email/identities/sender%2Bx@iana.org");
    CHECK(wire::encode_path_segment("a b/c?d") == "a%20b%2Fc%3Fd");
    CHECK(get.body.empty());
    CHECK(wire::delete_email_identity("iana.org").path == "/v2/email/identities/iana.org");
    CHECK(wire::delete_email_identity("iana.org").method == "DELETE");

    const auto list = wire::list_email_identities(50, "tok/en=");
    CHECK(list.path == "/v2/email/identities");
    REQUIRE(list.query.size() == 2);
    CHECK(list.query[0] == std::pair<std::string, std::string>("PageSize", "50"));
    CHECK(list.query[1] == std::pair<std::string, std::string>("NextToken", "tok/en="));
    CHECK(wire::list_email_identities(0, "").query.empty());

    const auto mail_from = wire::put_email_identity_mail_from_attributes("iana.org", "mail.iana.org", true);
    CHECK(mail_from.method == "PUT");
    CHECK(mail_from.path == "/v2/email/identities/iana.org/mail-from");
    CHECK(json::parse(mail_from.body) ==
          json::parse(R"({"MailFromDomain":"mail.iana.org","BehaviorOnMxFailure":"REJECT_MESSAGE"})"));
}

TEST_CASE("SendEmail, simple content") {
    SendRequest s;
    s.from = "news@iana.org";
    s.from_display_name = "IANA News";
    s.to = {"a@iana.org", "b@iana.org"};
    s.bcc = {"c@iana.org"};
    s.reply_to = {"help@iana.org"};
    s.subject = "Hello";
    s.text = "Plain";
    s.html = "<p>Rich</p>";
    s.configuration_set = "marketing";
    s.tags = {{"campaign", "spring"}};
    const auto built = wire::send_email(s);
    REQUIRE(built.has_value());
    const auto& r = *built;
    CHECK(r.method == "POST");
    CHECK(r.path == "/v2/email/outbound-emails");
    CHECK_FALSE(r.idempotent);
    CHECK(json::parse(r.body) == json::parse(R"({
        "FromEmailAddress": "\"IANA News\" <news@iana.org>",
        "Destination": {"ToAddresses": ["a@iana.org", "b@iana.org"], "BccAddresses": ["c@iana.org"]},
        "ReplyToAddresses": ["help@iana.org"],
        "Content": {"Simple": {"Subject": {"Data": "Hello", "Charset": "UTF-8"},
                               "Body": {"Text": {"Data": "Plain", "Charset": "UTF-8"},
                                        "Html": {"Data": "<p>Rich</p>", "Charset": "UTF-8"}}}},
        "ConfigurationSetName": "marketing",
        "EmailTags": [{"Name": "campaign", "Value": "spring"}]
    })"));
}

TEST_CASE("SendEmail, extra header fields go in Simple.Headers; injection and the transport's own fields refused") {
    SendRequest s;
    s.from = "news@iana.org";
    s.to = {"a@iana.org"};
    s.subject = "Issue 1";
    s.text = "Plain";
    s.headers = {{"List-Unsubscribe", "<https://lists.iana.org/u?token=u1.7.x>"},
                 {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
    const auto built = wire::send_email(s);
    REQUIRE(built.has_value());
    CHECK(json::parse(built->body).at("Content").at("Simple").at("Headers") == json::parse(R"([
        {"Name": "List-Unsubscribe", "Value": "<https://lists.iana.org/u?token=u1.7.x>"},
        {"Name": "List-Unsubscribe-Post", "Value": "List-Unsubscribe=One-Click"}])"));
    for (const auto& bad : std::vector<std::pair<std::string, std::string>>{
             {"List-Id", "<a>\r\nBcc: everyone@iana.org"}, {"Bad Name", "x"}, {"Bcc", "everyone@iana.org"},
             {"content-type", "text/html"}, {"", "x"}}) {
        s.headers = {bad};
        const auto refused = wire::send_email(s);
        REQUIRE_FALSE(refused.has_value());
        CHECK(refused.error().code == errc::bad_request);
    }
}

TEST_CASE("SendEmail, raw content is base64") {
    SendRequest s;
    s.raw = "From: a@iana.org\r\nTo: b@iana.org\r\nSubject: x\r\n\r\nbody\r\n";
    const auto built = wire::send_email(s);
    REQUIRE(built.has_value());
    const auto body = json::parse(built->body).as_object();
    const auto data = body.at("Content").at("Raw").at("Data").as_string();
    CHECK(mailwarden::common::base64_decode(std::string_view(data)) == s.raw);
    CHECK_FALSE(body.contains("FromEmailAddress"));
}

TEST_CASE("From display names are quoted or RFC 2047 encoded; line breaks refused") {
    CHECK(*wire::format_from("", "a@iana.org") == "a@iana.org");
    CHECK(*wire::format_from("Ann \"The\" Boss", "a@iana.org") == R"("Ann \"The\" Boss" <a@iana.org>)");
    CHECK(*wire::format_from("J\xc3\xbcrgen", "j@iana.org") == "=?UTF-8?B?SsO8cmdlbg==?= <j@iana.org>");
    const auto bad = wire::format_from("Evil\r\nBcc: x@y.org", "a@iana.org");
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().code == errc::bad_request);
}

TEST_CASE("SendEmail is not built around a From header that could inject lines") {
    SendRequest s;
    s.from = "news@iana.org";
    s.from_display_name = "News\r\nBcc: everyone@iana.org";
    s.to = {"reader@iana.org"};
    s.subject = "s";
    s.text = "t";
    const auto refused = wire::send_email(s);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == errc::bad_request);

    s.from_display_name = "News";
    s.from = "news@iana.org\nBcc: everyone@iana.org";
    CHECK_FALSE(wire::send_email(s).has_value());

    // Raw content carries its own headers: no From address, yet a display
    // name with a line break is still refused, as before.
    SendRequest raw;
    raw.raw = "From: a@iana.org\r\n\r\nx";
    raw.from_display_name = "A\r\nB";
    CHECK_FALSE(wire::send_email(raw).has_value());
    raw.from_display_name = "A";
    const auto fine = wire::send_email(raw);
    REQUIRE(fine.has_value());
    CHECK_FALSE(json::parse(fine->body).as_object().contains("FromEmailAddress"));
}

TEST_CASE("suppression and custom verification operations") {
    const auto put = wire::put_suppressed_destination("bounced@iana.org", SuppressionReason::bounce);
    CHECK(put.method == "PUT");
    CHECK(put.path == "/v2/email/suppression/addresses");
    CHECK(json::parse(put.body) == json::parse(R"({"EmailAddress":"bounced@iana.org","Reason":"BOUNCE"})"));
    CHECK(wire::get_suppressed_destination("x@iana.org").path == "/v2/email/suppression/addresses/x@iana.org");
    CHECK(wire::delete_suppressed_destination("x@iana.org").method == "DELETE");
    CHECK(wire::list_suppressed_destinations(10, "").query.size() == 1);

    CustomVerificationTemplate t{"brand", "noreply@iana.org", "Confirm", "<p>Click</p>", "https://ok", "https://ko"};
    const auto create = wire::create_custom_verification_email_template(t);
    CHECK(create.path == "/v2/email/custom-verification-email-templates");
    CHECK(json::parse(create.body).at("TemplateName") == "brand");
    CHECK(json::parse(create.body).at("SuccessRedirectionURL") == "https://ok");
    const auto send = wire::send_custom_verification_email("a@iana.org", "brand", "");
    CHECK(send.path == "/v2/email/outbound-custom-verification-emails");
    CHECK_FALSE(send.idempotent);
    CHECK(json::parse(send.body) == json::parse(R"({"EmailAddress":"a@iana.org","TemplateName":"brand"})"));
}
