#include "sqs_calls.hpp"

#include "sqs_error_mapping.hpp"
#include "sqs_wire.hpp"

#include <algorithm>

namespace mailwarden::sqs::calls {

namespace {

aws::ServiceRequest batch_request(BatchKind kind, std::string_view queue_url, std::span<const std::string> handles,
                                  std::chrono::seconds visibility) {
    return kind == BatchKind::remove ? wire::delete_message_batch(queue_url, handles)
                                     : wire::change_message_visibility_batch(queue_url, handles, visibility);
}

SqsResult<BatchOutcome> parse_batch(aws::BodyResult body, std::size_t entries) {
    if (!body) return unexpected(std::move(body).error());
    return wire::parse_batch_result(*body, entries);
}

}  // namespace

SqsResult<std::shared_ptr<aws::ServiceCaller>> make_caller(const ClientOptions& options) {
    return aws::ServiceCaller::create({options.region, options.endpoint, options.credentials, options.http, options.retry},
                                      sqs_profile());
}

SqsResult<std::vector<QueueMessage>> receive(aws::ServiceCaller& caller, std::string_view queue_url,
                                             const ReceiveOptions& options,
                                             std::shared_ptr<aws::CallInterrupt> interrupt) {
    auto request = wire::receive_message(queue_url, options);
    if (!request) return unexpected(std::move(request).error());
    auto body = caller.call_blocking(std::move(*request), std::move(interrupt));
    if (!body) return unexpected(std::move(body).error());
    return wire::parse_receive_message(*body);
}

SqsResult<BatchOutcome> batch(aws::ServiceCaller& caller, BatchKind kind, std::string_view queue_url,
                              std::span<const std::string> receipt_handles, std::chrono::seconds visibility) {
    BatchOutcome all;
    for (std::size_t start = 0; start < receipt_handles.size(); start += wire::max_batch_entries) {
        const auto chunk = receipt_handles.subspan(start, std::min(wire::max_batch_entries, receipt_handles.size() - start));
        auto outcome = parse_batch(caller.call_blocking(batch_request(kind, queue_url, chunk, visibility)), chunk.size());
        if (!outcome) return unexpected(std::move(outcome).error());
        all.succeeded += outcome->succeeded;
        for (auto& f : outcome->failed) {
            f.index += start;
            all.failed.push_back(std::move(f));
        }
    }
    return all;
}

void batch_async(aws::ServiceCaller& caller, BatchKind kind, std::string_view queue_url,
                 std::span<const std::string> receipt_handles, std::chrono::seconds visibility,
                 std::function<void(SqsResult<BatchOutcome>)> done) {
    const std::size_t entries = receipt_handles.size();
    caller.call(batch_request(kind, queue_url, receipt_handles, visibility),
                [entries, done = std::move(done)](aws::BodyResult body) { done(parse_batch(std::move(body), entries)); });
}

}  // namespace mailwarden::sqs::calls
