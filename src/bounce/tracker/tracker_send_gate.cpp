// BounceTracker as SendGate: the sender registry's view of it.
#include <mailwarden/bounce_tracker.hpp>

namespace mailwarden {

namespace {

class TrackerSendGate final : public SendGate {
public:
    explicit TrackerSendGate(std::shared_ptr<BounceTracker> tracker) : tracker_(std::move(tracker)) {}

    Result<GateDecision, Error> admit(std::string_view account, std::span<const std::string> recipients) override {
        auto admission = tracker_->admit(account, recipients);
        if (!admission) return unexpected(std::move(admission).error());
        GateDecision decision{std::move(admission->allowed), {}};
        for (auto& s : admission->suppressed) decision.suppressed.push_back(std::move(s.address));
        return decision;
    }

    Result<Done, Error> sent(std::string_view account, std::string_view message_id,
                             std::span<const std::string> recipients) override {
        auto recorded = tracker_->record_send(account, message_id, recipients);
        if (!recorded) return unexpected(std::move(recorded).error());
        return Done{};
    }

private:
    std::shared_ptr<BounceTracker> tracker_;
};

}  // namespace

std::shared_ptr<SendGate> make_send_gate(std::shared_ptr<BounceTracker> tracker) {
    return std::make_shared<TrackerSendGate>(std::move(tracker));
}

}  // namespace mailwarden
