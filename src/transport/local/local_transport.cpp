// The embedded local transport: identities as small JSON files, mails as
// Maildir .eml files, simulator notifications as JSON events.
//
//   <outbox>/new/*.eml            verification mails and sent messages
//   <outbox>/identities/*.json    one per address: status, expiry, nonce, link
//   <outbox>/events/*.json        SES-format notifications from the simulator
//   <outbox>/.verification-key    HMAC key of the links (created 0600)
#include <mailwarden/transport.hpp>

#include "common/hex.hpp"
#include "common/mail_format.hpp"
#include "common/message_builder.hpp"
#include "common/random_bytes.hpp"
#include "transport/local/files.hpp"
#include "transport/local/simulator_events.hpp"
#include "transport/local/verification_link.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <filesystem>

namespace mailwarden {

Transport::~Transport() = default;

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

std::string random_hex(std::size_t bytes) {
    return common::hex_lower(common::random_bytes(bytes));
}

struct IdentityRecord {
    std::string address;
    std::string status = "pending";  // pending | verified | failed
    std::int64_t requested_at = 0;
    std::int64_t expires_at = 0;
    std::string nonce;
    std::string link;
};

}  // namespace

struct LocalTransport::Impl {
    LocalTransportOptions options;
    std::shared_ptr<Clock> clock;
    std::string key;

    fs::path identity_path(std::string_view address) const {
        return fs::path(options.outbox) / "identities" / (common::hex_lower(address) + ".json");
    }

    Result<std::optional<IdentityRecord>, Error> load(std::string_view address) const {
        auto text = local::read_file(identity_path(address));
        if (!text) return std::optional<IdentityRecord>();
        boost::system::error_code ec;
        const json::value v = json::parse(*text, ec);
        if (ec || !v.is_object())
            return unexpected(Error(errc::parse, "identity file for " + std::string(address) + " is damaged"));
        const auto& o = v.get_object();
        IdentityRecord r;
        try {
            r.address = json::value_to<std::string>(o.at("address"));
            r.status = json::value_to<std::string>(o.at("status"));
            r.requested_at = json::value_to<std::int64_t>(o.at("requested_at"));
            r.expires_at = json::value_to<std::int64_t>(o.at("expires_at"));
            r.nonce = json::value_to<std::string>(o.at("nonce"));
            r.link = json::value_to<std::string>(o.at("link"));
        } catch (const std::exception&) {
            return unexpected(Error(errc::parse, "identity file for " + std::string(address) + " is damaged"));
        }
        return std::optional<IdentityRecord>(std::move(r));
    }

    Result<Done, Error> save(const IdentityRecord& r) const {
        const json::object o{{"address", r.address}, {"status", r.status},     {"requested_at", r.requested_at},
                             {"expires_at", r.expires_at}, {"nonce", r.nonce}, {"link", r.link}};
        return local::write_file_atomically(identity_path(r.address), json::serialize(o));
    }

    std::string new_message_id() const { return local::unique_name() + "@mailwarden.local"; }

    Result<std::string, Error> deliver(const common::MessageParts& parts) const {
        auto message = common::build_message(parts);
        if (!message) return unexpected(std::move(message).error());
        auto path = local::deliver_to_maildir(options.outbox, *message);
        if (!path) return unexpected(std::move(path).error());
        return parts.message_id;
    }
};

LocalTransport::LocalTransport(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LocalTransport::~LocalTransport() = default;

Result<std::shared_ptr<LocalTransport>, Error> LocalTransport::open(LocalTransportOptions options,
                                                                   std::shared_ptr<Clock> clock) {
    if (options.outbox.empty()) return unexpected(Error(errc::invalid_argument, "the outbox folder is not set"));
    std::error_code ec;
    for (const char* sub : {"tmp", "new", "cur", "identities", "events"})
        fs::create_directories(fs::path(options.outbox) / sub, ec);
    if (ec) return unexpected(Error(errc::io, "cannot create the outbox " + options.outbox + ": " + ec.message()));

    const fs::path key_path = fs::path(options.outbox) / ".verification-key";
    auto key = local::read_file(key_path);
    if (!key) {
        const std::string fresh = random_hex(32);
        // Two processes may race here: both write a key, the last rename wins,
        // and both then use what is on disk.
        if (auto w = local::write_file_atomically(key_path, fresh, 0600); !w) return unexpected(std::move(w).error());
        key = local::read_file(key_path);
        if (!key) return unexpected(std::move(key).error());
    }
    auto impl = std::make_unique<Impl>();
    impl->options = std::move(options);
    impl->clock = std::move(clock);
    impl->key = std::move(*key);
    return std::shared_ptr<LocalTransport>(new LocalTransport(std::move(impl)));
}

Result<Done, Error> LocalTransport::request_verification(const VerificationRequest& request) {
    const TimePoint now = impl_->clock->now();
    IdentityRecord r;
    r.address = request.address;
    r.requested_at = to_unix_seconds(now);
    r.expires_at = to_unix_seconds(now + request.lifetime);
    r.nonce = random_hex(8);
    r.link = local::make_link(impl_->options.link_base, impl_->key, {r.address, r.expires_at, r.nonce});
    if (auto saved = impl_->save(r); !saved) return saved;

    const auto hours = std::chrono::duration_cast<std::chrono::hours>(request.lifetime).count();
    const std::string lifetime = hours >= 1 ? std::to_string(hours) + " hours"
                                            : std::to_string(request.lifetime.count()) + " seconds";
    common::MessageParts mail;
    mail.from_header = "\"Email Address Verification\" <no-reply-verification@mailwarden.local>";
    auto to = common::format_address(request.alias, request.address);
    if (!to) return unexpected(std::move(to).error());
    mail.to = {*to};
    mail.subject = "Email Address Verification Request";
    mail.text = "Dear customer,\n\n"
                "We have received a request to authorize this email address (" + request.address +
                ") for sending. If you requested this verification, please go to the following URL to confirm "
                "that you are authorized to use this email address:\n\n" + r.link +
                "\n\nYour request will not be processed unless you confirm the address using this URL. "
                "This link expires " + lifetime + " after your original verification request.\n\n"
                "If you did NOT request to verify this email address, do not click on the link.\n";
    mail.message_id = impl_->new_message_id();
    mail.date = now;
    auto sent = impl_->deliver(mail);
    if (!sent) return unexpected(std::move(sent).error());
    return Done{};
}

Result<IdentityStatus, Error> LocalTransport::identity_status(std::string_view address) {
    auto r = impl_->load(address);
    if (!r) return unexpected(std::move(r).error());
    if (!*r) return IdentityStatus::not_found;
    if ((*r)->status == "verified") return IdentityStatus::verified;
    if ((*r)->status == "failed") return IdentityStatus::failed;
    // Like SES: an unclicked link turns the identity Failed once it expires.
    if (to_unix_seconds(impl_->clock->now()) >= (*r)->expires_at) return IdentityStatus::failed;
    return IdentityStatus::pending;
}

Result<Done, Error> LocalTransport::delete_identity(std::string_view address) {
    std::error_code ec;
    if (!fs::remove(impl_->identity_path(address), ec))
        return unexpected(Error(ec ? errc::io : errc::not_found, "no identity " + std::string(address)));
    return Done{};
}

Result<std::string, Error> LocalTransport::send(const OutgoingMessage& message, std::string_view display_name) {
    if (message.to.empty()) return unexpected(Error(errc::invalid_argument, "a message needs at least one recipient"));
    const TimePoint now = impl_->clock->now();
    const std::string message_id = impl_->new_message_id();
    std::string text = message.raw;
    if (text.empty()) {
        auto built = common::compose_message(message, display_name, message_id, now);
        if (!built) return unexpected(std::move(built).error());
        text = std::move(*built);
    }
    const auto signers = dkim_signers_for(impl_->options.dkim_signers, common::domain_of(message.from));
    if (!signers.empty()) {
        auto signed_text = dkim_sign_message(text, signers);
        if (!signed_text) return unexpected(std::move(signed_text).error());
        text = std::move(*signed_text);
    }
    if (auto path = local::deliver_to_maildir(impl_->options.outbox, text); !path) return unexpected(std::move(path).error());
    for (const auto& recipient : message.to) {
        const auto event = local::simulator_notification(recipient, message.from, message.to, message_id, now);
        if (!event) continue;
        const fs::path path = fs::path(impl_->options.outbox) / "events" / (local::unique_name() + ".json");
        if (auto w = local::write_file_atomically(path, *event); !w) return unexpected(std::move(w).error());
    }
    return message_id;
}

Result<Confirmation, Error> LocalTransport::confirm(std::string_view link) {
    // Links copied out of a mail often carry the line end or spaces with them.
    while (!link.empty() && std::isspace(static_cast<unsigned char>(link.back()))) link.remove_suffix(1);
    while (!link.empty() && std::isspace(static_cast<unsigned char>(link.front()))) link.remove_prefix(1);
    auto claims = local::verify_link(link, impl_->key);
    if (!claims) return unexpected(std::move(claims).error());
    auto r = impl_->load(claims->address);
    if (!r) return unexpected(std::move(r).error());
    if (!*r) return unexpected(Error(errc::not_found, "the identity " + claims->address + " no longer exists"));
    IdentityRecord& record = **r;
    if (record.nonce != claims->nonce)
        return unexpected(Error(errc::invalid_argument, "this link was replaced by a newer verification mail"));
    if (record.status == "verified")
        return Confirmation{record.address, "Your email address " + record.address +
                                                " is already verified. You can start sending email from it."};
    if (to_unix_seconds(impl_->clock->now()) >= claims->expires) {
        record.status = "failed";
        (void)impl_->save(record);
        return unexpected(Error(errc::expired, "the verification link for " + record.address +
                                                   " has expired; ask for a new verification mail"));
    }
    record.status = "verified";
    if (auto saved = impl_->save(record); !saved) return unexpected(std::move(saved).error());
    return Confirmation{record.address,
                        "Congratulations! You have successfully verified an email address. You can now start sending "
                        "email from this address: " + record.address};
}

Result<std::string, Error> LocalTransport::last_link(std::string_view address) {
    auto r = impl_->load(address);
    if (!r) return unexpected(std::move(r).error());
    if (!*r) return unexpected(Error(errc::not_found, "no identity " + std::string(address)));
    return (*r)->link;
}

}  // namespace mailwarden
