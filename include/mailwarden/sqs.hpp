// Receiving from Amazon SQS: SES feedback goes SES -> SNS -> an SQS queue,
// where SqsConsumer picks it up in batches and hands each batch to the host
// (a BatchSink). A message is deleted only once the sink succeeded; while a
// sink runs long, the batch's visibility is extended so SQS does not hand it
// out again meanwhile. Bodies are passed on as they are: an SNS envelope or,
// under raw message delivery, the SES JSON document (parse_feedback() and
// sns::Verifier decide, in the sink).
//
//   auto consumer = mailwarden::sqs::SqsConsumer::create({.queue_url = url, .region = "eu-west-1"});
//   consumer->run([](std::span<const QueueMessage> batch) -> Result<Done, Error> { ...; return Done{}; });
#pragma once

#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/net/credentials.hpp>
#include <mailwarden/net/http.hpp>
#include <mailwarden/net/retry.hpp>
#include <mailwarden/result.hpp>
#include <mailwarden/sqs/client.hpp>
#include <mailwarden/sqs/error.hpp>
#include <mailwarden/sqs/types.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <vector>

namespace mailwarden::sqs {

/// Takes one batch (1 to batch_size messages) and says whether it was
/// handled. Success: every message of the batch is deleted. An error: none
/// is, and SQS delivers them again once their visibility timeout passes, so
/// a sink must be idempotent (the feedback events' idempotency keys are
/// made for this). Runs on the thread that called poll_once() or run().
using BatchSink = std::function<Result<Done, Error>(std::span<const QueueMessage> batch)>;

struct ConsumerOptions {
    std::string queue_url;  ///< https://sqs.<region>.amazonaws.com/<account>/<name>
    /// "eu-west-1". Empty: AWS_REGION, AWS_DEFAULT_REGION, the profile's region.
    std::string region;
    /// Where requests go. Empty: https://sqs.<region>.amazonaws.com.
    std::string endpoint;
    /// Null: the default chain (environment, then shared files).
    std::shared_ptr<aws::CredentialsProvider> credentials;
    std::chrono::seconds wait_time{20};  ///< long poll, 0..20 s
    int batch_size = 10;                 ///< MaxNumberOfMessages, 1..10
    /// How long a received batch stays invisible to other consumers, 1 s ..
    /// 12 h; extended every half of it while the sink runs.
    std::chrono::seconds visibility_timeout{30};
    /// read_timeout is raised to wait_time + 10 s when it is shorter.
    http::HttpOptions http;
    aws::RetryOptions retry;
};

/// What one poll did.
struct ConsumeReport {
    std::size_t received = 0;  ///< messages handed to the sink (0: nothing came within the wait time)
    std::size_t deleted = 0;   ///< messages deleted after the sink succeeded
    /// Messages SQS did not delete (they will come back).
    std::vector<BatchEntryFailure> delete_failures;
    /// The sink's error: nothing was deleted.
    std::optional<Error> sink_error;
    /// ChangeMessageVisibilityBatch calls made while the sink ran.
    std::size_t visibility_extensions = 0;
    /// The last extension that failed (whole call or an entry), if any: the
    /// batch may then be delivered again while the sink still runs.
    std::optional<Error> extension_error;
};

/// What run() did, added up over its polls.
struct RunReport {
    std::size_t polls = 0;
    std::size_t received = 0;
    std::size_t deleted = 0;
    std::size_t sink_failures = 0;       ///< batches the sink refused (left in the queue)
    std::size_t delete_failures = 0;     ///< messages SQS did not delete
    std::size_t visibility_extensions = 0;
    bool stopped = false;                ///< ended by stop() or the stop token, not by max_batches
};

/// One queue's consumer. poll_once() and run() may be called from one thread
/// at a time; stop() from any thread, at any time. Owns its SQS client (and
/// its I/O thread); destroying it while a poll runs is not allowed.
class MAILWARDEN_EXPORT SqsConsumer {
public:
    /// Errors: invalid_configuration (no queue URL, wait time, batch size or
    /// visibility timeout out of range, endpoint, region).
    static Result<std::unique_ptr<SqsConsumer>, Error> create(ConsumerOptions options);
    /// Joins the client's I/O thread; not while poll_once() or run() runs.
    ~SqsConsumer();
    SqsConsumer(const SqsConsumer&) = delete;
    SqsConsumer& operator=(const SqsConsumer&) = delete;

    /// One ReceiveMessage (long poll); a batch that came is handed to `sink`,
    /// then deleted if the sink succeeded. The error is SQS's (receive or
    /// delete: retried first like every call) or interrupted after stop();
    /// the sink's own failure is a report (ConsumeReport::sink_error).
    Result<ConsumeReport, Error> poll_once(const BatchSink& sink);

    /// poll_once() until `max_batches` polls were made (0: no limit), stop()
    /// is called or `stop` is requested (which is a stop(): sticky until
    /// resume()). A poll waiting for messages ends at once on stop. Ends early with the first SQS error (the counts so far
    /// are lost with it; the messages of a batch not deleted come back).
    Result<RunReport, Error> run(const BatchSink& sink, std::size_t max_batches = 0, std::stop_token stop = {});

    /// Ends run() after the current step: a receive in flight is
    /// interrupted, a sink that runs is let finish (and its batch deleted).
    /// Later polls end at once, until resume(). Thread-safe.
    void stop();
    /// Allows polling again after stop().
    void resume();

    /// The options in force (region resolved, read_timeout raised).
    const ConsumerOptions& options() const noexcept;

private:
    struct Impl;
    explicit SqsConsumer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace mailwarden::sqs
