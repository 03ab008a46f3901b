// SQS answers that are not what the JSON protocol promises, from the fault
// server (tests/unit/http/fault_server.py): typed errors, never a crash.
#include "peers.hpp"
#include "sqs_test_support.hpp"

using namespace mailwarden;
using namespace sqs_test;

namespace {

int fault_count(const std::string& key) {
    mailwarden::http::HttpClient control(ses_test::plaintext_http());
    const auto r = control.send({"GET", mw_test::fault_server().url("/count?key=" + key), {}, "", {}});
    REQUIRE(r.has_value());
    return std::stoi(r->body);
}

std::unique_ptr<sqs::SqsConsumer> consumer_at(const std::string& mode, const std::string& key) {
    auto o = consumer_options("https://sqs.us-east-1.amazonaws.com/123456789012/q",
                              mw_test::fault_server().url("/" + mode + "/" + key));
    o.wait_time = std::chrono::seconds(0);
    return sqs_test::consumer(o);
}

}  // namespace

TEST_CASE("answers that are not SQS's JSON are malformed_response, kind parse, not retried") {
    for (const std::string mode : {"sqs-truncated", "sqs-not-json", "sqs-wrong-shape", "sqs-bad-count"}) {
        CAPTURE(mode);
        const std::string key = "parse-" + mode;
        auto consumer = consumer_at(mode, key);
        RecordingSink sink;
        const auto r = consumer->poll_once(sink.sink());
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == sqs::errc::malformed_response);
        CHECK(r.error().kind() == errc::parse);
        CHECK_FALSE(r.error().message.empty());
        CHECK(sink.seen.empty());
        CHECK(fault_count(key + "/AmazonSQS.ReceiveMessage") == 1);
    }
}

TEST_CASE("a 500 with garbage is retried, then reported with its status") {
    auto consumer = consumer_at("sqs-500-garbage", "garbage");
    RecordingSink sink;
    const auto r = consumer->poll_once(sink.sink());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == sqs::errc::internal_failure);
    CHECK(r.error().http_status == 500);
    CHECK(r.error().retryable);
    CHECK(r.error().attempts == 3);
    CHECK(fault_count("garbage/AmazonSQS.ReceiveMessage") == 3);
}

TEST_CASE("a malformed DeleteMessageBatch answer after the sink succeeded is a parse error") {
    auto consumer = consumer_at("sqs-delete-malformed", "delete");
    RecordingSink sink;
    const auto r = consumer->poll_once(sink.sink());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == sqs::errc::malformed_response);
    CHECK(sink.seen.size() == 1);
    CHECK(fault_count("delete/AmazonSQS.DeleteMessageBatch") == 1);
}
