#include "message/sign/signature_field.hpp"

#include "message/dkim/body_hash.hpp"
#include "message/dkim/header_hash.hpp"
#include "message/sign/crypto_sign.hpp"
#include "message/sign/folded_field.hpp"

#include "common/base64.hpp"

namespace mailwarden::message_detail {

namespace {

std::string_view name_of(Canonicalization c) noexcept { return c == Canonicalization::simple ? "simple" : "relaxed"; }

}  // namespace

std::string_view line_end_of(std::string_view message) noexcept {
    return message.find('\n') != std::string_view::npos && message.find("\r\n") == std::string_view::npos ? "\n" : "\r\n";
}

std::optional<std::string> signature_field(const RawMessage& message, const SignatureSpec& spec, std::string_view eol) {
    FoldedField field("DKIM-Signature", eol);
    field.word("v=1;");
    field.word("a=" + std::string(to_string(spec.algorithm)) + ";");
    field.word("c=" + std::string(name_of(spec.header_canonicalization)) + "/" +
               std::string(name_of(spec.body_canonicalization)) + ";");
    field.word("d=" + spec.domain + ";");
    field.word("s=" + spec.selector + ";");
    field.word("t=" + std::to_string(spec.timestamp) + ";");
    if (spec.expiration) field.word("x=" + std::to_string(*spec.expiration) + ";");
    for (std::size_t i = 0; i < spec.headers.size(); ++i) {
        // FWS may stand around each ':' of h= (RFC 6376 3.5).
        const std::string item = spec.headers[i] + (i + 1 < spec.headers.size() ? ":" : ";");
        if (i == 0) field.word("h=" + item);
        else field.attach(item);
    }
    const BodyHash body = hash_body(message.body, spec.body_canonicalization, spec.algorithm, std::nullopt, UINT64_MAX);
    field.word("bh=");
    field.base64(common::base64_encode(body.digest), ";");
    field.word("b=");

    // The header hash sees this field on top with b= empty, as a verifier will.
    RawMessage with_field = message;
    with_field.fields.insert(with_field.fields.begin(), RawField{"DKIM-Signature", field.text()});
    DkimSignature signature;
    signature.header_canonicalization = spec.header_canonicalization;
    signature.headers = spec.headers;
    const auto b = sign_header_input(spec.key, spec.algorithm, header_hash_input(with_field, 0, signature));
    if (!b) return std::nullopt;
    field.base64(common::base64_encode(*b));
    return field.text() + std::string(eol);
}

}  // namespace mailwarden::message_detail
