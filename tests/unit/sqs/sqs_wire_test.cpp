// Request shapes and answer readers of the SQS JSON protocol (pure code).
#include "net/sqs/sqs_wire.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

using namespace mailwarden::sqs;
namespace aws = mailwarden::aws;
namespace http = mailwarden::http;
using mailwarden::Error;
namespace json = boost::json;

namespace {

std::string header(const aws::ServiceRequest& r, std::string_view name) {
    const auto v = http::find_header(r.headers, name);
    return v ? std::string(*v) : std::string();
}

const std::string queue = "https://sqs.us-east-1.amazonaws.com/123456789012/feedback";

}  // namespace

TEST_CASE("every operation is POST / with its X-Amz-Target and a JSON 1.0 body") {
    const auto receive = wire::receive_message(queue, {});
    REQUIRE(receive.has_value());
    CHECK(receive->method == "POST");
    CHECK(receive->path == "/");
    CHECK(receive->query.empty());
    CHECK(header(*receive, "Content-Type") == "application/x-amz-json-1.0");
    CHECK(header(*receive, "X-Amz-Target") == "AmazonSQS.ReceiveMessage");
    CHECK(header(*receive, "x-amzn-query-mode") == "true");
    CHECK(receive->idempotent);
    CHECK(json::parse(receive->body) == json::parse(R"({"QueueUrl":")" + queue + R"(","MaxNumberOfMessages":10,)"
                                                    R"("WaitTimeSeconds":20,"MessageSystemAttributeNames":["ApproximateReceiveCount"]})"));

    ReceiveOptions o;
    o.max_messages = 3;
    o.wait_time = std::chrono::seconds(0);
    o.visibility_timeout = std::chrono::seconds(45);
    const auto short_poll = wire::receive_message(queue, o);
    REQUIRE(short_poll.has_value());
    const auto body = json::parse(short_poll->body).as_object();
    CHECK(body.at("MaxNumberOfMessages") == 3);
    CHECK(body.at("WaitTimeSeconds") == 0);
    CHECK(body.at("VisibilityTimeout") == 45);

    const auto send = wire::send_message(queue, "{\"a\":1}");
    CHECK(header(send, "X-Amz-Target") == "AmazonSQS.SendMessage");
    CHECK_FALSE(send.idempotent);
    CHECK(json::parse(send.body).at("MessageBody") == "{\"a\":1}");

    CHECK(json::parse(wire::get_queue_url("q").body) == json::parse(R"({"QueueName":"q"})"));
    CHECK(json::parse(wire::create_queue("q", {{"VisibilityTimeout", "5"}}).body) ==
          json::parse(R"({"QueueName":"q","Attributes":{"VisibilityTimeout":"5"}})"));
    CHECK(json::parse(wire::create_queue("q", {}).body) == json::parse(R"({"QueueName":"q"})"));
}

TEST_CASE("batch entries are numbered from 0 and carry the visibility") {
    const std::vector<std::string> handles{"h0", "h1"};
    const auto del = wire::delete_message_batch(queue, handles);
    CHECK(header(del, "X-Amz-Target") == "AmazonSQS.DeleteMessageBatch");
    CHECK(json::parse(del.body).at("Entries") ==
          json::parse(R"([{"Id":"0","ReceiptHandle":"h0"},{"Id":"1","ReceiptHandle":"h1"}])"));
    const auto change = wire::change_message_visibility_batch(queue, handles, std::chrono::seconds(30));
    CHECK(header(change, "X-Amz-Target") == "AmazonSQS.ChangeMessageVisibilityBatch");
    CHECK(json::parse(change.body).at("Entries") ==
          json::parse(R"([{"Id":"0","ReceiptHandle":"h0","VisibilityTimeout":30},)"
                      R"({"Id":"1","ReceiptHandle":"h1","VisibilityTimeout":30}])"));
}

TEST_CASE("receive options out of range are refused") {
    ReceiveOptions o;
    o.max_messages = 0;
    CHECK(wire::receive_message(queue, o).error().code == errc::invalid_configuration);
    o.max_messages = 10;
    o.wait_time = std::chrono::seconds(-1);
    CHECK_FALSE(wire::receive_message(queue, o).has_value());
    o.wait_time = std::chrono::seconds(20);
    o.visibility_timeout = std::chrono::seconds(43'201);
    CHECK_FALSE(wire::receive_message(queue, o).has_value());
    CHECK_FALSE(wire::receive_message("", {}).has_value());
}

TEST_CASE("ReceiveMessage answers") {
    const auto two = wire::parse_receive_message(
        R"({"Messages":[{"MessageId":"m1","ReceiptHandle":"r1","MD5OfBody":"x","Body":"{\"Type\":\"Notification\"}",)"
        R"("Attributes":{"ApproximateReceiveCount":"3","SentTimestamp":"1"}},{"MessageId":"m2","ReceiptHandle":"r2","Body":""}]})");
    REQUIRE(two.has_value());
    REQUIRE(two->size() == 2);
    CHECK((*two)[0].message_id == "m1");
    CHECK((*two)[0].receipt_handle == "r1");
    CHECK((*two)[0].body == R"({"Type":"Notification"})");
    CHECK((*two)[0].receive_count == 3);
    CHECK((*two)[1].body.empty());
    CHECK((*two)[1].receive_count == 0);

    CHECK(wire::parse_receive_message("{}")->empty());
    CHECK(wire::parse_receive_message(R"({"Messages":null})")->empty());
    CHECK(wire::parse_receive_message(R"({"Messages":[]})")->empty());

    for (const char* bad : {"", "[]", "not json", R"({"Messages":{}})", R"({"Messages":[1]})",
                            R"({"Messages":[{"MessageId":"m","ReceiptHandle":"r"}]})",
                            R"({"Messages":[{"MessageId":1,"ReceiptHandle":"r","Body":"b"}]})",
                            R"({"Messages":[{"MessageId":"m","ReceiptHandle":"r","Body":"b","Attributes":[]}]})",
                            R"({"Messages":[{"MessageId":"m","ReceiptHandle":"r","Body":"b","Attributes":{"ApproximateReceiveCount":"-1"}}]})",
                            R"({"Messages":[{"MessageId":"m","ReceiptHandle":"r","Body":"b","Attributes":{"ApproximateReceiveCount":2}}]})",
                            R"({"Messages":[{"MessageId":"m","Rec)"}) {
        CAPTURE(bad);
        const auto r = wire::parse_receive_message(bad);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == errc::malformed_response);
        CHECK(r.error().kind() == mailwarden::errc::parse);
    }
}

TEST_CASE("batch answers: every entry is accounted for") {
    const auto mixed = wire::parse_batch_result(
        R"({"Successful":[{"Id":"0"},{"Id":"2"}],"Failed":[{"Id":"1","SenderFault":true,"Code":"ReceiptHandleIsInvalid","Message":"no"}]})",
        3);
    REQUIRE(mixed.has_value());
    CHECK(mixed->succeeded == 2);
    REQUIRE(mixed->failed.size() == 1);
    CHECK(mixed->failed[0].index == 1);
    CHECK(mixed->failed[0].code == "ReceiptHandleIsInvalid");
    CHECK(mixed->failed[0].message == "no");
    CHECK(mixed->failed[0].sender_fault);

    const auto silent = wire::parse_batch_result(R"({"Successful":[{"Id":"1"}]})", 2);
    REQUIRE(silent.has_value());
    REQUIRE(silent->failed.size() == 1);
    CHECK(silent->failed[0].index == 0);
    CHECK(silent->failed[0].code == "NoResult");

    for (const char* bad : {R"({"Successful":[{"Id":"5"}]})", R"({"Successful":[{"Id":"0"},{"Id":"0"}]})",
                            R"({"Successful":[{"Id":"0"}],"Failed":[{"Id":"0","Code":"X"}]})", R"({"Successful":"0"})",
                            R"({"Failed":[{"Id":"1","Code":5}]})", R"({"Successful":[{"Id":"00"}]})", R"({"Successful":[{"Id":"+1"}]})",
                            "[]"}) {
        CAPTURE(bad);
        CHECK(wire::parse_batch_result(bad, 2).error().code == errc::malformed_response);
    }
}

TEST_CASE("SendMessage, CreateQueue and GetQueueUrl answers") {
    CHECK(*wire::parse_message_id(R"({"MD5OfMessageBody":"x","MessageId":"m-1"})") == "m-1");
    CHECK(*wire::parse_queue_url(R"({"QueueUrl":"http://127.0.0.1:1/123456789012/q"})") ==
          "http://127.0.0.1:1/123456789012/q");
    CHECK_FALSE(wire::parse_message_id("{}").has_value());
    CHECK_FALSE(wire::parse_queue_url(R"({"QueueUrl":7})").has_value());
}
