// How verification mails and messages leave. The embedded default is the
// local transport (an outbox folder); Amazon SES is the real one.
#pragma once

#include <mailwarden/clock.hpp>
#include <mailwarden/dkim_sign.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/result.hpp>
#include <mailwarden/sender.hpp>
#include <mailwarden/verification.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden {

struct VerificationRequest {
    std::string address;
    std::string alias;
    std::chrono::seconds lifetime{24 * 3600};  ///< how long the link stays valid
};

/// Thread-safe. Errors carry errc::transport (or the SES category for SES).
class MAILWARDEN_EXPORT Transport {
public:
    virtual ~Transport();

    virtual std::string_view name() const noexcept = 0;
    /// Creates the identity (or starts over for an existing one) and sends
    /// the verification mail.
    virtual Result<Done, Error> request_verification(const VerificationRequest& request) = 0;
    virtual Result<IdentityStatus, Error> identity_status(std::string_view address) = 0;
    virtual Result<Done, Error> delete_identity(std::string_view address) = 0;
    /// Sends; returns the message id. `display_name` is the sender's alias.
    virtual Result<std::string, Error> send(const OutgoingMessage& message, std::string_view display_name) = 0;
};

/// A verification link's click, as LocalTransport::confirm reports it.
struct Confirmation {
    std::string address;  ///< the identity the link verified
    std::string message;  ///< what the person who clicked is shown
};

struct LocalTransportOptions {
    std::string outbox;  ///< Maildir folder for .eml files; events/ and identities/ beside new/
    /// Base of the verification links written into the mails.
    std::string link_base = "https://verify.mailwarden.local/confirm";
    /// Keys to sign sent mail with: each message gets a signature from every
    /// signer whose domain is its From domain or a parent of it
    /// (dkim_signers_for). Verification mails, which stand for SES's own,
    /// are not signed.
    std::vector<DkimSigner> dkim_signers{};
};

/// The embedded local transport. Mails are written into the outbox as RFC
/// 5322 files (Maildir: tmp/, new/); each verification mail carries a link
/// with an HMAC-signed token and the expiry; confirm() is the click. Sends
/// to the SES mailbox simulator (success@, bounce@, complaint@,
/// suppressionlist@, ooto@simulator.amazonses.com) also record the
/// notification SES would publish, as JSON in events/.
class MAILWARDEN_EXPORT LocalTransport final : public Transport {
public:
    static Result<std::shared_ptr<LocalTransport>, Error> open(LocalTransportOptions options,
                                                               std::shared_ptr<Clock> clock = system_clock());
    ~LocalTransport() override;

    std::string_view name() const noexcept override { return "local"; }
    Result<Done, Error> request_verification(const VerificationRequest& request) override;
    Result<IdentityStatus, Error> identity_status(std::string_view address) override;
    Result<Done, Error> delete_identity(std::string_view address) override;
    Result<std::string, Error> send(const OutgoingMessage& message, std::string_view display_name) override;

    /// "Clicks" a verification link: on success returns the address and the
    /// confirmation message shown to the user. Errors: invalid_argument (not a
    /// link of this outbox, bad signature), expired, not_found (identity removed).
    Result<Confirmation, Error> confirm(std::string_view link);

    /// The verification link last sent to `address` (for tests and demos).
    Result<std::string, Error> last_link(std::string_view address);

private:
    struct Impl;
    explicit LocalTransport(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace mailwarden
