// confirm_subscription against the local TLS stand-in for the SNS host.
#include "sns_peer.hpp"

using namespace mailwarden;
using sns_test::peer;

namespace {

sns::ConfirmOptions options() {
    sns::ConfirmOptions o;
    o.http = peer().http();
    return o;
}

const std::string topic = "arn:aws:sns:us-east-1:123456789012:ses-feedback";

std::string subscribe_url(const std::string& token) {
    return "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + topic + "&Token=" + token;
}

}  // namespace

TEST_CASE("a SubscribeURL is visited once and the subscription ARN read from the answer") {
    const auto confirmed = sns::confirm_subscription(subscribe_url("good"), options());
    REQUIRE_MESSAGE(confirmed.has_value(), (confirmed ? "" : confirmed.error().describe()));
    CHECK(confirmed->subscription_arn == topic + ":2bcfbf39-05c3-41de-beaa-fcfcc21c8f55");
    CHECK(confirmed->request_id == "075ecce8-8dac-11e1-bf80-f781d96e9307");
    CHECK(peer().count("/?Action=ConfirmSubscription&TopicArn=" + topic + "&Token=good") == 1);
}

TEST_CASE("SNS's refusal and answers that are no confirmation are typed errors") {
    const auto used = sns::confirm_subscription(subscribe_url("used"), options());
    REQUIRE_FALSE(used.has_value());
    CHECK(used.error().code == sns::FetchError::http_status);
    CHECK(used.error().http_status == 403);
    CHECK(used.error().request_id == "peer-request");

    const auto page = sns::confirm_subscription(subscribe_url("other"), options());
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().code == sns::FetchError::not_a_confirmation);
    CHECK(page.error().kind() == errc::parse);

    auto small = options();
    small.max_response_bytes = 64;
    const auto big = sns::confirm_subscription(subscribe_url("good"), small);
    REQUIRE_FALSE(big.has_value());
    CHECK(big.error().code == sns::FetchError::too_large);
}

TEST_CASE("a SubscribeURL off the SNS hosts is refused before anything is sent") {
    const int before = static_cast<int>(peer().requests().size());
    auto o = options();
    o.http.connect_to["sns.us-east-1.amazonaws.com.evil.example:443"] = o.http.connect_to["sns.us-east-1.amazonaws.com:443"];
    o.http.allow_plaintext = true;
    for (const std::string url : {"http://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=good",
                                  "https://sns.us-east-1.amazonaws.com.evil.example/?Action=ConfirmSubscription&Token=good",
                                  "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=good#x"}) {
        CAPTURE(url);
        const auto r = sns::confirm_subscription(url, o);
        REQUIRE_FALSE(r.has_value());
        CHECK(sns::rejection_of(r.error()) == sns::Rejection::bad_cert_url);
    }
    CHECK(static_cast<int>(peer().requests().size()) == before);
}
