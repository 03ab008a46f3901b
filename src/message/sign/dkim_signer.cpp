// DkimSigner: the public face of signature_field(), with the key read and
// the domain, selector and header names checked once, when it is made.
#include <mailwarden/dkim_sign.hpp>

#include "message/dkim/message_fields.hpp"
#include "message/sign/key_record.hpp"
#include "message/sign/signature_field.hpp"
#include "message/sign/signed_headers.hpp"
#include "message/sign/signing_key.hpp"

namespace mailwarden {

namespace md = message_detail;

struct DkimSigner::State {
    md::SigningKey key;
    std::string domain;
    std::string selector;
    DkimSignOptions options;
};

namespace {

md::Canonicalization canonicalization(DkimCanonicalization c) noexcept {
    return c == DkimCanonicalization::simple ? md::Canonicalization::simple : md::Canonicalization::relaxed;
}

// The verifier's tag checks decide what d=, s= and h= may hold: a
// signature we could not verify ourselves is never written.
std::optional<Error> check_tags(const DkimSigner::State& s) {
    std::string value = "v=1; a=" + std::string(md::to_string(s.key.algorithm)) + "; d=" + s.domain + "; s=" + s.selector + "; h=From";
    for (const auto& name : s.options.headers) {
        // One name each: "To:Cc" would read as two names in h= but be counted as one.
        if (name.empty() || name.find(':') != std::string::npos)
            return Error(errc::invalid_argument, "'" + name + "' is not one header field name");
        value += ":" + name;
    }
    value += "; bh=AA==; b=AA==";
    md::DkimSignature parsed;
    if (const auto problem = md::parse_signature(value, parsed)) return Error(errc::invalid_argument, problem->detail);
    return std::nullopt;
}

}  // namespace

const std::vector<std::string>& default_signed_headers() {
    static const std::vector<std::string> names{"From",         "To",           "Cc",          "Subject",
                                                "Date",         "Message-ID",   "Reply-To",    "Content-Type",
                                                "MIME-Version", "List-Unsubscribe", "List-Unsubscribe-Post", "List-Id"};
    return names;
}

Result<DkimSigner, Error> DkimSigner::create(std::string_view private_key_pem, std::string domain, std::string selector,
                                             DkimSignOptions options) {
    auto key = md::read_signing_key(private_key_pem);
    if (!key) return unexpected(std::move(key).error());
    auto state = std::make_shared<State>(State{std::move(*key), std::move(domain), std::move(selector), std::move(options)});
    if (auto problem = check_tags(*state)) return unexpected(std::move(*problem));
    if (state->options.headers.empty()) state->options.headers = default_signed_headers();
    if (!state->options.clock) state->options.clock = system_clock();
    if (state->options.lifetime && state->options.lifetime->count() <= 0)
        return unexpected(Error(errc::invalid_argument, "the signature lifetime must be positive"));
    return DkimSigner(std::move(state));
}

Result<std::string, Error> DkimSigner::sign(std::string_view raw_message) const {
    const md::RawMessage raw = md::split_message(raw_message);
    if (!md::has_field(raw, "From")) return unexpected(Error(errc::invalid_argument, "the message has no From field to sign"));
    const DkimSignOptions& o = state_->options;
    md::SignatureSpec spec;
    spec.key = state_->key.key.get();
    spec.algorithm = state_->key.algorithm;
    spec.header_canonicalization = canonicalization(o.header_canonicalization);
    spec.body_canonicalization = canonicalization(o.body_canonicalization);
    spec.domain = state_->domain;
    spec.selector = state_->selector;
    spec.headers = md::oversigned_headers(raw, o.headers);
    spec.timestamp = to_unix_seconds(o.clock->now());
    if (o.lifetime) spec.expiration = spec.timestamp + o.lifetime->count();
    auto field = md::signature_field(raw, spec, md::line_end_of(raw_message));
    if (!field) return unexpected(Error(errc::internal, "OpenSSL could not sign with the DKIM key"));
    return std::move(*field);
}

Result<std::string, Error> DkimSigner::sign_message(std::string_view raw_message) const {
    return dkim_sign_message(raw_message, std::span<const DkimSigner>(this, 1));
}

std::string_view DkimSigner::algorithm() const noexcept { return md::to_string(state_->key.algorithm); }
unsigned DkimSigner::key_bits() const noexcept { return state_->key.bits; }
const std::string& DkimSigner::domain() const noexcept { return state_->domain; }
const std::string& DkimSigner::selector() const noexcept { return state_->selector; }
std::string DkimSigner::txt_record() const { return md::key_record(state_->key.key.get()); }

Result<std::string, Error> dkim_sign_message(std::string_view raw_message, std::span<const DkimSigner> signers) {
    std::string out;
    for (const DkimSigner& signer : signers) {
        auto field = signer.sign(raw_message);
        if (!field) return unexpected(std::move(field).error());
        out += *field;
    }
    out.append(raw_message);
    return out;
}

}  // namespace mailwarden
