// The SigningCertURL and SubscribeURL policy on its own: the hosts of every
// AWS partition SNS signs from pass, nothing else does.
#include <mailwarden/sns.hpp>

#include <doctest/doctest.h>

namespace sns = mailwarden::sns;

TEST_CASE("certificate URLs of the SNS regions pass") {
    for (const char* url : {
             "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-01d088a6f77103d0fe307c0069e40ed6.pem",
             "https://sns.eu-central-2.amazonaws.com/SimpleNotificationService-abc.pem",
             "https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-abc.pem",
             "https://sns.ap-southeast-4.amazonaws.com/a/b/SimpleNotificationService_x.pem",
             "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem",
             "https://sns.cn-northwest-1.amazonaws.com.cn/SimpleNotificationService-abc.pem",
             "HTTPS://sns.us-east-1.amazonaws.com/x.pem",  // the scheme is case-insensitive
         }) {
        CAPTURE(url);
        CHECK(sns::check_signing_cert_url(url).has_value());
    }
}

TEST_CASE("near misses of the certificate URL are refused") {
    for (const char* url : {
             "https://sns.cn-north-1.amazonaws.com/x.pem",  // China regions only under .com.cn
             "https://sns.us-east-1.amazonaws.com.cn/x.pem",
             "https://sns.us-east.amazonaws.com/x.pem",     // no number
             "https://sns.u-east-1.amazonaws.com/x.pem",    // not two letters
             "https://sns.us--1.amazonaws.com/x.pem",
             "https://sns.us-east-1-.amazonaws.com/x.pem",
             "https://sns..amazonaws.com/x.pem",
             "https://sns.amazonaws.com/x.pem",
             "https://SNS.US-EAST-1.AMAZONAWS.COM/x.pem",   // never sent that way: exact match only
             "https://sns.us-east-1.amazonaws.com/.pem",
             "https://sns.us-east-1.amazonaws.com/x%2epem",
             "https://sns.us-east-1.amazonaws.com",
             "https://[::1]/x.pem",
             "https://sns.us-east-1.amazonaws.com/x.pem\n",
             " https://sns.us-east-1.amazonaws.com/x.pem",
             "ftp://sns.us-east-1.amazonaws.com/x.pem",
             "//sns.us-east-1.amazonaws.com/x.pem",
         }) {
        CAPTURE(url);
        const auto r = sns::check_signing_cert_url(url);
        REQUIRE_FALSE(r.has_value());
        CHECK(sns::rejection_of(r.error()) == sns::Rejection::bad_cert_url);
    }
}

TEST_CASE("subscribe and unsubscribe URLs: the same host rule, a query allowed") {
    CHECK(sns::check_sns_url("https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:"
                             "us-west-2:123456789012:MyTopic&Token=2336412f37")
              .has_value());
    CHECK_FALSE(sns::check_sns_url("https://sns.us-west-2.amazonaws.com.evil.example/?Action=ConfirmSubscription")
                    .has_value());
    CHECK_FALSE(sns::check_sns_url("http://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription").has_value());
    CHECK_FALSE(sns::check_sns_url("https://sns.us-west-2.amazonaws.com:444/?Action=x").has_value());
}
