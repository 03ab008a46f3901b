#include "sender/gated_send.hpp"

namespace mailwarden {

SendGate::~SendGate() = default;

namespace sender_detail {

namespace {

std::string listed(const std::vector<std::string>& addresses) {
    std::string out;
    for (const auto& a : addresses) out += (out.empty() ? "" : ", ") + a;
    return out;
}

}  // namespace

Result<SendReceipt, Error> send_through_gate(const std::shared_ptr<SendGate>& gate, Transport& transport,
                                             OutgoingMessage message, std::string_view display_name,
                                             std::string_view account) {
    SendReceipt receipt;
    if (gate) {
        auto decision = gate->admit(account, message.to);
        if (!decision) return unexpected(std::move(decision).error());
        if (decision->allowed.empty() && !decision->suppressed.empty())
            return unexpected(Error(errc::suppressed, "not sent: every recipient is suppressed (" +
                                                          listed(decision->suppressed) + ")"));
        message.to = std::move(decision->allowed);
        receipt.suppressed = std::move(decision->suppressed);
    }
    auto id = transport.send(message, display_name);
    if (!id) return unexpected(std::move(id).error());
    receipt.message_id = std::move(*id);
    if (gate) {
        if (auto recorded = gate->sent(account, receipt.message_id, message.to); !recorded)
            receipt.record_error = recorded.error().message;
    }
    return receipt;
}

}  // namespace sender_detail

}  // namespace mailwarden
