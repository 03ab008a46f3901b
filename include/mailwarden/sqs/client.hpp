// The Amazon SQS client: the JSON protocol (POST / with X-Amz-Target
// AmazonSQS.<Operation>), every call signed with our own SigV4 (service
// "sqs"), sent over our own HTTP/1.1 + TLS client and retried on throttling
// and transient faults like the SES client's calls.
//
//   auto client = mailwarden::sqs::Client::create({.region = "eu-west-1"});
//   auto batch = (*client)->receive_messages(queue_url, {});
#pragma once

#include <mailwarden/export.hpp>
#include <mailwarden/net/credentials.hpp>
#include <mailwarden/net/http.hpp>
#include <mailwarden/net/retry.hpp>
#include <mailwarden/result.hpp>
#include <mailwarden/sqs/error.hpp>
#include <mailwarden/sqs/types.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::sqs {

struct ClientOptions {
    /// "eu-west-1". Empty: AWS_REGION, AWS_DEFAULT_REGION, the profile's region.
    std::string region;
    /// Empty: https://sqs.<region>.amazonaws.com. http:// needs http.allow_plaintext.
    std::string endpoint;
    /// Null: the default chain (environment, then shared files).
    std::shared_ptr<aws::CredentialsProvider> credentials;
    /// http.read_timeout must exceed the longest WaitTimeSeconds asked for
    /// (the default 30 s does).
    http::HttpOptions http;
    aws::RetryOptions retry;
};

template <class T>
using SqsResult = Result<T, Error>;

/// Thread-safe: any member may be called from any thread at the same time.
/// Every call blocks the calling thread until SQS answered (or the retries
/// ended). The client runs one I/O thread of its own.
class MAILWARDEN_EXPORT Client {
public:
    /// Errors: invalid_configuration (endpoint, region). The client is
    /// shared: destroy it (the last shared_ptr) on a thread that is not
    /// inside one of its calls.
    static SqsResult<std::shared_ptr<Client>> create(ClientOptions options);
    /// Ends calls in flight (they fail with interrupted) and joins the I/O thread.
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    /// ReceiveMessage, asking for ApproximateReceiveCount. An empty vector
    /// when the wait time passed with nothing to deliver. Errors:
    /// invalid_configuration for options out of range (nothing sent),
    /// queue_does_not_exist, over_limit, malformed_response, what the
    /// connection or the service answered.
    SqsResult<std::vector<QueueMessage>> receive_messages(std::string_view queue_url, const ReceiveOptions& options);

    /// DeleteMessageBatch of any number of receipt handles (sent 10 at a
    /// time). Entries SQS refused are in BatchOutcome::failed with their
    /// index; the call itself fails only when a request did (entries of
    /// earlier requests are deleted then).
    SqsResult<BatchOutcome> delete_message_batch(std::string_view queue_url,
                                                 std::span<const std::string> receipt_handles);

    /// ChangeMessageVisibilityBatch: each message becomes visible
    /// `visibility_timeout` (0..43200 s) from now. Same reporting as
    /// delete_message_batch.
    SqsResult<BatchOutcome> change_message_visibility_batch(std::string_view queue_url,
                                                            std::span<const std::string> receipt_handles,
                                                            std::chrono::seconds visibility_timeout);

    /// SendMessage (for tests and tools); returns the MessageId. Not retried
    /// after a failure that may have reached SQS unless
    /// RetryOptions::retry_non_idempotent.
    SqsResult<std::string> send_message(std::string_view queue_url, std::string_view body);

    /// CreateQueue with optional attributes ("VisibilityTimeout" -> "30");
    /// returns the queue URL (also when the queue exists with the same
    /// attributes). Errors: queue_already_exists (other attributes), bad_request.
    SqsResult<std::string> create_queue(std::string_view name, const std::map<std::string, std::string>& attributes = {});

    /// GetQueueUrl. Errors: queue_does_not_exist.
    SqsResult<std::string> get_queue_url(std::string_view name);

    /// The region requests are signed for (resolved at create()).
    const std::string& region() const noexcept;
    /// Where requests go, without a trailing slash.
    const std::string& endpoint() const noexcept;

private:
    struct Impl;
    explicit Client(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace mailwarden::sqs
