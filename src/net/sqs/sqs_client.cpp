// The public SQS client: each operation built by the wire code and sent
// through the shared AWS service caller.
#include <mailwarden/sqs/client.hpp>

#include "sqs_calls.hpp"
#include "sqs_wire.hpp"

namespace mailwarden::sqs {

namespace {

template <class T, class Parse>
SqsResult<T> parse_with(aws::BodyResult body, Parse&& parse) {
    if (!body) return unexpected(std::move(body).error());
    return parse(*body);
}

}  // namespace

struct Client::Impl {
    std::shared_ptr<aws::ServiceCaller> caller;
};

Client::Client(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Client::~Client() {
    if (impl_ && impl_->caller) impl_->caller->shutdown();
}

SqsResult<std::shared_ptr<Client>> Client::create(ClientOptions options) {
    auto caller = calls::make_caller(options);
    if (!caller) return unexpected(std::move(caller).error());
    auto impl = std::make_unique<Impl>();
    impl->caller = std::move(*caller);
    return std::shared_ptr<Client>(new Client(std::move(impl)));
}

SqsResult<std::vector<QueueMessage>> Client::receive_messages(std::string_view queue_url, const ReceiveOptions& options) {
    return calls::receive(*impl_->caller, queue_url, options);
}

SqsResult<BatchOutcome> Client::delete_message_batch(std::string_view queue_url,
                                                     std::span<const std::string> receipt_handles) {
    return calls::batch(*impl_->caller, calls::BatchKind::remove, queue_url, receipt_handles);
}

SqsResult<BatchOutcome> Client::change_message_visibility_batch(std::string_view queue_url,
                                                                std::span<const std::string> receipt_handles,
                                                                std::chrono::seconds visibility_timeout) {
    return calls::batch(*impl_->caller, calls::BatchKind::change_visibility, queue_url, receipt_handles,
                        visibility_timeout);
}

SqsResult<std::string> Client::send_message(std::string_view queue_url, std::string_view body) {
    return parse_with<std::string>(impl_->caller->call_blocking(wire::send_message(queue_url, body)),
                                   [](const std::string& b) { return wire::parse_message_id(b); });
}

SqsResult<std::string> Client::create_queue(std::string_view name, const std::map<std::string, std::string>& attributes) {
    return parse_with<std::string>(impl_->caller->call_blocking(wire::create_queue(name, attributes)),
                                   [](const std::string& b) { return wire::parse_queue_url(b); });
}

SqsResult<std::string> Client::get_queue_url(std::string_view name) {
    return parse_with<std::string>(impl_->caller->call_blocking(wire::get_queue_url(name)),
                                   [](const std::string& b) { return wire::parse_queue_url(b); });
}

const std::string& Client::region() const noexcept { return impl_->caller->region(); }
const std::string& Client::endpoint() const noexcept { return impl_->caller->endpoint(); }

}  // namespace mailwarden::sqs
