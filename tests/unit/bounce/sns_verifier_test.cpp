// SNS signature verification against real AWS-signed messages
// (tests/data/sns): they verify, and every forgery is refused with its own
// reason, before the certificate is asked for when the message alone
// decides.
#include "test_files.hpp"

#include <mailwarden/sns.hpp>

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <atomic>
#include <vector>

namespace sns = mailwarden::sns;
namespace json = boost::json;
using bounce_test::read_data;

namespace {

constexpr std::string_view cert_url =
    "https://sns.us-east-2.amazonaws.com/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem";
constexpr std::string_view topic =
    "arn:aws:sns:us-east-2:295079676684:publish-and-verify-892f85fe-4836-424d-8188-ab85bef0f362";

// Hands out the one certificate and counts how often it was asked.
class CountingSource final : public sns::CertificateSource {
public:
    std::atomic<int> calls{0};
    mailwarden::Result<std::string, mailwarden::Error> certificate_pem(std::string_view url) override {
        ++calls;
        if (url != cert_url) return mailwarden::unexpected(mailwarden::Error(mailwarden::errc::not_found, "no cert"));
        return read_data("sns/signing-cert.pem");
    }
};

struct Fixture {
    std::shared_ptr<CountingSource> source = std::make_shared<CountingSource>();
    sns::Verifier verifier{source, {}};
};

std::optional<sns::Rejection> rejection(const sns::Verifier& v, const std::string& body) {
    const auto r = v.verify(body);
    if (r) return std::nullopt;
    const auto why = sns::rejection_of(r.error());
    REQUIRE_MESSAGE(why.has_value(), r.error().describe());
    return why;
}

// A copy of a real message with one member replaced (or removed when null).
std::string edited(const std::string& file, std::string_view key, const json::value& value) {
    json::object o = json::parse(read_data(file)).as_object();
    if (value.is_null()) {
        o.erase(key);
    } else {
        o[key] = value;
    }
    return json::serialize(o);
}

const char* const real_messages[] = {"sns/notification-sigv1.json", "sns/notification-sigv2.json",
                                     "sns/notification-sigv1-lambda.json"};

}  // namespace

TEST_CASE("the real AWS-signed notifications verify, with both key spellings") {
    Fixture f;
    for (const std::string file : real_messages) {
        CAPTURE(file);
        const auto r = f.verifier.verify(read_data(file));
        REQUIRE_MESSAGE(r.has_value(), r.error().describe());
        const json::value original = json::parse(read_data(file));
        CHECK(r->type == sns::MessageType::notification);
        CHECK(r->message == "Hello world");
        CHECK(r->message_id == original.at("MessageId").as_string());
        CHECK(r->topic_arn == original.at("TopicArn").as_string());
        CHECK(r->signing_cert_url == cert_url);
        CHECK_FALSE(r->has_subject);
        CHECK(r->unsubscribe_url.starts_with("https://sns.us-east-2.amazonaws.com/?Action=Unsubscribe"));
    }
    // The key was fetched once and kept.
    CHECK(f.source->calls == 1);
}

TEST_CASE("the string to sign of a notification: signed keys in order, no Subject when absent") {
    const auto e = sns::parse_envelope(read_data("sns/notification-sigv1.json"));
    REQUIRE(e.has_value());
    CHECK(sns::string_to_sign(*e) ==
          "Message\nHello world\nMessageId\n792cda85-518f-5dd3-9163-81d851212f3a\n"
          "Timestamp\n2022-07-28T21:23:58.317Z\nTopicArn\n" + std::string(topic) + "\nType\nNotification\n");
}

TEST_CASE("every signed field altered is a bad signature") {
    Fixture f;
    for (const std::string file : {"sns/notification-sigv1.json", "sns/notification-sigv2.json"}) {
        CAPTURE(file);
        CHECK(rejection(f.verifier, edited(file, "Message", "Hello worle")) == sns::Rejection::bad_signature);
        CHECK(rejection(f.verifier, edited(file, "MessageId", "792cda85-518f-5dd3-9163-81d851212f3b")) ==
              sns::Rejection::bad_signature);
        CHECK(rejection(f.verifier, edited(file, "Timestamp", "2022-07-28T21:23:58.318Z")) ==
              sns::Rejection::bad_signature);
        CHECK(rejection(f.verifier, edited(file, "TopicArn", "arn:aws:sns:us-east-2:295079676684:other")) ==
              sns::Rejection::bad_signature);
        // A Subject the sender did not sign becomes part of the signed text.
        CHECK(rejection(f.verifier, edited(file, "Subject", "")) == sns::Rejection::bad_signature);
        CHECK(rejection(f.verifier, edited(file, "Subject", "Hello")) == sns::Rejection::bad_signature);
        // The signature itself: a flipped byte, not base64, empty.
        std::string sig(json::parse(read_data(file)).at("Signature").as_string());
        sig[10] = sig[10] == 'A' ? 'B' : 'A';
        CHECK(rejection(f.verifier, edited(file, "Signature", sig.c_str())) == sns::Rejection::bad_signature);
        CHECK(rejection(f.verifier, edited(file, "Signature", "not base64!")) == sns::Rejection::bad_signature);
        CHECK(rejection(f.verifier, edited(file, "Signature", "")) == sns::Rejection::bad_signature);
    }
}

TEST_CASE("a signature checked under the other version is refused") {
    Fixture f;
    CHECK(rejection(f.verifier, edited("sns/notification-sigv1.json", "SignatureVersion", "2")) ==
          sns::Rejection::bad_signature);
    CHECK(rejection(f.verifier, edited("sns/notification-sigv2.json", "SignatureVersion", "1")) ==
          sns::Rejection::bad_signature);
    // The signatures swapped between the two messages.
    const json::value v1 = json::parse(read_data("sns/notification-sigv1.json"));
    const json::value v2 = json::parse(read_data("sns/notification-sigv2.json"));
    CHECK(rejection(f.verifier, edited("sns/notification-sigv1.json", "Signature", v2.at("Signature"))) ==
          sns::Rejection::bad_signature);
    CHECK(rejection(f.verifier, edited("sns/notification-sigv2.json", "Signature", v1.at("Signature"))) ==
          sns::Rejection::bad_signature);
}

TEST_CASE("fields outside the signature do not matter") {
    Fixture f;
    const char* file = "sns/notification-sigv2.json";
    CHECK(f.verifier.verify(edited(file, "MessageAttributes", json::parse(R"({"a":{"Type":"String","Value":"b"}})")))
              .has_value());
    CHECK(f.verifier.verify(edited(file, "UnsubscribeURL", nullptr)).has_value());
    CHECK(f.verifier.verify(edited(file, "SomethingNew", 42)).has_value());
    // Lambda writes a null Subject when there is none: not signed.
    CHECK(f.verifier.verify(edited("sns/notification-sigv1-lambda.json", "Subject", json::parse("null"))).has_value());
}

TEST_CASE("versions other than 1 and 2 are unsupported") {
    Fixture f;
    for (const char* version : {"3", "0", "", "1 ", "SHA256"})
        CHECK(rejection(f.verifier, edited("sns/notification-sigv1.json", "SignatureVersion", version)) ==
              sns::Rejection::unsupported_version);
    CHECK(rejection(f.verifier, edited("sns/notification-sigv1.json", "SignatureVersion", 1)) ==
          sns::Rejection::missing_field);
    CHECK(f.source->calls == 0);
}

TEST_CASE("a missing signed field, signature or certificate URL is a missing field") {
    Fixture f;
    for (const char* key : {"Message", "MessageId", "Timestamp", "TopicArn", "Signature", "SigningCertURL",
                            "SignatureVersion"}) {
        CAPTURE(key);
        CHECK(rejection(f.verifier, edited("sns/notification-sigv2.json", key, nullptr)) ==
              sns::Rejection::missing_field);
        CHECK(rejection(f.verifier, edited("sns/notification-sigv2.json", key, 7)) == sns::Rejection::missing_field);
    }
    CHECK(rejection(f.verifier, edited("sns/notification-sigv1-lambda.json", "SigningCertUrl", nullptr)) ==
          sns::Rejection::missing_field);
    // A confirmation signs SubscribeURL and Token: without them it is incomplete.
    CHECK(rejection(f.verifier, edited("sns/notification-sigv2.json", "Type", "SubscriptionConfirmation")) ==
          sns::Rejection::missing_field);
    CHECK(f.source->calls == 0);
}

TEST_CASE("certificate URLs off the SNS hosts are refused before anything is fetched") {
    Fixture f;
    const std::string path = "/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem";
    for (const std::string& url : std::vector<std::string>{
             "https://evil.example" + path,                                   // foreign host
             "http://sns.us-east-2.amazonaws.com" + path,                     // not https
             "https://sns.us-east-2.amazonaws.com.evil.example" + path,       // look-alike suffix
             "https://sns.us-east-2.amazonaws.com@evil.example" + path,       // userinfo trick
             "https://evil.example@sns.us-east-2.amazonaws.com" + path,       // userinfo at all
             "https://sns.us-east-2.amazonaws.com:443" + path,                // a port
             "https://sns.us-east-2.amazonaws.com:8443" + path,
             "https://sns-us-east-2.amazonaws.com" + path,                    // dash for dot
             "https://sns.us-east-2.amazonaws.co" + path,
             "https://sns.us-east-2.amazonaws.com." + path,                   // trailing dot
             "https://xsns.us-east-2.amazonaws.com" + path,
             "https://sns.evil.amazonaws.com" + path,                         // not a region
             "https://sns.us-east-2.evil.amazonaws.com" + path,
             "https://sns.us-east-2.amazonaws.com.cn" + path,                 // .cn for a global region
             "https://s3.amazonaws.com/sns.us-east-2.amazonaws.com" + path,   // host in the path
             "https://sns.us-east-2.amazonaws%2ecom" + path,                  // percent-encoded host
             "https://127.0.0.1" + path,
             "https://sns.us-east-2.amazonaws.com/cert.txt",                  // not .pem
             "https://sns.us-east-2.amazonaws.com" + path + "?x=1",
             "https://sns.us-east-2.amazonaws.com" + path + "#x",
             "https://sns.us-east-2.amazonaws.com/../evil.pem",
             "sns.us-east-2.amazonaws.com" + path,
             "",
         }) {
        CAPTURE(url);
        CHECK(rejection(f.verifier, edited("sns/notification-sigv1.json", "SigningCertURL", url.c_str())) ==
              sns::Rejection::bad_cert_url);
    }
    CHECK(f.source->calls == 0);
}

TEST_CASE("the topic allow-list") {
    auto source = std::make_shared<CountingSource>();
    const sns::Verifier only_ours(source, {{"arn:aws:sns:us-east-1:123456789012:ses-bounces"}, false});
    CHECK(rejection(only_ours, read_data("sns/notification-sigv1.json")) == sns::Rejection::topic_not_allowed);
    CHECK(source->calls == 0);
    const sns::Verifier with_it(source, {{"arn:aws:sns:us-east-1:123456789012:ses-bounces", std::string(topic)}, false});
    CHECK(with_it.verify(read_data("sns/notification-sigv1.json")).has_value());
}

TEST_CASE("a body that is no envelope is refused unless the channel is trusted") {
    Fixture f;
    const std::string ses = R"({"notificationType":"Delivery","mail":{"messageId":"x"}})";
    for (const std::string& body : {ses, std::string("[1,2]"), std::string("not json"), std::string(""),
                                   std::string(R"({"Type":"Telegram","Message":"x"})")}) {
        CAPTURE(body);
        CHECK(rejection(f.verifier, body) == sns::Rejection::not_an_envelope);
    }
    const sns::Verifier trusted(f.source, {{}, true});
    const auto raw = trusted.verify(ses);
    REQUIRE(raw.has_value());
    CHECK(raw->type == sns::MessageType::raw);
    CHECK(raw->message == ses);
    // An envelope on a trusted channel is still checked.
    CHECK(rejection(trusted, edited("sns/notification-sigv1.json", "Message", "x")) == sns::Rejection::bad_signature);
}

TEST_CASE("rejections are typed errors with stable kinds and names") {
    using mailwarden::errc;
    const mailwarden::Error bad(sns::make_error_code(sns::Rejection::bad_signature), "x");
    CHECK(bad.kind() == errc::auth);
    CHECK(bad.origin() == "sns");
    CHECK(mailwarden::Error(sns::Rejection::bad_cert_url, "x").kind() == errc::auth);
    CHECK(mailwarden::Error(sns::Rejection::topic_not_allowed, "x").kind() == errc::auth);
    CHECK(mailwarden::Error(sns::Rejection::missing_field, "x").kind() == errc::parse);
    CHECK(mailwarden::Error(sns::Rejection::unsupported_version, "x").kind() == errc::parse);
    CHECK(mailwarden::Error(sns::Rejection::not_an_envelope, "x").kind() == errc::parse);
    CHECK(sns::to_string(sns::Rejection::not_an_envelope) == "not_an_envelope");
    CHECK_FALSE(sns::rejection_of(mailwarden::Error(errc::not_found, "x")).has_value());
}

TEST_CASE("a certificate source's failure is passed on, not taken for a forgery") {
    const sns::Verifier v(std::make_shared<sns::CertificateCache>(), {});
    const auto r = v.verify(read_data("sns/notification-sigv2.json"));
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind() == mailwarden::errc::not_found);
    CHECK_FALSE(sns::rejection_of(r.error()).has_value());
}
