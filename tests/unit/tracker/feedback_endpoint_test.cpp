// The SNS HTTP handler: real AWS-signed deliveries, SES notifications signed
// here, forgeries, confirmations, and the status SNS is answered with.
#include "tracker_fixture.hpp"
#include "unit/bounce/sns_test_signer.hpp"

#include <mailwarden/feedback_endpoint.hpp>

#include <fstream>
#include <sstream>

using namespace mw_test;
namespace json = boost::json;

namespace {

std::string read_file(const std::string& name) {
    std::ifstream in(std::string(MW_TEST_DATA_DIR) + "/" + name, std::ios::binary);
    REQUIRE(in.good());
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

constexpr const char* real_cert_url =
    "https://sns.us-east-2.amazonaws.com/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem";
constexpr const char* topic = "arn:aws:sns:eu-west-1:123456789012:ses-feedback";

struct EndpointFixture : TrackerFixture {
    std::shared_ptr<sns::CertificateCache> certificates = std::make_shared<sns::CertificateCache>();
    std::vector<std::string> visited;

    EndpointFixture() {
        certificates->add(real_cert_url, read_file("sns/signing-cert.pem"));
        certificates->add(sns_test::url, sns_test::signer().pem);
    }

    FeedbackEndpoint endpoint(FeedbackEndpointOptions options = {}) {
        return FeedbackEndpoint(std::shared_ptr<BounceTracker>(tracker.get(), [](BounceTracker*) {}), certificates,
                                std::move(options), [this](std::string_view url) -> Result<Done, Error> {
                                    visited.emplace_back(url);
                                    return Done{};
                                });
    }
};

std::string ses_notification_envelope(const char* version = "2") {
    return sns_test::signed_body(json::object{{"Type", "Notification"},
                                              {"MessageId", "7d8a3b2c-0000-4000-8000-000000000001"},
                                              {"TopicArn", topic},
                                              {"Message", read_file("ses-events/notif-bounce-with-dsn.json")},
                                              {"Timestamp", "2027-01-15T10:00:00.000Z"}},
                                 version);
}

}  // namespace

TEST_CASE("a signed SES bounce notification is verified, committed and answered 200, once") {
    EndpointFixture f;
    const auto endpoint = f.endpoint();
    const std::string body = ses_notification_envelope();
    auto first = endpoint.handle(body);
    CHECK(first.http_status == 200);
    REQUIRE(first.report.has_value());
    CHECK(first.report->hard_bounces == 1);
    CHECK(f.tracker->find_suppression("jane@example.com", "")->has_value());
    auto again = endpoint.handle(body);  // SNS delivers at least once
    CHECK(again.http_status == 200);
    CHECK(again.report->duplicates == 1);
    CHECK(f.tracker->stats("")->hard_bounces == 1);
}

TEST_CASE("the real AWS-signed vectors verify; their text payload counts for nothing") {
    EndpointFixture f;
    const auto endpoint = f.endpoint();
    for (const char* name : {"sns/notification-sigv1.json", "sns/notification-sigv2.json"}) {
        CAPTURE(name);
        auto out = endpoint.handle(read_file(name));
        CHECK(out.http_status == 200);
        REQUIRE(out.envelope.has_value());
        CHECK(out.report->sends == 0);
    }
}

TEST_CASE("forgeries and unreadable bodies are refused with 403 and 400, and nothing is stored") {
    EndpointFixture f;
    const auto endpoint = f.endpoint();
    std::string forged = ses_notification_envelope();
    forged.replace(forged.find("jane@example.com"), 4, "joan");
    auto refused = endpoint.handle(forged);
    CHECK(refused.http_status == 403);
    REQUIRE(refused.error.has_value());
    CHECK(sns::rejection_of(*refused.error) == sns::Rejection::bad_signature);

    std::string elsewhere = read_file("sns/notification-sigv2.json");
    elsewhere.replace(elsewhere.find("sns.us-east-2.amazonaws.com"), 27, "sns.us-east-2.amazonaws.co.");
    CHECK(endpoint.handle(elsewhere).http_status == 403);
    CHECK(endpoint.handle("not json").http_status == 400);
    CHECK(endpoint.handle(R"({"Type":"Notification"})").http_status == 400);
    CHECK(f.tracker->stats("")->sends == 0);
}

TEST_CASE("the topic allow-list, and a certificate that cannot be had is ours to retry") {
    EndpointFixture f;
    FeedbackEndpointOptions options;
    options.policy.allowed_topic_arns = {"arn:aws:sns:eu-west-1:123456789012:other"};
    CHECK(f.endpoint(options).handle(ses_notification_envelope()).http_status == 403);

    auto empty = std::make_shared<sns::CertificateCache>();
    FeedbackEndpoint no_certificates(std::shared_ptr<BounceTracker>(f.tracker.get(), [](BounceTracker*) {}), empty);
    CHECK(no_certificates.handle(ses_notification_envelope()).http_status == 503);
}

TEST_CASE("subscription confirmations are visited only for allow-listed topics with auto-confirm") {
    EndpointFixture f;
    const json::object confirmation{
        {"Type", "SubscriptionConfirmation"},
        {"MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b"},
        {"Token", "2336412f37fb"},
        {"TopicArn", topic},
        {"Message", "You have chosen to subscribe."},
        {"SubscribeURL", "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=x&Token=2336412f37fb"},
        {"Timestamp", "2027-01-15T10:00:00.000Z"}};
    const std::string body = sns_test::signed_body(confirmation, "1");

    auto left = f.endpoint().handle(body);  // no auto-confirm: the host decides
    CHECK(left.http_status == 200);
    CHECK_FALSE(left.confirmed);
    REQUIRE(left.envelope.has_value());
    CHECK(left.envelope->subscribe_url.starts_with("https://sns.eu-west-1.amazonaws.com/"));
    CHECK(f.visited.empty());

    FeedbackEndpointOptions options;
    options.auto_confirm = true;
    options.policy.allowed_topic_arns = {topic};
    auto confirmed = f.endpoint(options).handle(body);
    CHECK(confirmed.confirmed);
    REQUIRE(f.visited.size() == 1);
    CHECK(f.visited[0] == confirmation.at("SubscribeURL").as_string());
}

namespace {

class BrokenStore final : public FeedbackStore {
public:
    Result<std::unique_ptr<FeedbackTransaction>, Error> begin(bool) override {
        return unexpected(Error(errc::io, "database is locked"));
    }
};

}  // namespace

TEST_CASE("a store that fails gives 500, so SNS delivers again later") {
    EndpointFixture f;
    FeedbackEndpoint endpoint(std::make_shared<BounceTracker>(std::make_shared<BrokenStore>()), f.certificates);
    auto out = endpoint.handle(ses_notification_envelope("1"));
    CHECK(out.http_status == 500);
    REQUIRE(out.error.has_value());
    CHECK(out.error->kind() == errc::io);
}
