// SqsConsumer: receive a batch (long poll), hand it to the sink while a
// VisibilityKeeper extends its visibility, delete it only when the sink
// succeeded.
#include <mailwarden/sqs.hpp>

#include "sqs_calls.hpp"
#include "sqs_error_mapping.hpp"
#include "visibility_keeper.hpp"

#include <mutex>
#include <optional>
#include <stop_token>

namespace mailwarden::sqs {

namespace {

Result<Done, Error> check(const ConsumerOptions& o) {
    const auto refuse = [](std::string what) { return unexpected(local_error(errc::invalid_configuration, std::move(what))); };
    if (o.queue_url.empty()) return refuse("SqsConsumer: no queue URL");
    if (o.wait_time.count() < 0 || o.wait_time.count() > 20)
        return refuse("SqsConsumer: the wait time " + std::to_string(o.wait_time.count()) + " s is not within 0..20");
    if (o.batch_size < 1 || o.batch_size > 10)
        return refuse("SqsConsumer: the batch size " + std::to_string(o.batch_size) + " is not within 1..10");
    if (o.visibility_timeout.count() < 1 || o.visibility_timeout.count() > 43'200)
        return refuse("SqsConsumer: the visibility timeout " + std::to_string(o.visibility_timeout.count()) +
                      " s is not within 1..43200");
    return Done{};
}

}  // namespace

struct SqsConsumer::Impl {
    ConsumerOptions options;
    std::shared_ptr<aws::ServiceCaller> caller;

    std::mutex mutex;
    bool stopped = false;
    std::shared_ptr<aws::CallInterrupt> receiving;  // the receive in flight, for stop()

    bool is_stopped() {
        const std::lock_guard lock(mutex);
        return stopped;
    }

    SqsResult<std::vector<QueueMessage>> receive() {
        auto interrupt = std::make_shared<aws::CallInterrupt>();
        {
            const std::lock_guard lock(mutex);
            if (stopped) return unexpected(local_error(errc::interrupted, "ReceiveMessage: the consumer is stopped"));
            receiving = interrupt;
        }
        auto batch = calls::receive(*caller, options.queue_url,
                                    {options.batch_size, options.wait_time, options.visibility_timeout}, interrupt);
        const std::lock_guard lock(mutex);
        receiving.reset();
        return batch;
    }
};

SqsConsumer::SqsConsumer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SqsConsumer::~SqsConsumer() {
    if (impl_ && impl_->caller) impl_->caller->shutdown();
}

Result<std::unique_ptr<SqsConsumer>, Error> SqsConsumer::create(ConsumerOptions options) {
    if (auto ok = check(options); !ok) return unexpected(std::move(ok).error());
    // A long poll must not be taken for a stalled answer.
    const auto read_floor = std::chrono::duration_cast<std::chrono::milliseconds>(options.wait_time) + std::chrono::seconds(10);
    if (options.http.read_timeout < read_floor) options.http.read_timeout = read_floor;
    auto caller = calls::make_caller({options.region, options.endpoint, options.credentials, options.http, options.retry});
    if (!caller) return unexpected(std::move(caller).error());
    auto impl = std::make_unique<Impl>();
    impl->caller = std::move(*caller);
    impl->options = std::move(options);
    impl->options.region = impl->caller->region();
    return std::unique_ptr<SqsConsumer>(new SqsConsumer(std::move(impl)));
}

Result<ConsumeReport, Error> SqsConsumer::poll_once(const BatchSink& sink) {
    auto batch = impl_->receive();
    if (!batch) return unexpected(std::move(batch).error());
    ConsumeReport report;
    report.received = batch->size();
    if (batch->empty()) return report;

    std::vector<std::string> handles;
    handles.reserve(batch->size());
    for (const auto& m : *batch) handles.push_back(m.receipt_handle);
    std::optional<Result<Done, Error>> handled;
    {
        VisibilityKeeper keeper(impl_->caller, impl_->options.queue_url, handles, impl_->options.visibility_timeout);
        handled.emplace(sink(std::span<const QueueMessage>(*batch)));
        auto kept = keeper.stop();
        report.visibility_extensions = kept.extensions;
        report.extension_error = std::move(kept.error);
    }
    if (!*handled) {
        // Nothing is deleted: SQS delivers the batch again after its visibility timeout.
        report.sink_error = std::move(*handled).error();
        return report;
    }
    auto deleted = calls::batch(*impl_->caller, calls::BatchKind::remove, impl_->options.queue_url, handles);
    if (!deleted) return unexpected(std::move(deleted).error());
    report.deleted = deleted->succeeded;
    report.delete_failures = std::move(deleted->failed);
    return report;
}

Result<RunReport, Error> SqsConsumer::run(const BatchSink& sink, std::size_t max_batches, std::stop_token stop) {
    const std::stop_callback on_stop(stop, [this] { this->stop(); });
    RunReport total;
    while (max_batches == 0 || total.polls < max_batches) {
        if (impl_->is_stopped()) {
            total.stopped = true;
            break;
        }
        auto report = poll_once(sink);
        if (!report) {
            if (report.error().code == errc::interrupted && impl_->is_stopped()) {
                total.stopped = true;
                break;
            }
            return unexpected(std::move(report).error());
        }
        ++total.polls;
        total.received += report->received;
        total.deleted += report->deleted;
        if (report->sink_error) ++total.sink_failures;
        total.delete_failures += report->delete_failures.size();
        total.visibility_extensions += report->visibility_extensions;
    }
    return total;
}

void SqsConsumer::stop() {
    std::shared_ptr<aws::CallInterrupt> receiving;
    {
        const std::lock_guard lock(impl_->mutex);
        impl_->stopped = true;
        receiving = impl_->receiving;
    }
    if (receiving) impl_->caller->interrupt(receiving);
}

void SqsConsumer::resume() {
    const std::lock_guard lock(impl_->mutex);
    impl_->stopped = false;
}

const ConsumerOptions& SqsConsumer::options() const noexcept { return impl_->options; }

}  // namespace mailwarden::sqs
