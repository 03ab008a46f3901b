// What the SNS host answers, read without a network: one PEM certificate,
// and a ConfirmSubscriptionResponse.
#include "bounce/intake/intake_readers.hpp"
#include "test_files.hpp"

#include <doctest/doctest.h>

using namespace mailwarden;
namespace detail = mailwarden::sns_detail;

namespace {

std::string real_certificate() { return bounce_test::read_data("sns/signing-cert.pem"); }

}  // namespace

TEST_CASE("one PEM certificate, with white space around it, is read") {
    const std::string pem = real_certificate();
    REQUIRE(pem.find("-----BEGIN CERTIFICATE-----") != std::string::npos);
    const auto plain = detail::single_certificate_pem(pem);
    REQUIRE(plain.has_value());
    CHECK(plain->rfind("-----BEGIN CERTIFICATE-----", 0) == 0);
    CHECK(detail::single_certificate_pem("\r\n  " + pem + "\n\n").has_value());
}

TEST_CASE("anything but exactly one certificate is not_a_certificate") {
    const std::string pem = real_certificate();
    std::string broken = pem;
    broken[broken.find("MII") + 10] = '*';
    for (const std::string& bad : {std::string(), std::string("hello"), pem + pem, "junk\n" + pem,
                                   pem.substr(0, pem.size() / 2), broken,
                                   std::string("-----BEGIN CERTIFICATE-----\nQUFB\n-----END CERTIFICATE-----\n")}) {
        const auto r = detail::single_certificate_pem(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == sns::FetchError::not_a_certificate);
        CHECK(r.error().kind() == errc::parse);
    }
}

TEST_CASE("a ConfirmSubscriptionResponse gives its SubscriptionArn and RequestId") {
    const auto ok = detail::read_confirmation(
        "<ConfirmSubscriptionResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">\n"
        "  <ConfirmSubscriptionResult>\n    <SubscriptionArn>\n arn:aws:sns:us-west-2:123456789012:MyTopic:2bcf </SubscriptionArn>\n"
        "  </ConfirmSubscriptionResult>\n  <ResponseMetadata><RequestId>075e</RequestId></ResponseMetadata>\n"
        "</ConfirmSubscriptionResponse>");
    REQUIRE(ok.has_value());
    CHECK(ok->subscription_arn == "arn:aws:sns:us-west-2:123456789012:MyTopic:2bcf");
    CHECK(ok->request_id == "075e");

    for (const char* bad : {"", "<html></html>", "<ConfirmSubscriptionResponse></ConfirmSubscriptionResponse>",
                            "<ConfirmSubscriptionResponse><SubscriptionArn>pending confirmation</SubscriptionArn>",
                            "<ConfirmSubscriptionResponse><SubscriptionArn>arn:aws:sns:x"}) {
        CAPTURE(bad);
        const auto r = detail::read_confirmation(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == sns::FetchError::not_a_confirmation);
    }
}
