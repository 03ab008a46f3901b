// with_content_checks(): a transport decorator that checks each message
// under its account's content policy before the inner transport sends it.
#include <mailwarden/content_policy.hpp>

#include "common/message_builder.hpp"

namespace mailwarden {

namespace {

class ContentCheckedTransport final : public Transport {
public:
    ContentCheckedTransport(std::shared_ptr<Transport> inner, ContentPolicies policies, std::string default_account)
        : inner_(std::move(inner)), policies_(std::move(policies)), default_account_(std::move(default_account)) {}

    std::string_view name() const noexcept override { return inner_->name(); }
    Result<Done, Error> request_verification(const VerificationRequest& request) override {
        return inner_->request_verification(request);
    }
    Result<IdentityStatus, Error> identity_status(std::string_view address) override {
        return inner_->identity_status(address);
    }
    Result<Done, Error> delete_identity(std::string_view address) override { return inner_->delete_identity(address); }

    Result<std::string, Error> send(const OutgoingMessage& message, std::string_view display_name) override {
        if (const ContentPolicy* policy = policy_for(message.account)) {
            auto raw = message_text(message, display_name);
            if (!raw) return unexpected(std::move(raw).error());
            auto report = check_content(*raw, policy->options);
            if (!report) return unexpected(std::move(report).error());
            if (refused(*report, *policy)) return unexpected(refusal(*report));
        }
        return inner_->send(message, display_name);
    }

private:
    const ContentPolicy* policy_for(std::string_view account) const {
        if (account.empty()) account = default_account_;
        if (auto it = policies_.find(account); it != policies_.end()) return &it->second;
        if (auto it = policies_.find("*"); it != policies_.end()) return &it->second;
        return nullptr;
    }

    // What the recipient would read: the raw message, or the one the parts make.
    static Result<std::string, Error> message_text(const OutgoingMessage& message, std::string_view display_name) {
        if (!message.raw.empty()) return message.raw;
        return common::compose_message(message, display_name, "content-check@mailwarden.invalid", TimePoint{});
    }

    static bool refused(const ContentReport& report, const ContentPolicy& policy) {
        switch (report.verdict) {
            case ContentVerdict::pass: return false;
            case ContentVerdict::review: return policy.on_review == ContentAction::refuse;
            case ContentVerdict::block: return policy.on_block == ContentAction::refuse;
        }
        return true;
    }

    static Error refusal(const ContentReport& report) {
        std::string text = "not sent: the content checks say " + std::string(to_string(report.verdict)) + " (";
        bool first = true;
        for (const auto& f : report.findings) {
            if (f.severity == ContentSeverity::info) continue;
            text += (first ? "" : "; ") + f.id + ": " + f.evidence;
            first = false;
        }
        return Error(errc::policy, text + ")");
    }

    std::shared_ptr<Transport> inner_;
    ContentPolicies policies_;
    std::string default_account_;
};

}  // namespace

std::string_view to_string(ContentAction action) noexcept {
    return action == ContentAction::refuse ? "refuse" : "send";
}

std::shared_ptr<Transport> with_content_checks(std::shared_ptr<Transport> inner, ContentPolicies policies,
                                               std::string default_account) {
    if (policies.empty()) return inner;
    return std::make_shared<ContentCheckedTransport>(std::move(inner), std::move(policies), std::move(default_account));
}

}  // namespace mailwarden
