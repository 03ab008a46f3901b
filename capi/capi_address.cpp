// Address validation through the C ABI.
#include "capi_address.hpp"

#include <memory>
#include <string>
#include <vector>

struct mw_address_result {
    std::string input;  // with any embedded NULs, as given
    mailwarden::AddressCheck check;
    // NUL-terminated copies for the accessors (string_views into check are not).
    std::string local_part;
    std::string domain;
};

struct mw_address_batch {
    std::vector<mw_address_result> results;
    std::size_t valid = 0;
};

namespace {

using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::guarded;

const mailwarden::AddressPolicy& policy_of(const mw_address_options* options) {
    static const mailwarden::AddressPolicy defaults;
    return options != nullptr ? options->policy : defaults;
}

void fill_result(mw_address_result& r, std::string_view address, const mailwarden::AddressChecker& checker) {
    r.input.assign(address);
    r.check = checker.check(address);
    r.local_part.assign(r.check.local_part());
    r.domain.assign(r.check.domain());
}

int set_flag(mw_address_options* options, bool mailwarden::AddressPolicy::*field, int value, mw_error** err) {
    if (options == nullptr) return fail_null(err, "options");
    options->policy.*field = value != 0;
    return MW_OK;
}

}  // namespace

extern "C" {

const char* mw_address_reason_name(int reason) {
    if (reason < 0 || reason >= mailwarden::address_reason_count) return nullptr;
    return mailwarden::to_string(static_cast<mailwarden::AddressReason>(reason)).data();
}

int mw_address_options_new(mw_address_options** out, mw_error** err) { return mailwarden::capi::new_options(out, err); }

void mw_address_options_free(mw_address_options* options) { delete options; }

int mw_address_options_set_allow_quoted_local(mw_address_options* options, int allow, mw_error** err) {
    return set_flag(options, &mailwarden::AddressPolicy::allow_quoted_local, allow, err);
}

int mw_address_options_set_allow_address_literal(mw_address_options* options, int allow, mw_error** err) {
    return set_flag(options, &mailwarden::AddressPolicy::allow_address_literal, allow, err);
}

int mw_address_options_set_allow_special_use(mw_address_options* options, int allow, mw_error** err) {
    return set_flag(options, &mailwarden::AddressPolicy::allow_special_use, allow, err);
}

int mw_address_options_set_reject_role(mw_address_options* options, int reject, mw_error** err) {
    return set_flag(options, &mailwarden::AddressPolicy::reject_role, reject, err);
}

int mw_address_options_set_reject_noreply(mw_address_options* options, int reject, mw_error** err) {
    return set_flag(options, &mailwarden::AddressPolicy::reject_noreply, reject, err);
}

int mw_address_check(mw_address_result** out, const char* address, size_t len, const mw_address_options* options,
                     mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (address == nullptr && len > 0) return fail_null(err, "address");
    return guarded(err, [&]() -> int {
        auto result = std::make_unique<mw_address_result>();
        fill_result(*result, std::string_view(address != nullptr ? address : "", len),
                    mailwarden::AddressChecker(policy_of(options)));
        *out = result.release();
        return MW_OK;
    });
}

void mw_address_result_free(mw_address_result* result) { delete result; }

const char* mw_address_result_input(const mw_address_result* r) { return r != nullptr ? r->input.c_str() : ""; }

const char* mw_address_result_normalized(const mw_address_result* r) {
    return r != nullptr ? r->check.normalized().data() : "";
}

const char* mw_address_result_local_part(const mw_address_result* r) {
    return r != nullptr ? r->local_part.c_str() : "";
}

const char* mw_address_result_domain(const mw_address_result* r) { return r != nullptr ? r->domain.c_str() : ""; }

int mw_address_result_verdict(const mw_address_result* r) {
    return r != nullptr ? static_cast<int>(r->check.verdict()) : MW_ADDRESS_INVALID;
}

int mw_address_result_is_valid(const mw_address_result* r) { return r != nullptr && r->check.valid() ? 1 : 0; }

int mw_address_result_reason(const mw_address_result* r) {
    return r != nullptr ? static_cast<int>(r->check.reason()) : MW_REASON_EMPTY;
}

const char* mw_address_result_message(const mw_address_result* r) {
    return r != nullptr ? r->check.message().data() : "";
}

unsigned mw_address_result_flags(const mw_address_result* r) { return r != nullptr ? r->check.flags() : 0u; }

int mw_address_result_to_json(char** out, const mw_address_result* result, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (result == nullptr) return fail_null(err, "result");
    return guarded(err, [&]() -> int {
        char* json = mailwarden::capi::copy_string(mailwarden::to_json(result->input, result->check));
        if (json == nullptr) return fail(err, MW_ENOMEM, "out of memory");
        *out = json;
        return MW_OK;
    });
}

int mw_address_check_batch(mw_address_batch** out, const char* const* addresses, const size_t* lens, size_t count,
                           const mw_address_options* options, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (addresses == nullptr && count > 0) return fail_null(err, "addresses");
    return guarded(err, [&]() -> int {
        for (size_t i = 0; i < count; ++i) {
            if (addresses[i] == nullptr && (lens == nullptr || lens[i] > 0))
                return fail(err, MW_EINVAL, "addresses[" + std::to_string(i) + "] must not be NULL");
        }
        auto batch = std::make_unique<mw_address_batch>();
        batch->results.resize(count);
        const mailwarden::AddressChecker checker(policy_of(options));
        for (size_t i = 0; i < count; ++i) {
            const char* a = addresses[i] != nullptr ? addresses[i] : "";
            const std::string_view view = lens != nullptr ? std::string_view(a, lens[i]) : std::string_view(a);
            fill_result(batch->results[i], view, checker);
            if (batch->results[i].check.valid()) ++batch->valid;
        }
        *out = batch.release();
        return MW_OK;
    });
}

size_t mw_address_batch_count(const mw_address_batch* batch) { return batch != nullptr ? batch->results.size() : 0; }

size_t mw_address_batch_valid_count(const mw_address_batch* batch) { return batch != nullptr ? batch->valid : 0; }

const mw_address_result* mw_address_batch_get(const mw_address_batch* batch, size_t index) {
    return mailwarden::capi::element_at(batch != nullptr ? &batch->results : nullptr, index);
}

void mw_address_batch_free(mw_address_batch* batch) { delete batch; }

}  // extern "C"
