// Sender snapshots and lists through the C ABI.
#include "capi_sender.hpp"

#include <mailwarden/clock.hpp>

namespace {

std::int64_t unix_or_zero(const std::optional<mailwarden::TimePoint>& t) {
    return t ? mailwarden::to_unix_seconds(*t) : 0;
}

}  // namespace

extern "C" {

const char* mw_sender_id(const mw_sender* s) { return s != nullptr ? s->value.id.c_str() : ""; }
const char* mw_sender_account(const mw_sender* s) { return s != nullptr ? s->value.account.c_str() : ""; }
const char* mw_sender_type(const mw_sender* s) { return s != nullptr ? s->value.type.c_str() : ""; }
const char* mw_sender_address(const mw_sender* s) { return s != nullptr ? s->value.address.c_str() : ""; }
const char* mw_sender_alias(const mw_sender* s) { return s != nullptr ? s->value.alias.c_str() : ""; }
int mw_sender_state(const mw_sender* s) { return s != nullptr ? static_cast<int>(s->value.state) : -1; }

const char* mw_sender_state_name(int state) {
    if (state < MW_SENDER_PENDING || state > MW_SENDER_FAILED) return nullptr;
    return mailwarden::to_string(static_cast<mailwarden::VerificationState>(state)).data();
}

int64_t mw_sender_created_at(const mw_sender* s) {
    return s != nullptr ? mailwarden::to_unix_seconds(s->value.created_at) : 0;
}
int64_t mw_sender_requested_at(const mw_sender* s) {
    return s != nullptr ? mailwarden::to_unix_seconds(s->value.requested_at) : 0;
}
int64_t mw_sender_expires_at(const mw_sender* s) {
    return s != nullptr ? mailwarden::to_unix_seconds(s->value.expires_at) : 0;
}
int64_t mw_sender_verified_at(const mw_sender* s) { return s != nullptr ? unix_or_zero(s->value.verified_at) : 0; }
int64_t mw_sender_failed_at(const mw_sender* s) { return s != nullptr ? unix_or_zero(s->value.failed_at) : 0; }
const char* mw_sender_failure_reason(const mw_sender* s) {
    return s != nullptr ? s->value.failure_reason.c_str() : "";
}
size_t mw_sender_warning_count(const mw_sender* s) { return s != nullptr ? s->value.warnings.size() : 0; }
const char* mw_sender_warning_get(const mw_sender* s, size_t index) {
    if (s == nullptr || index >= s->value.warnings.size()) return "";
    return s->value.warnings[index].c_str();
}

int mw_sender_to_json(char** out, const mw_sender* s, int with_history, mw_error** err) {
    if (out == nullptr) return mailwarden::capi::fail_null(err, "out");
    if (s == nullptr) return mailwarden::capi::fail_null(err, "sender");
    return mailwarden::capi::guarded(err, [&]() -> int {
        char* json = mailwarden::capi::copy_string(mailwarden::to_json(s->value, with_history != 0));
        if (json == nullptr) return mailwarden::capi::fail(err, MW_ENOMEM, "out of memory");
        *out = json;
        return MW_OK;
    });
}

void mw_sender_free(mw_sender* s) { delete s; }

size_t mw_sender_list_count(const mw_sender_list* l) { return l != nullptr ? l->items.size() : 0; }
const mw_sender* mw_sender_list_get(const mw_sender_list* l, size_t index) {
    if (l == nullptr || index >= l->items.size()) return nullptr;
    return &l->items[index];
}
void mw_sender_list_free(mw_sender_list* l) { delete l; }

}  // extern "C"
