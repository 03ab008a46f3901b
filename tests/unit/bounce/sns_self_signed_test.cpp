// Confirmations and Subjects, which the real vectors lack: messages signed
// here with a throw-away RSA key and certificate, through the same
// Verifier, for both signature versions.
#include "sns_test_signer.hpp"

#include <memory>

namespace sns = mailwarden::sns;
namespace json = boost::json;

namespace {

using sns_test::signed_body;
using sns_test::signer;
using sns_test::url;

json::object confirmation(const char* type) {
    return {{"Type", type},
            {"MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b"},
            {"Token", "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736"},
            {"TopicArn", "arn:aws:sns:eu-west-1:123456789012:MyTopic"},
            {"Message", "You have chosen to subscribe to the topic arn:aws:sns:eu-west-1:123456789012:MyTopic.\n"
                        "To confirm the subscription, visit the SubscribeURL included in this message."},
            {"SubscribeURL", "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:"
                             "eu-west-1:123456789012:MyTopic&Token=2336412f37"},
            {"Timestamp", "2012-04-26T20:45:04.751Z"}};
}

sns::Verifier make_verifier() {
    auto cache = std::make_shared<sns::CertificateCache>();
    cache->add(url, signer().pem);
    return sns::Verifier(cache, {});
}

}  // namespace

TEST_CASE("subscription and unsubscribe confirmations verify, and their signed fields are covered") {
    const sns::Verifier v = make_verifier();
    for (const char* type : {"SubscriptionConfirmation", "UnsubscribeConfirmation"}) {
        for (const char* version : {"1", "2"}) {
            CAPTURE(type);
            CAPTURE(version);
            const std::string body = signed_body(confirmation(type), version);
            const auto r = v.verify(body);
            REQUIRE_MESSAGE(r.has_value(), r.error().describe());
            CHECK(sns::to_string(r->type) == type);
            CHECK(r->token.starts_with("2336412f"));
            CHECK(r->subscribe_url.starts_with("https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription"));
            for (const char* key : {"SubscribeURL", "Token", "Message", "MessageId", "Timestamp", "TopicArn"}) {
                CAPTURE(key);
                json::object o = json::parse(body).as_object();
                o[key] = std::string(o[key].as_string()) + "x";
                const auto forged = v.verify(json::serialize(o));
                REQUIRE_FALSE(forged.has_value());
                CHECK(sns::rejection_of(forged.error()) == sns::Rejection::bad_signature);
            }
        }
    }
}

TEST_CASE("a notification with a Subject signs it") {
    const sns::Verifier v = make_verifier();
    json::object o{{"Type", "Notification"},
                   {"MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324"},
                   {"TopicArn", "arn:aws:sns:eu-west-1:123456789012:MyTopic"},
                   {"Subject", "My First Message"},
                   {"Message", "Hello world!"},
                   {"Timestamp", "2012-05-02T00:54:06.655Z"}};
    for (const char* version : {"1", "2"}) {
        const std::string body = signed_body(o, version);
        const auto r = v.verify(body);
        REQUIRE_MESSAGE(r.has_value(), r.error().describe());
        CHECK(r->has_subject);
        CHECK(r->subject == "My First Message");
        json::object without = json::parse(body).as_object();
        without.erase("Subject");
        const auto forged = v.verify(json::serialize(without));
        REQUIRE_FALSE(forged.has_value());
        CHECK(sns::rejection_of(forged.error()) == sns::Rejection::bad_signature);
    }
}

TEST_CASE("a certificate that is not PEM is an error of the source, not a forgery") {
    auto cache = std::make_shared<sns::CertificateCache>();
    cache->add(url, "not a certificate");
    const sns::Verifier v(cache, {});
    const auto r = v.verify(signed_body(confirmation("SubscriptionConfirmation"), "2"));
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind() == mailwarden::errc::parse);
    CHECK_FALSE(sns::rejection_of(r.error()).has_value());
}
