// DKIM signing through the C ABI: the sign options, the signer (immutable,
// so any thread may sign with it) and signing with several signers at once.
#include "capi_handle.hpp"
#include "capi_internal.hpp"

#include <mailwarden/dkim_sign.hpp>

#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct mw_dkim_sign_options {
    mailwarden::DkimSignOptions value;
};

// Counted like the service handles, so that freeing a signer while other
// threads sign with it is safe and a late call gets MW_EINVAL.
struct mw_dkim_signer : mailwarden::capi::Counted<mw_dkim_signer> {
    explicit mw_dkim_signer(mailwarden::DkimSigner s)
        : signer(std::move(s)), algorithm(signer.algorithm()), txt_record(signer.txt_record()) {}
    mailwarden::DkimSigner signer;
    std::string algorithm;   // signer.algorithm(), kept for the borrowed C string
    std::string txt_record;  // signer.txt_record(), made once
};

namespace {

using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::guarded;
using mailwarden::capi::set_option;

bool is_canonicalization(int c) { return c == MW_DKIM_SIMPLE || c == MW_DKIM_RELAXED; }

mailwarden::DkimCanonicalization canonicalization_of(int c) {
    return c == MW_DKIM_SIMPLE ? mailwarden::DkimCanonicalization::simple : mailwarden::DkimCanonicalization::relaxed;
}

std::string_view message_of(const char* message, size_t length) {
    return std::string_view(message != nullptr ? message : "", length);
}

// Hands a signed message to the caller, with its length (NUL bytes allowed).
int return_message(char** out, size_t* out_length, const mailwarden::Result<std::string, mailwarden::Error>& signed_message,
                   mw_error** err) {
    if (!signed_message) return fail(err, signed_message.error());
    const int status = mailwarden::capi::return_string(out, *signed_message, err);
    if (status == MW_OK && out_length != nullptr) *out_length = signed_message->size();
    return status;
}

// Runs body(signer) holding a reference to the handle; MW_EINVAL when it
// is NULL or already freed.
template <class Body>
int with_signer(const mw_dkim_signer* s, mw_error** err, Body&& body) noexcept {
    // The handle is only read; the reference count is the one mutable part.
    return mailwarden::capi::with_handle(const_cast<mw_dkim_signer*>(s), "signer", err,
                                         [&](const mw_dkim_signer& h) -> int { return body(h.signer); });
}

}  // namespace

extern "C" {

/* ---- options ---- */

int mw_dkim_sign_options_new(mw_dkim_sign_options** out, mw_error** err) {
    return mailwarden::capi::new_options(out, err);
}
void mw_dkim_sign_options_free(mw_dkim_sign_options* o) { delete o; }

int mw_dkim_sign_options_set_canonicalization(mw_dkim_sign_options* o, int header, int body, mw_error** err) {
    if (o == nullptr) return fail_null(err, "options");
    if (!is_canonicalization(header) || !is_canonicalization(body))
        return fail(err, MW_EINVAL, "a canonicalization must be MW_DKIM_SIMPLE or MW_DKIM_RELAXED");
    return set_option(o, err, [&](mailwarden::DkimSignOptions& v) {
        v.header_canonicalization = canonicalization_of(header);
        v.body_canonicalization = canonicalization_of(body);
    });
}
int mw_dkim_sign_options_add_header(mw_dkim_sign_options* o, const char* name, mw_error** err) {
    if (o == nullptr) return fail_null(err, "options");
    if (name == nullptr || *name == '\0') return fail(err, MW_EINVAL, "a header field name must not be NULL or empty");
    return set_option(o, err, [&](mailwarden::DkimSignOptions& v) { v.headers.emplace_back(name); });
}
int mw_dkim_sign_options_set_lifetime(mw_dkim_sign_options* o, int64_t seconds, mw_error** err) {
    if (o == nullptr) return fail_null(err, "options");
    if (seconds < 0) return fail(err, MW_EINVAL, "the signature lifetime must not be negative");
    return set_option(o, err, [&](mailwarden::DkimSignOptions& v) {
        if (seconds == 0)
            v.lifetime.reset();
        else
            v.lifetime = std::chrono::seconds(seconds);
    });
}
int mw_dkim_sign_options_set_now(mw_dkim_sign_options* o, int64_t unix_seconds, mw_error** err) {
    return set_option(o, err, [&](mailwarden::DkimSignOptions& v) {
        v.clock = unix_seconds < 0 ? nullptr
                                   : std::make_shared<mailwarden::ManualClock>(mailwarden::from_unix_seconds(unix_seconds));
    });
}

/* ---- the signer ---- */

int mw_dkim_signer_new(mw_dkim_signer** out, const char* pem, size_t pem_length, const char* domain,
                       const char* selector, const mw_dkim_sign_options* o, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (pem == nullptr) return fail_null(err, "pem");
    if (domain == nullptr) return fail_null(err, "domain");
    if (selector == nullptr) return fail_null(err, "selector");
    return guarded(err, [&]() -> int {
        auto signer = mailwarden::DkimSigner::create(std::string_view(pem, pem_length), domain, selector,
                                                     o != nullptr ? o->value : mailwarden::DkimSignOptions{});
        if (!signer) return fail(err, signer.error());
        *out = mw_dkim_signer::publish(new mw_dkim_signer(std::move(*signer)));
        return MW_OK;
    });
}
void mw_dkim_signer_free(mw_dkim_signer* s) { mw_dkim_signer::close(s); }

int mw_dkim_signer_sign(char** out, const mw_dkim_signer* s, const char* message, size_t length, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (message == nullptr && length > 0) return fail_null(err, "message");
    return with_signer(s, err, [&](const mailwarden::DkimSigner& signer) {
        return return_message(out, nullptr, signer.sign(message_of(message, length)), err);
    });
}
int mw_dkim_signer_sign_message(char** out, size_t* out_length, const mw_dkim_signer* s, const char* message,
                                size_t length, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (message == nullptr && length > 0) return fail_null(err, "message");
    return with_signer(s, err, [&](const mailwarden::DkimSigner& signer) {
        return return_message(out, out_length, signer.sign_message(message_of(message, length)), err);
    });
}

const char* mw_dkim_signer_algorithm(const mw_dkim_signer* s) { return s != nullptr ? s->algorithm.c_str() : ""; }
unsigned mw_dkim_signer_key_bits(const mw_dkim_signer* s) { return s != nullptr ? s->signer.key_bits() : 0; }
const char* mw_dkim_signer_domain(const mw_dkim_signer* s) { return s != nullptr ? s->signer.domain().c_str() : ""; }
const char* mw_dkim_signer_selector(const mw_dkim_signer* s) {
    return s != nullptr ? s->signer.selector().c_str() : "";
}
const char* mw_dkim_signer_txt_record(const mw_dkim_signer* s) { return s != nullptr ? s->txt_record.c_str() : ""; }

/* ---- several signers ---- */

int mw_dkim_sign_message(char** out, size_t* out_length, const char* message, size_t length,
                         const mw_dkim_signer* const* signers, size_t count, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (signers == nullptr) return fail_null(err, "signers");
    if (count == 0) return fail(err, MW_EINVAL, "no signer given");
    if (message == nullptr && length > 0) return fail_null(err, "message");
    return guarded(err, [&]() -> int {
        std::deque<mailwarden::capi::CallRef<mw_dkim_signer>> refs;  // each signer held for the call
        std::vector<mailwarden::DkimSigner> all;
        all.reserve(count);
        for (size_t i = 0; i < count; ++i) {
            if (signers[i] == nullptr) return fail(err, MW_EINVAL, "signer " + std::to_string(i) + " is NULL");
            if (!refs.emplace_back(const_cast<mw_dkim_signer*>(signers[i])))
                return fail(err, MW_EINVAL, "signer " + std::to_string(i) + " is closed (already freed)");
            all.push_back(refs.back()->signer);
        }
        return return_message(out, out_length, mailwarden::dkim_sign_message(message_of(message, length), all), err);
    });
}

}  // extern "C"
