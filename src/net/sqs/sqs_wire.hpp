// The SQS operations as pure code: each builder gives the JSON-protocol
// request (POST /, X-Amz-Target AmazonSQS.<Op>, a JSON body), each parser
// reads an answer. No I/O here; sqs_calls.cpp sends what these describe.
#pragma once

#include "net/aws/service_caller.hpp"

#include <mailwarden/result.hpp>
#include <mailwarden/sqs/error.hpp>
#include <mailwarden/sqs/types.hpp>

#include <chrono>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::sqs::wire {

/// At most this many entries per batch request, and messages per receive.
inline constexpr std::size_t max_batch_entries = 10;

template <class T>
using Parsed = Result<T, Error>;

/// Errors (invalid_configuration): max_messages outside 1..10, wait time
/// outside 0..20 s, visibility timeout above 43200 s, an empty queue URL.
Parsed<aws::ServiceRequest> receive_message(std::string_view queue_url, const ReceiveOptions& options);
/// Entries "0".."n-1" for at most 10 receipt handles.
aws::ServiceRequest delete_message_batch(std::string_view queue_url, std::span<const std::string> receipt_handles);
aws::ServiceRequest change_message_visibility_batch(std::string_view queue_url,
                                                    std::span<const std::string> receipt_handles,
                                                    std::chrono::seconds visibility_timeout);
aws::ServiceRequest send_message(std::string_view queue_url, std::string_view body);
aws::ServiceRequest create_queue(std::string_view name, const std::map<std::string, std::string>& attributes);
aws::ServiceRequest get_queue_url(std::string_view name);

/// ReceiveMessage's answer. Errors (malformed_response): not a JSON object,
/// Messages not an array of objects, a message without a string MessageId,
/// ReceiptHandle or Body, an ApproximateReceiveCount that is not a count.
Parsed<std::vector<QueueMessage>> parse_receive_message(std::string_view body);

/// A batch answer for `entries` entries sent with ids "0".."n-1". Errors
/// (malformed_response): shapes as above, an id that was not sent, an entry
/// listed twice. An entry the answer does not name counts as failed.
Parsed<BatchOutcome> parse_batch_result(std::string_view body, std::size_t entries);

/// SendMessage's MessageId; CreateQueue's and GetQueueUrl's QueueUrl.
Parsed<std::string> parse_message_id(std::string_view body);
Parsed<std::string> parse_queue_url(std::string_view body);

}  // namespace mailwarden::sqs::wire
