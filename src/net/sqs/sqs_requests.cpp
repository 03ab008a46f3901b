// Request builders of the SQS operations (the sqs 2012-11-05 model, JSON protocol).
#include "sqs_error_mapping.hpp"
#include "sqs_wire.hpp"

#include <boost/json.hpp>

namespace mailwarden::sqs::wire {

namespace {

namespace json = boost::json;

aws::ServiceRequest make(std::string operation, const json::object& body, bool idempotent = true) {
    aws::ServiceRequest r;
    r.headers = {{"Content-Type", "application/x-amz-json-1.0"},
                 {"X-Amz-Target", "AmazonSQS." + operation},
                 // The service answers with the query-protocol error codes too.
                 {"x-amzn-query-mode", "true"}};
    r.operation = std::move(operation);
    r.body = json::serialize(body);
    r.idempotent = idempotent;
    return r;
}

// Ids "0".."n-1", one per receipt handle, with what `extra` adds to each.
template <class Extra>
json::array entries(std::span<const std::string> receipt_handles, Extra&& extra) {
    json::array out;
    for (std::size_t i = 0; i < receipt_handles.size(); ++i) {
        json::object entry{{"Id", std::to_string(i)}, {"ReceiptHandle", receipt_handles[i]}};
        extra(entry);
        out.push_back(std::move(entry));
    }
    return out;
}

}  // namespace

Parsed<aws::ServiceRequest> receive_message(std::string_view queue_url, const ReceiveOptions& options) {
    if (queue_url.empty()) return unexpected(local_error(errc::invalid_configuration, "ReceiveMessage: no queue URL"));
    if (options.max_messages < 1 || options.max_messages > static_cast<int>(max_batch_entries))
        return unexpected(local_error(errc::invalid_configuration, "ReceiveMessage: MaxNumberOfMessages " +
                                                                       std::to_string(options.max_messages) +
                                                                       " is not within 1..10"));
    if (options.wait_time.count() < 0 || options.wait_time.count() > 20)
        return unexpected(local_error(errc::invalid_configuration, "ReceiveMessage: WaitTimeSeconds " +
                                                                       std::to_string(options.wait_time.count()) +
                                                                       " is not within 0..20"));
    if (options.visibility_timeout.count() > 43'200)
        return unexpected(local_error(errc::invalid_configuration, "ReceiveMessage: VisibilityTimeout " +
                                                                       std::to_string(options.visibility_timeout.count()) +
                                                                       " is above 43200"));
    json::object body{{"QueueUrl", queue_url},
                      {"MaxNumberOfMessages", options.max_messages},
                      {"WaitTimeSeconds", options.wait_time.count()},
                      {"MessageSystemAttributeNames", json::array{"ApproximateReceiveCount"}}};
    if (options.visibility_timeout.count() >= 0) body["VisibilityTimeout"] = options.visibility_timeout.count();
    return make("ReceiveMessage", body);
}

aws::ServiceRequest delete_message_batch(std::string_view queue_url, std::span<const std::string> receipt_handles) {
    return make("DeleteMessageBatch",
                {{"QueueUrl", queue_url}, {"Entries", entries(receipt_handles, [](json::object&) {})}});
}

aws::ServiceRequest change_message_visibility_batch(std::string_view queue_url,
                                                    std::span<const std::string> receipt_handles,
                                                    std::chrono::seconds visibility_timeout) {
    const auto seconds = visibility_timeout.count();
    return make("ChangeMessageVisibilityBatch",
                {{"QueueUrl", queue_url},
                 {"Entries", entries(receipt_handles, [seconds](json::object& e) { e["VisibilityTimeout"] = seconds; })}});
}

aws::ServiceRequest send_message(std::string_view queue_url, std::string_view body) {
    return make("SendMessage", {{"QueueUrl", queue_url}, {"MessageBody", body}}, false);
}

aws::ServiceRequest create_queue(std::string_view name, const std::map<std::string, std::string>& attributes) {
    json::object body{{"QueueName", name}};
    if (!attributes.empty()) {
        json::object a;
        for (const auto& [k, v] : attributes) a[k] = v;
        body["Attributes"] = std::move(a);
    }
    return make("CreateQueue", body);
}

aws::ServiceRequest get_queue_url(std::string_view name) { return make("GetQueueUrl", {{"QueueName", name}}); }

}  // namespace mailwarden::sqs::wire
