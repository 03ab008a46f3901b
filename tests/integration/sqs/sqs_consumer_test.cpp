// SqsConsumer against moto behind the verifying proxy: delete only after the
// sink succeeded, failed batches come back, slow batches stay invisible,
// long polls end early, stop() interrupts them. Waits are for what can be
// observed (a long poll that comes back empty, the proxy having seen a
// request), never for a while.
#include "sqs_test_support.hpp"

#include "../../unit/bounce/test_files.hpp"

#include <mailwarden/bounce.hpp>
#include <mailwarden/sns.hpp>

#include <chrono>
#include <future>
#include <thread>

using namespace mailwarden;
using namespace sqs_test;
using Clock = std::chrono::steady_clock;

namespace {

// An SES bounce notification, as raw message delivery puts it in the queue.
const std::string raw_ses_bounce =
    R"({"notificationType":"Bounce","mail":{"messageId":"0100-abc","destination":["gone@example.com"]},)"
    R"("bounce":{"bounceType":"Permanent","bounceSubType":"General","feedbackId":"f-1",)"
    R"("bouncedRecipients":[{"emailAddress":"gone@example.com","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}]}})";

Result<Done, Error> refuse(std::span<const sqs::QueueMessage>) {
    return unexpected(Error(errc::transport, "the store is down"));
}

// A consumer of a new, empty queue that waits 20 s for messages.
struct LongPolling {
    std::shared_ptr<sqs::Client> client = sqs_test::client();
    std::string url;
    std::unique_ptr<sqs::SqsConsumer> consumer;
    RecordingSink sink;
    Clock::time_point start;

    explicit LongPolling(const std::string& stem) : url(new_queue(*client, stem)) {
        auto o = consumer_options(url);
        o.wait_time = std::chrono::seconds(20);
        consumer = sqs_test::consumer(o);
    }

    // Runs `work` on a thread of its own; returns once its ReceiveMessage reached the proxy.
    template <class Work>
    auto in_long_poll(Work work) {
        const int before = arrived_at_proxy("AmazonSQS.ReceiveMessage");
        start = Clock::now();
        auto running = std::async(std::launch::async, std::move(work));
        REQUIRE(test_support::eventually([&] { return arrived_at_proxy("AmazonSQS.ReceiveMessage") > before; }));
        return running;
    }
};

}  // namespace

TEST_CASE("receive, sink, delete: the queue is empty afterwards and the bodies arrive untouched") {
    auto c = client();
    const std::string url = new_queue(*c, "consume");
    const std::string envelope = bounce_test::read_data("sns/notification-sigv1.json");
    REQUIRE(c->send_message(url, envelope).has_value());
    REQUIRE(c->send_message(url, raw_ses_bounce).has_value());

    auto o = consumer_options(url);
    o.wait_time = std::chrono::seconds(5);
    auto consumer = sqs_test::consumer(o);
    RecordingSink sink;
    std::size_t deleted = 0;
    while (sink.seen.size() < 2) {
        const auto report = consumer->poll_once(sink.sink());
        REQUIRE_MESSAGE(report.has_value(), (report ? "" : report.error().describe()));
        REQUIRE(report->received > 0);
        CHECK_FALSE(report->sink_error);
        CHECK(report->delete_failures.empty());
        deleted += report->deleted;
    }
    CHECK(deleted == 2);
    bool saw_envelope = false, saw_raw = false;
    for (const auto& m : sink.seen) {
        CHECK(m.receive_count == 1);
        saw_envelope = saw_envelope || m.body == envelope;
        saw_raw = saw_raw || m.body == raw_ses_bounce;
    }
    CHECK(saw_envelope);
    CHECK(saw_raw);
    // What a sink does with them: the envelope is SNS's, the raw body SES's bounce.
    for (const auto& m : sink.seen) {
        if (m.body == envelope) {
            const auto parsed = sns::parse_envelope(m.body);
            REQUIRE(parsed.has_value());
            CHECK(parsed->message == "Hello world");
        } else {
            const auto event = parse_feedback(m.body);
            REQUIRE(event.has_value());
            CHECK(event->kind == FeedbackKind::bounce);
            REQUIRE(event->recipients.size() == 1);
            CHECK(event->recipients[0].bounce_class == BounceClass::hard);
        }
    }
    CHECK(receive(*c, url, std::chrono::seconds(2)).empty());
}

TEST_CASE("a failing sink deletes nothing: the batch comes back after its visibility timeout") {
    auto c = client();
    const std::string url = new_queue(*c, "refused");
    const auto id = c->send_message(url, raw_ses_bounce);
    REQUIRE(id.has_value());

    auto o = consumer_options(url);
    o.wait_time = std::chrono::seconds(5);
    o.visibility_timeout = std::chrono::seconds(1);
    auto consumer = sqs_test::consumer(o);
    const auto report = consumer->poll_once(refuse);
    REQUIRE_MESSAGE(report.has_value(), (report ? "" : report.error().describe()));
    CHECK(report->received == 1);
    CHECK(report->deleted == 0);
    REQUIRE(report->sink_error.has_value());
    CHECK(report->sink_error->message == "the store is down");

    // A long poll far longer than the visibility timeout: it ends as soon as
    // the message is visible again.
    const auto again = receive(*c, url, std::chrono::seconds(20));
    REQUIRE(again.size() == 1);
    CHECK(again[0].message_id == *id);
    CHECK(again[0].receive_count == 2);
}

TEST_CASE("a slow sink's batch stays invisible beyond its visibility timeout") {
    auto c = client();
    const std::string url = new_queue(*c, "slow");
    REQUIRE(c->send_message(url, raw_ses_bounce).has_value());

    auto o = consumer_options(url);
    o.wait_time = std::chrono::seconds(5);
    o.visibility_timeout = std::chrono::seconds(4);
    auto consumer = sqs_test::consumer(o);
    auto observer = client();
    std::vector<sqs::QueueMessage> seen_meanwhile;
    Clock::duration sink_ran{};
    const auto report = consumer->poll_once([&](std::span<const sqs::QueueMessage> batch) -> Result<Done, Error> {
        const auto start = Clock::now();
        // While this sink runs, a long poll of 10 s (2.5 visibility timeouts)
        // would return the message the moment it became visible again.
        seen_meanwhile = receive(*observer, url, std::chrono::seconds(10));
        sink_ran = Clock::now() - start;
        if (batch.empty()) return unexpected(Error(errc::internal, "empty batch"));
        return Done{};
    });
    REQUIRE_MESSAGE(report.has_value(), (report ? "" : report.error().describe()));
    CHECK(seen_meanwhile.empty());
    CHECK(sink_ran > std::chrono::seconds(4));
    CHECK(report->visibility_extensions >= 2);
    CHECK_MESSAGE(!report->extension_error, (report->extension_error ? report->extension_error->describe() : ""));
    CHECK(report->deleted == 1);
    CHECK(receive(*c, url, std::chrono::seconds(2)).empty());
}

TEST_CASE("a long poll returns as soon as a message is sent meanwhile") {
    LongPolling p("longpoll");
    auto polled = p.in_long_poll([&] { return p.consumer->poll_once(p.sink.sink()); });
    REQUIRE(p.client->send_message(p.url, raw_ses_bounce).has_value());
    const auto report = polled.get();
    REQUIRE_MESSAGE(report.has_value(), (report ? "" : report.error().describe()));
    CHECK(report->received == 1);
    CHECK(report->deleted == 1);
    CHECK(Clock::now() - p.start < std::chrono::seconds(15));
}

TEST_CASE("stop() ends run() while it waits in a long poll") {
    LongPolling p("stop");
    auto ran = p.in_long_poll([&] { return p.consumer->run(p.sink.sink()); });
    p.consumer->stop();
    const auto report = ran.get();
    REQUIRE_MESSAGE(report.has_value(), (report ? "" : report.error().describe()));
    CHECK(report->stopped);
    CHECK(report->received == 0);
    CHECK(Clock::now() - p.start < std::chrono::seconds(15));

    // Stopped stays stopped until resume().
    const auto after = p.consumer->poll_once(p.sink.sink());
    REQUIRE_FALSE(after.has_value());
    CHECK(after.error().code == sqs::errc::interrupted);
    CHECK(after.error().kind() == errc::cancelled);
    // After resume() a receive goes out again (the proxy sees it), and stops again.
    // (No message is sent meanwhile: the interrupted long poll may still be
    // waiting at the server and would take it, as SQS's own would.)
    p.consumer->resume();
    auto again = p.in_long_poll([&] { return p.consumer->run(p.sink.sink()); });
    p.consumer->stop();
    const auto resumed = again.get();
    REQUIRE(resumed.has_value());
    CHECK(resumed->stopped);
}

TEST_CASE("run() stops on a stop token, and after max_batches polls") {
    auto c = client();
    const std::string url = new_queue(*c, "token");
    for (int i = 0; i < 3; ++i) REQUIRE(c->send_message(url, "m" + std::to_string(i)).has_value());
    auto o = consumer_options(url);
    o.wait_time = std::chrono::seconds(1);
    o.batch_size = 1;
    auto consumer = sqs_test::consumer(o);
    RecordingSink sink;
    const auto two = consumer->run(sink.sink(), 2);
    REQUIRE(two.has_value());
    CHECK(two->polls == 2);
    CHECK(two->received == 2);
    CHECK(two->deleted == 2);
    CHECK_FALSE(two->stopped);

    std::stop_source source;
    source.request_stop();
    const auto none = consumer->run(sink.sink(), 0, source.get_token());
    REQUIRE(none.has_value());
    CHECK(none->stopped);
    CHECK(none->polls == 0);
}

TEST_CASE("a consumer whose requests are signed with a wrong secret fails as auth") {
    auto c = client();
    auto o = consumer_options(new_queue(*c, "auth"));
    o.wait_time = std::chrono::seconds(1);
    o.credentials = test_credentials("wrong-secret");
    auto consumer = sqs_test::consumer(o);
    RecordingSink sink;
    const auto r = consumer->poll_once(sink.sink());
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().kind() == errc::auth);
    CHECK(r.error().code == sqs::errc::access_denied);
    CHECK(sink.seen.empty());
}

TEST_CASE("consumer options out of range are refused") {
    const auto bad = [](void (*tweak)(sqs::ConsumerOptions&)) {
        auto o = consumer_options("http://127.0.0.1:1/123456789012/q", "http://127.0.0.1:1");
        tweak(o);
        const auto c = sqs::SqsConsumer::create(o);
        return !c.has_value() && c.error().code == sqs::errc::invalid_configuration;
    };
    CHECK(bad([](sqs::ConsumerOptions& o) { o.queue_url.clear(); }));
    CHECK(bad([](sqs::ConsumerOptions& o) { o.batch_size = 11; }));
    CHECK(bad([](sqs::ConsumerOptions& o) { o.batch_size = 0; }));
    CHECK(bad([](sqs::ConsumerOptions& o) { o.wait_time = std::chrono::seconds(21); }));
    CHECK(bad([](sqs::ConsumerOptions& o) { o.visibility_timeout = std::chrono::seconds(0); }));
    CHECK(bad([](sqs::ConsumerOptions& o) { o.http.allow_plaintext = false; }));
    auto fine = sqs::SqsConsumer::create(consumer_options("http://127.0.0.1:1/123456789012/q", "http://127.0.0.1:1"));
    REQUIRE(fine.has_value());
    CHECK((*fine)->options().http.read_timeout >= std::chrono::seconds(30));
}
