// The SQS client against moto behind the verifying proxy: every request is
// signed as "sqs" and checked with botocore before moto sees it.
#include "sqs_test_support.hpp"

using namespace mailwarden;
using namespace sqs_test;

TEST_CASE("create, look up, send, receive and delete a message") {
    auto c = client();
    const std::string url = new_queue(*c, "client");
    const auto name = url.substr(url.rfind('/') + 1);
    const auto looked_up = c->get_queue_url(name);
    REQUIRE_MESSAGE(looked_up.has_value(), (looked_up ? "" : looked_up.error().describe()));
    CHECK(*looked_up == url);

    const auto id = c->send_message(url, "hello \xE2\x9C\x89 \"quoted\"\n");
    REQUIRE_MESSAGE(id.has_value(), (id ? "" : id.error().describe()));
    const auto got = receive(*c, url, std::chrono::seconds(5));
    REQUIRE(got.size() == 1);
    CHECK(got[0].message_id == *id);
    CHECK(got[0].body == "hello \xE2\x9C\x89 \"quoted\"\n");
    CHECK(got[0].receive_count == 1);
    CHECK_FALSE(got[0].receipt_handle.empty());

    const std::vector<std::string> handles{got[0].receipt_handle};
    const auto deleted = c->delete_message_batch(url, handles);
    REQUIRE_MESSAGE(deleted.has_value(), (deleted ? "" : deleted.error().describe()));
    CHECK(deleted->succeeded == 1);
    CHECK(deleted->failed.empty());
    CHECK(receive(*c, url, std::chrono::seconds(1)).empty());
}

TEST_CASE("a queue that does not exist is not_found, with the query code SQS gives") {
    auto c = client();
    const auto r = c->get_queue_url("no-such-queue-here");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == sqs::errc::queue_does_not_exist);
    CHECK(r.error().kind() == errc::not_found);
    CHECK(r.error().service_code == "AWS.SimpleQueueService.NonExistentQueue");
    CHECK(r.error().http_status == 400);
    CHECK_FALSE(r.error().request_id.empty());
    CHECK_FALSE(r.error().retryable);
    CHECK(r.error().attempts == 1);
    CHECK(r.error().origin() == "sqs");
}

TEST_CASE("batch entries SQS refuses are reported one by one, by index") {
    auto c = client();
    const std::string url = new_queue(*c, "entries");
    REQUIRE(c->send_message(url, "one").has_value());
    const auto got = receive(*c, url, std::chrono::seconds(5));
    REQUIRE(got.size() == 1);
    const std::vector<std::string> handles{"not-a-receipt-handle", got[0].receipt_handle};

    const auto extended = c->change_message_visibility_batch(url, handles, std::chrono::seconds(60));
    REQUIRE_MESSAGE(extended.has_value(), (extended ? "" : extended.error().describe()));
    CHECK(extended->succeeded == 1);
    REQUIRE(extended->failed.size() == 1);
    CHECK(extended->failed[0].index == 0);
    CHECK(extended->failed[0].code == "ReceiptHandleIsInvalid");
    CHECK(extended->failed[0].sender_fault);

    const auto deleted = c->delete_message_batch(url, handles);
    REQUIRE(deleted.has_value());
    CHECK(deleted->succeeded == 1);
    REQUIRE(deleted->failed.size() == 1);
    CHECK(deleted->failed[0].index == 0);
    CHECK(receive(*c, url, std::chrono::seconds(1)).empty());
}

TEST_CASE("more than ten receipt handles go out ten at a time") {
    auto c = client();
    const std::string url = new_queue(*c, "many");
    for (int i = 0; i < 12; ++i) REQUIRE(c->send_message(url, "m" + std::to_string(i)).has_value());
    std::vector<std::string> handles;
    while (handles.size() < 12) {
        const auto got = receive(*c, url, std::chrono::seconds(5));
        REQUIRE_FALSE(got.empty());
        CHECK(got.size() <= 10);
        for (const auto& m : got) handles.push_back(m.receipt_handle);
    }
    const int before = arrived_at_proxy("AmazonSQS.DeleteMessageBatch");
    const auto deleted = c->delete_message_batch(url, handles);
    REQUIRE(deleted.has_value());
    CHECK(deleted->succeeded == 12);
    CHECK(deleted->failed.empty());
    CHECK(arrived_at_proxy("AmazonSQS.DeleteMessageBatch") - before == 2);
    CHECK(receive(*c, url, std::chrono::seconds(1)).empty());
}

TEST_CASE("a request signed with the wrong secret is refused as auth, once") {
    auto o = client_options(moto_endpoint());
    o.credentials = test_credentials("not-the-secret");
    auto c = sqs::Client::create(o);
    REQUIRE(c.has_value());
    const auto r = (*c)->get_queue_url("whatever");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == sqs::errc::access_denied);
    CHECK(r.error().kind() == errc::auth);
    CHECK(static_cast<int>(r.error().kind()) == MW_EAUTH);
    CHECK(r.error().service_code == "SignatureDoesNotMatch");
    CHECK(r.error().http_status == 403);
    CHECK(r.error().attempts == 1);
}

TEST_CASE("receive options out of range are refused before anything is sent") {
    auto c = client();
    const int before = arrived_at_proxy("AmazonSQS.ReceiveMessage");
    sqs::ReceiveOptions o;
    o.max_messages = 11;
    CHECK(c->receive_messages("http://127.0.0.1:1/123456789012/q", o).error().code == sqs::errc::invalid_configuration);
    o.max_messages = 1;
    o.wait_time = std::chrono::seconds(21);
    CHECK(c->receive_messages("http://127.0.0.1:1/123456789012/q", o).error().code == sqs::errc::invalid_configuration);
    CHECK(c->receive_messages("", {}).error().kind() == errc::invalid_argument);
    CHECK(arrived_at_proxy("AmazonSQS.ReceiveMessage") == before);
}
