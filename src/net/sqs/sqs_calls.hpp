// The SQS operations sent through the shared AWS service caller: what the
// public Client and the SqsConsumer both call.
#pragma once

#include "net/aws/service_caller.hpp"

#include <mailwarden/sqs/client.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::sqs::calls {

/// A caller for SQS (signing name "sqs", default endpoint sqs.<region>.amazonaws.com).
SqsResult<std::shared_ptr<aws::ServiceCaller>> make_caller(const ClientOptions& options);

SqsResult<std::vector<QueueMessage>> receive(aws::ServiceCaller& caller, std::string_view queue_url,
                                             const ReceiveOptions& options,
                                             std::shared_ptr<aws::CallInterrupt> interrupt = nullptr);

enum class BatchKind { remove, change_visibility };

/// Any number of entries, sent 10 at a time (blocking).
SqsResult<BatchOutcome> batch(aws::ServiceCaller& caller, BatchKind kind, std::string_view queue_url,
                              std::span<const std::string> receipt_handles, std::chrono::seconds visibility = {});

/// At most 10 entries; `done` runs on the caller's I/O thread.
void batch_async(aws::ServiceCaller& caller, BatchKind kind, std::string_view queue_url,
                 std::span<const std::string> receipt_handles, std::chrono::seconds visibility,
                 std::function<void(SqsResult<BatchOutcome>)> done);

}  // namespace mailwarden::sqs::calls
