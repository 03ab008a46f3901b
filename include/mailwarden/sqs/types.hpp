// What the Amazon SQS client sends and gets back.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mailwarden::sqs {

/// One received message. For SES feedback the body is an SNS envelope, or
/// the SES JSON document itself under raw message delivery; it is passed on
/// untouched.
struct QueueMessage {
    std::string message_id;      ///< SQS MessageId
    std::string receipt_handle;  ///< what deletes it or changes its visibility (this receive only)
    std::string body;
    /// ApproximateReceiveCount: 1 on the first delivery; 0 when not reported.
    std::int64_t receive_count = 0;
};

/// ReceiveMessage's parameters.
struct ReceiveOptions {
    int max_messages = 10;                         ///< MaxNumberOfMessages, 1..10
    std::chrono::seconds wait_time{20};            ///< WaitTimeSeconds (long poll), 0..20
    /// VisibilityTimeout of the received messages, 0..43200 s; negative:
    /// the queue's own setting.
    std::chrono::seconds visibility_timeout{-1};
};

/// One entry of a batch that the service did not carry out.
struct BatchEntryFailure {
    std::size_t index = 0;     ///< position in the batch as given (receipt handles in order)
    std::string code;          ///< "ReceiptHandleIsInvalid" ...
    std::string message;
    bool sender_fault = false;  ///< true: the entry itself is wrong; false: try again
};

/// What a batch call did: entries are all in `succeeded` or `failed`.
struct BatchOutcome {
    std::size_t succeeded = 0;
    std::vector<BatchEntryFailure> failed;
};

}  // namespace mailwarden::sqs
