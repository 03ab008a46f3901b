#include "visibility_keeper.hpp"

#include "sqs_calls.hpp"
#include "sqs_error_mapping.hpp"

#include <future>

namespace mailwarden::sqs {

// Touched on the caller's strand only, but for `finished`, which stop() waits on.
struct VisibilityKeeper::State : std::enable_shared_from_this<State> {
    std::shared_ptr<aws::ServiceCaller> caller;
    std::string queue_url;
    std::vector<std::string> handles;
    std::chrono::seconds visibility{};
    std::shared_ptr<boost::asio::steady_timer> timer;
    bool in_flight = false;
    bool stopped = false;
    bool done = false;
    Outcome outcome;
    std::promise<void> finished;

    void schedule() {
        if (stopped) return;
        timer = caller->make_timer(std::chrono::milliseconds(visibility) / 2);
        timer->async_wait([self = shared_from_this()](boost::system::error_code ec) {
            if (!ec && !self->stopped) self->extend();
        });
    }

    void extend() {
        in_flight = true;
        calls::batch_async(*caller, calls::BatchKind::change_visibility, queue_url, handles, visibility,
                           [self = shared_from_this()](SqsResult<BatchOutcome> result) {
                               self->in_flight = false;
                               self->record(std::move(result));
                               if (self->stopped)
                                   self->finish();
                               else
                                   self->schedule();
                           });
    }

    void record(SqsResult<BatchOutcome> result) {
        if (!result) {
            outcome.error = std::move(result).error();
            return;
        }
        ++outcome.extensions;
        if (result->failed.empty()) return;
        const auto& f = result->failed.back();
        Error e(make_error_code(code_for_type(f.code, 400)),
                "ChangeMessageVisibilityBatch: entry " + std::to_string(f.index) + ": " + f.message);
        e.service_code = f.code;
        outcome.error = std::move(e);
    }

    void finish() {
        if (done) return;
        done = true;
        finished.set_value();
    }
};

VisibilityKeeper::VisibilityKeeper(std::shared_ptr<aws::ServiceCaller> caller, std::string queue_url,
                                   std::vector<std::string> receipt_handles, std::chrono::seconds visibility)
    : state_(std::make_shared<State>()) {
    state_->caller = std::move(caller);
    state_->queue_url = std::move(queue_url);
    state_->handles = std::move(receipt_handles);
    state_->visibility = visibility;
    if (!state_->caller->post_unless_closed([state = state_] { state->schedule(); })) stopped_ = true;
}

VisibilityKeeper::~VisibilityKeeper() {
    if (!stopped_) stop();
}

VisibilityKeeper::Outcome VisibilityKeeper::stop() {
    if (stopped_) return state_->outcome;
    stopped_ = true;
    auto ended = state_->finished.get_future();
    const bool posted = state_->caller->post_unless_closed([state = state_] {
        state->stopped = true;
        if (state->timer) state->timer->cancel();
        if (!state->in_flight) state->finish();
    });
    if (posted) ended.wait();
    return state_->outcome;
}

}  // namespace mailwarden::sqs
