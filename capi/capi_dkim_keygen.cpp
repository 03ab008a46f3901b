// DKIM key generation through the C ABI: the key (private PEM, the TXT
// record and its 255-byte strings) and the zone-file line publishing it.
#include "capi_internal.hpp"

#include <mailwarden/dkim_sign.hpp>

#include <string>
#include <vector>

struct mw_dkim_key {
    mailwarden::DkimKeyPair value;
};

namespace {

using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::guarded;

}  // namespace

extern "C" {

int mw_dkim_keygen(mw_dkim_key** out, int type, unsigned bits, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (type != MW_DKIM_KEY_RSA && type != MW_DKIM_KEY_ED25519)
        return fail(err, MW_EINVAL, "the key type must be MW_DKIM_KEY_RSA or MW_DKIM_KEY_ED25519");
    return guarded(err, [&]() -> int {
        auto key = mailwarden::generate_dkim_key(
            type == MW_DKIM_KEY_RSA ? mailwarden::DkimKeyType::rsa : mailwarden::DkimKeyType::ed25519,
            bits == 0 ? 2048 : bits);
        if (!key) return fail(err, key.error());
        *out = new mw_dkim_key{std::move(*key)};
        return MW_OK;
    });
}
void mw_dkim_key_free(mw_dkim_key* k) { delete k; }

const char* mw_dkim_key_private_pem(const mw_dkim_key* k) { return k != nullptr ? k->value.private_key_pem.c_str() : ""; }
const char* mw_dkim_key_txt_record(const mw_dkim_key* k) { return k != nullptr ? k->value.txt_record.c_str() : ""; }
size_t mw_dkim_key_txt_string_count(const mw_dkim_key* k) { return k != nullptr ? k->value.txt_strings.size() : 0; }
const char* mw_dkim_key_txt_string(const mw_dkim_key* k, size_t index) {
    return mailwarden::capi::c_str_or_empty(k != nullptr ? mailwarden::capi::element_at(&k->value.txt_strings, index)
                                                         : nullptr);
}

int mw_dkim_zone_line(char** out, const char* domain, const char* selector, const char* const* strings, size_t count,
                      mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (domain == nullptr) return fail_null(err, "domain");
    if (selector == nullptr) return fail_null(err, "selector");
    if (strings == nullptr && count > 0) return fail_null(err, "strings");
    for (size_t i = 0; i < count; ++i)
        if (strings[i] == nullptr) return fail(err, MW_EINVAL, "string " + std::to_string(i) + " is NULL");
    return guarded(err, [&] {
        const std::vector<std::string> all(strings, strings + count);
        return mailwarden::capi::return_string(out, mailwarden::dkim_zone_line(domain, selector, all), err);
    });
}

}  // extern "C"
