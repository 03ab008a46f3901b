// SQS clients and consumers for moto (started by run-with-ses-peers.sh
// behind a verifying proxy: every request's SigV4 signature is checked for
// the service "sqs").
#pragma once

#include "../../support/eventually.hpp"
#include "../ses/ses_test_support.hpp"

#include "net/http/http_client.hpp"

#include <mailwarden/sqs.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <unistd.h>

namespace sqs_test {

namespace sqs = mailwarden::sqs;

inline std::string moto_endpoint() { return ses_test::endpoint_from_env("MW_TEST_MOTO_ENDPOINT"); }

inline std::shared_ptr<mailwarden::aws::CredentialsProvider> test_credentials(
    std::string secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY") {
    return mailwarden::aws::make_static_provider(mailwarden::aws::Credentials("AKIDEXAMPLE", std::move(secret)));
}

inline sqs::ClientOptions client_options(const std::string& endpoint) {
    sqs::ClientOptions o;
    o.region = "us-east-1";
    o.endpoint = endpoint;
    o.http.allow_plaintext = true;
    o.credentials = test_credentials();
    o.retry.base = std::chrono::milliseconds(10);
    o.retry.cap = std::chrono::milliseconds(100);
    return o;
}

inline std::shared_ptr<sqs::Client> client(const std::string& endpoint = moto_endpoint()) {
    auto c = sqs::Client::create(client_options(endpoint));
    REQUIRE_MESSAGE(c.has_value(), (c.has_value() ? "" : c.error().describe()));
    return *c;
}

/// A queue of its own for each test (moto keeps queues for its lifetime).
inline std::string new_queue(sqs::Client& c, const std::string& stem) {
    static std::atomic<int> counter{0};
    const std::string name = stem + "-" + std::to_string(getpid()) + "-" + std::to_string(++counter);
    auto url = c.create_queue(name);
    REQUIRE_MESSAGE(url.has_value(), (url ? "" : url.error().describe()));
    return *url;
}

inline sqs::ConsumerOptions consumer_options(const std::string& queue_url, const std::string& endpoint = moto_endpoint()) {
    const auto c = client_options(endpoint);
    sqs::ConsumerOptions o;
    o.queue_url = queue_url;
    o.region = c.region;
    o.endpoint = c.endpoint;
    o.credentials = c.credentials;
    o.http = c.http;
    o.retry = c.retry;
    return o;
}

inline std::unique_ptr<sqs::SqsConsumer> consumer(const sqs::ConsumerOptions& o) {
    auto c = sqs::SqsConsumer::create(o);
    REQUIRE_MESSAGE(c.has_value(), (c.has_value() ? "" : c.error().describe()));
    return std::move(*c);
}

/// How many requests with X-Amz-Target `target` reached the verifying proxy.
inline int arrived_at_proxy(const std::string& target) {
    mailwarden::http::HttpClient control(ses_test::plaintext_http());
    const auto r = control.send({"GET", moto_endpoint() + "/_proxy/count?target=" + target, {}, "", {}});
    REQUIRE(r.has_value());
    REQUIRE(r->status == 200);
    return std::stoi(r->body);
}

/// A receive that waits `wait` for anything to come (a long poll), visibility 30 s.
inline std::vector<sqs::QueueMessage> receive(sqs::Client& c, const std::string& queue_url, std::chrono::seconds wait) {
    sqs::ReceiveOptions o;
    o.wait_time = wait;
    o.visibility_timeout = std::chrono::seconds(30);
    auto r = c.receive_messages(queue_url, o);
    REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().describe()));
    return *r;
}

/// A sink that accepts every batch and keeps what it saw.
struct RecordingSink {
    std::vector<sqs::QueueMessage> seen;
    sqs::BatchSink sink() {
        return [this](std::span<const sqs::QueueMessage> batch) -> mailwarden::Result<mailwarden::Done, mailwarden::Error> {
            seen.insert(seen.end(), batch.begin(), batch.end());
            return mailwarden::Done{};
        };
    }
};

}  // namespace sqs_test
