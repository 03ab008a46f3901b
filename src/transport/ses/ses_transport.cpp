// Transport over Amazon SES v2: the sender registry's verification and
// sending, through the SES client.
#include <mailwarden/ses/transport.hpp>
#include <mailwarden/transport.hpp>

namespace mailwarden {

namespace {

IdentityStatus from_verification_status(ses::VerificationStatus s) {
    switch (s) {
    case ses::VerificationStatus::pending: return IdentityStatus::pending;
    case ses::VerificationStatus::success: return IdentityStatus::verified;
    case ses::VerificationStatus::failed: return IdentityStatus::failed;
    case ses::VerificationStatus::temporary_failure: return IdentityStatus::temporary_failure;
    case ses::VerificationStatus::not_started: return IdentityStatus::not_started;
    case ses::VerificationStatus::unknown: break;
    }
    return IdentityStatus::temporary_failure;  // nothing to conclude from a status we do not know
}

class SesTransport final : public Transport {
public:
    SesTransport(std::shared_ptr<ses::Client> client, SesTransportOptions options)
        : client_(std::move(client)), options_(std::move(options)) {}

    std::string_view name() const noexcept override { return "ses"; }

    Result<Done, Error> request_verification(const VerificationRequest& request) override {
        if (!options_.verification_template.empty()) {
            auto sent = client_->send_custom_verification_email(request.address, options_.verification_template,
                                                                options_.configuration_set);
            if (!sent) return unexpected(sent.error());
            return Done{};
        }
        auto created = client_->create_email_identity(request.address);
        if (!created && created.error().code == ses::errc::already_exists) {
            // SES v2 has no "resend": a new identity sends a new link.
            auto deleted = client_->delete_email_identity(request.address);
            if (!deleted && deleted.error().code != ses::errc::not_found) return unexpected(deleted.error());
            created = client_->create_email_identity(request.address);
        }
        if (!created) return unexpected(created.error());
        return Done{};
    }

    Result<IdentityStatus, Error> identity_status(std::string_view address) override {
        auto identity = client_->get_email_identity(address);
        if (!identity) {
            if (identity.error().code == ses::errc::not_found) return IdentityStatus::not_found;
            return unexpected(identity.error());
        }
        return from_verification_status(identity->verification_status);
    }

    Result<Done, Error> delete_identity(std::string_view address) override {
        auto deleted = client_->delete_email_identity(address);
        if (!deleted) return unexpected(deleted.error());
        return Done{};
    }

    Result<std::string, Error> send(const OutgoingMessage& message, std::string_view display_name) override {
        ses::SendRequest r;
        r.from = message.from;
        r.from_display_name = std::string(display_name);
        r.to = message.to;
        r.subject = message.subject;
        r.text = message.text;
        r.html = message.html;
        r.raw = message.raw;
        r.headers = message.headers;
        r.configuration_set = options_.configuration_set;
        auto id = client_->send_email(r);
        if (!id) return unexpected(id.error());
        return std::move(*id);
    }

private:
    std::shared_ptr<ses::Client> client_;
    SesTransportOptions options_;
};

}  // namespace

std::shared_ptr<Transport> make_ses_transport(std::shared_ptr<ses::Client> client, SesTransportOptions options) {
    return std::make_shared<SesTransport>(std::move(client), std::move(options));
}

}  // namespace mailwarden
