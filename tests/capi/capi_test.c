/* The C ABI from plain C99: every function, including NULL and invalid
 * arguments. Compiled with -std=c99 -pedantic -Werror. */
#include <mailwarden.h>

#include <stdio.h>
#include <string.h>

#include "expect.h"

static void test_version(void) {
    const char *v = mw_version();
    int major = -1, minor = -1, patch = -1;
    EXPECT(v != NULL);
    EXPECT(sscanf(v, "%d.%d.%d", &major, &minor, &patch) == 3);
    EXPECT(mw_version_number() == major * 10000 + minor * 100 + patch);
    /* The headers and the library built with them agree. */
    EXPECT(major == MW_VERSION_MAJOR && minor == MW_VERSION_MINOR && patch == MW_VERSION_PATCH);
    EXPECT(mw_version_number() == MW_VERSION_NUMBER);
    EXPECT(mw_version_compatible(MW_VERSION_MAJOR, MW_VERSION_MINOR) == 1);
    EXPECT(mw_version_compatible(MW_VERSION_MAJOR + 1, 0) == 0);
    EXPECT(mw_version_compatible(MW_VERSION_MAJOR, MW_VERSION_MINOR + 1) == 0);
}

static void test_status_names(void) {
    /* Every code of the enum has its own name; numbers outside it have none. */
    static const mw_status codes[] = {MW_OK,         MW_EINVAL,    MW_ENOMEM,       MW_EINTERNAL, MW_ENOTFOUND,
                                      MW_EEXIST,     MW_EIO,       MW_ETIMEDOUT,    MW_EPARSE,    MW_ERANGE,
                                      MW_ENOTVERIFIED, MW_ETRANSPORT, MW_EEXPIRED,  MW_ESUSPENDED, MW_EPOLICY,
                                      MW_ECANCELLED, MW_EAUTH};
    size_t i, j;
    for (i = 0; i < sizeof codes / sizeof codes[0]; ++i) {
        EXPECT(strncmp(mw_status_name(codes[i]), "MW_", 3) == 0);
        EXPECT(strcmp(mw_status_name(codes[i]), "MW_EUNKNOWN") != 0);
        for (j = 0; j < i; ++j) EXPECT(strcmp(mw_status_name(codes[i]), mw_status_name(codes[j])) != 0);
    }
    EXPECT(strcmp(mw_status_name(MW_EINVAL), "MW_EINVAL") == 0);
    EXPECT(strcmp(mw_status_name(MW_EAUTH), "MW_EAUTH") == 0);
    EXPECT(strcmp(mw_status_name(12345), "MW_EUNKNOWN") == 0);
    EXPECT(strcmp(mw_status_name(MW_ESUPPRESSED - 1), "MW_EUNKNOWN") == 0);
}

static void test_error_details(void) {
    /* A failure found by the library itself: no service, no HTTP, no DNS. */
    mw_error *err = NULL;
    EXPECT(mw_address_options_new(NULL, &err) == MW_EINVAL);
    EXPECT(strcmp(mw_error_origin(err), "mailwarden") == 0);
    EXPECT(strcmp(mw_error_service_code(err), "") == 0);
    EXPECT(mw_error_http_status(err) == 0);
    EXPECT(strcmp(mw_error_request_id(err), "") == 0);
    EXPECT(mw_error_dns_rcode(err) == -1);
    EXPECT(mw_error_attempts(err) == 0);
    EXPECT(mw_error_retryable(err) == 0);
    EXPECT(mw_error_outcome_unknown(err) == 0);
    mw_error_free(err);
    /* NULL reads as no error at all. */
    EXPECT(strcmp(mw_error_origin(NULL), "") == 0);
    EXPECT(strcmp(mw_error_service_code(NULL), "") == 0);
    EXPECT(mw_error_http_status(NULL) == 0);
    EXPECT(mw_error_dns_rcode(NULL) == -1);
    EXPECT(mw_error_retryable(NULL) == 0);
    EXPECT(mw_error_outcome_unknown(NULL) == 0);
}

static void test_errors_on_null(void) {
    mw_error *err = NULL;
    EXPECT(mw_address_options_new(NULL, &err) == MW_EINVAL);
    EXPECT(err != NULL);
    EXPECT(mw_error_code(err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "out") != NULL);
    mw_error_free(err);

    /* err may be NULL: the status still tells. */
    EXPECT(mw_address_options_new(NULL, NULL) == MW_EINVAL);
    EXPECT(mw_error_code(NULL) == MW_EINVAL);
    EXPECT(mw_error_message(NULL) != NULL);

    /* Every destroyer accepts NULL. */
    mw_error_free(NULL);
    mw_string_free(NULL);
    mw_address_options_free(NULL);
    mw_address_result_free(NULL);
    mw_address_batch_free(NULL);

    err = NULL;
    EXPECT(mw_address_options_set_allow_quoted_local(NULL, 1, &err) == MW_EINVAL);
    mw_error_free(err);
    EXPECT(mw_address_options_set_allow_address_literal(NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_address_options_set_allow_special_use(NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_address_options_set_reject_role(NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_address_options_set_reject_noreply(NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_address_check(NULL, "a@iana.org", 10, NULL, NULL) == MW_EINVAL);
    {
        mw_address_result *r = NULL;
        EXPECT(mw_address_check(&r, NULL, 5, NULL, NULL) == MW_EINVAL);
        EXPECT(r == NULL);
    }
    {
        char *json = NULL;
        EXPECT(mw_address_result_to_json(&json, NULL, NULL) == MW_EINVAL);
        EXPECT(mw_address_result_to_json(NULL, NULL, NULL) == MW_EINVAL);
    }

    /* Accessors on NULL give neutral values. */
    EXPECT(mw_address_result_verdict(NULL) == MW_ADDRESS_INVALID);
    EXPECT(mw_address_result_is_valid(NULL) == 0);
    EXPECT(mw_address_result_reason(NULL) == MW_REASON_EMPTY);
    EXPECT(mw_address_result_flags(NULL) == 0u);
    EXPECT(strcmp(mw_address_result_input(NULL), "") == 0);
    EXPECT(strcmp(mw_address_result_normalized(NULL), "") == 0);
    EXPECT(strcmp(mw_address_result_local_part(NULL), "") == 0);
    EXPECT(strcmp(mw_address_result_domain(NULL), "") == 0);
    EXPECT(strcmp(mw_address_result_message(NULL), "") == 0);
    EXPECT(mw_address_batch_count(NULL) == 0);
    EXPECT(mw_address_batch_valid_count(NULL) == 0);
}

static void test_reason_names(void) {
    EXPECT(strcmp(mw_address_reason_name(MW_REASON_OK), "ok") == 0);
    EXPECT(strcmp(mw_address_reason_name(MW_REASON_CONSECUTIVE_DOTS), "consecutive_dots") == 0);
    EXPECT(strcmp(mw_address_reason_name(MW_REASON_NOREPLY_ADDRESS), "noreply_address") == 0);
    EXPECT(mw_address_reason_name(-1) == NULL);
    EXPECT(mw_address_reason_name(MW_REASON_NOREPLY_ADDRESS + 1) == NULL);
}

static void test_single_check(void) {
    mw_address_result *r = NULL;
    mw_error *err = NULL;
    char *json = NULL;
    const char *addr = "Bob@B\xc3\xbc" "cher.DE";

    EXPECT(mw_address_check(&r, addr, strlen(addr), NULL, &err) == MW_OK);
    EXPECT(err == NULL);
    EXPECT(mw_address_result_verdict(r) == MW_ADDRESS_VALID);
    EXPECT(mw_address_result_is_valid(r) == 1);
    EXPECT(mw_address_result_reason(r) == MW_REASON_OK);
    EXPECT(strcmp(mw_address_result_normalized(r), "Bob@xn--bcher-kva.de") == 0);
    EXPECT(strcmp(mw_address_result_local_part(r), "Bob") == 0);
    EXPECT(strcmp(mw_address_result_domain(r), "xn--bcher-kva.de") == 0);
    EXPECT(strcmp(mw_address_result_input(r), addr) == 0);
    EXPECT((mw_address_result_flags(r) & MW_ADDRESS_FLAG_IDN) != 0);
    EXPECT(mw_address_result_to_json(&json, r, &err) == MW_OK);
    EXPECT(json != NULL && strstr(json, "\"normalized\":\"Bob@xn--bcher-kva.de\"") != NULL);
    EXPECT(json != NULL && strstr(json, "\"valid\":true") != NULL);
    mw_string_free(json);
    mw_address_result_free(r);

    r = NULL;
    EXPECT(mw_address_check(&r, "a..b@iana.org", 13, NULL, NULL) == MW_OK);
    EXPECT(mw_address_result_verdict(r) == MW_ADDRESS_INVALID);
    EXPECT(mw_address_result_reason(r) == MW_REASON_CONSECUTIVE_DOTS);
    EXPECT(strcmp(mw_address_result_normalized(r), "") == 0);
    EXPECT(strlen(mw_address_result_message(r)) > 0);
    mw_address_result_free(r);

    /* An embedded NUL is a control character, not the end of the input. */
    r = NULL;
    EXPECT(mw_address_check(&r, "a@iana.org\0x", 12, NULL, NULL) == MW_OK);
    EXPECT(mw_address_result_reason(r) == MW_REASON_CONTROL_CHARACTER);
    mw_address_result_free(r);

    /* NULL with length 0 is the empty address. */
    r = NULL;
    EXPECT(mw_address_check(&r, NULL, 0, NULL, NULL) == MW_OK);
    EXPECT(mw_address_result_reason(r) == MW_REASON_EMPTY);
    mw_address_result_free(r);
}

static void test_options(void) {
    mw_address_options *o = NULL;
    mw_address_result *r = NULL;
    EXPECT(mw_address_options_new(&o, NULL) == MW_OK);

    EXPECT(mw_address_check(&r, "postmaster@iana.org", 19, o, NULL) == MW_OK);
    EXPECT(mw_address_result_verdict(r) == MW_ADDRESS_RISKY);
    EXPECT((mw_address_result_flags(r) & MW_ADDRESS_FLAG_ROLE) != 0);
    mw_address_result_free(r);

    EXPECT(mw_address_options_set_reject_role(o, 1, NULL) == MW_OK);
    EXPECT(mw_address_check(&r, "postmaster@iana.org", 19, o, NULL) == MW_OK);
    EXPECT(mw_address_result_reason(r) == MW_REASON_ROLE_ACCOUNT);
    mw_address_result_free(r);

    EXPECT(mw_address_options_set_reject_noreply(o, 1, NULL) == MW_OK);
    EXPECT(mw_address_check(&r, "no-reply@iana.org", 17, o, NULL) == MW_OK);
    EXPECT(mw_address_result_reason(r) == MW_REASON_NOREPLY_ADDRESS);
    EXPECT((mw_address_result_flags(r) & MW_ADDRESS_FLAG_NOREPLY) != 0);
    mw_address_result_free(r);

    EXPECT(mw_address_check(&r, "\"q\"@iana.org", 12, o, NULL) == MW_OK);
    EXPECT(mw_address_result_reason(r) == MW_REASON_QUOTED_LOCAL_PART);
    mw_address_result_free(r);
    EXPECT(mw_address_options_set_allow_quoted_local(o, 1, NULL) == MW_OK);
    EXPECT(mw_address_check(&r, "\"q\"@iana.org", 12, o, NULL) == MW_OK);
    EXPECT(mw_address_result_verdict(r) == MW_ADDRESS_VALID);
    EXPECT((mw_address_result_flags(r) & MW_ADDRESS_FLAG_QUOTED_LOCAL) != 0);
    mw_address_result_free(r);

    EXPECT(mw_address_check(&r, "a@[192.0.2.1]", 13, o, NULL) == MW_OK);
    EXPECT(mw_address_result_reason(r) == MW_REASON_ADDRESS_LITERAL);
    mw_address_result_free(r);
    EXPECT(mw_address_options_set_allow_address_literal(o, 1, NULL) == MW_OK);
    EXPECT(mw_address_check(&r, "a@[192.0.2.1]", 13, o, NULL) == MW_OK);
    EXPECT(mw_address_result_verdict(r) == MW_ADDRESS_VALID);
    EXPECT((mw_address_result_flags(r) & MW_ADDRESS_FLAG_ADDRESS_LITERAL) != 0);
    mw_address_result_free(r);

    EXPECT(mw_address_check(&r, "a@shop.test", 11, o, NULL) == MW_OK);
    EXPECT(mw_address_result_reason(r) == MW_REASON_SPECIAL_USE_DOMAIN);
    EXPECT(strcmp(mw_address_result_normalized(r), "a@shop.test") == 0);
    mw_address_result_free(r);
    EXPECT(mw_address_options_set_allow_special_use(o, 1, NULL) == MW_OK);
    EXPECT(mw_address_check(&r, "a@shop.test", 11, o, NULL) == MW_OK);
    EXPECT(mw_address_result_verdict(r) == MW_ADDRESS_RISKY);
    EXPECT((mw_address_result_flags(r) & MW_ADDRESS_FLAG_SPECIAL_USE) != 0);
    mw_address_result_free(r);

    mw_address_options_free(o);
}

static void test_batch(void) {
    const char *addrs[] = {"a@iana.org", "bad", "x\0y@iana.org", "postmaster@iana.org"};
    const size_t lens[] = {10, 3, 12, 19};
    mw_address_batch *b = NULL;
    const mw_address_result *r = NULL;
    mw_error *err = NULL;

    EXPECT(mw_address_check_batch(&b, addrs, lens, 4, NULL, &err) == MW_OK);
    EXPECT(mw_address_batch_count(b) == 4);
    EXPECT(mw_address_batch_valid_count(b) == 2);
    EXPECT((r = mw_address_batch_get(b, 0)) != NULL);
    EXPECT(mw_address_result_verdict(r) == MW_ADDRESS_VALID);
    EXPECT((r = mw_address_batch_get(b, 1)) != NULL);
    EXPECT(mw_address_result_reason(r) == MW_REASON_MISSING_AT);
    EXPECT((r = mw_address_batch_get(b, 2)) != NULL);
    EXPECT(mw_address_result_reason(r) == MW_REASON_CONTROL_CHARACTER);
    EXPECT((r = mw_address_batch_get(b, 3)) != NULL);
    EXPECT(mw_address_result_verdict(r) == MW_ADDRESS_RISKY);

    EXPECT(mw_address_batch_get(b, 4) == NULL);
    EXPECT(mw_address_batch_get(NULL, 0) == NULL);
    mw_address_batch_free(b);

    /* NUL-terminated form (lens NULL), and an empty batch. */
    b = NULL;
    EXPECT(mw_address_check_batch(&b, addrs, NULL, 2, NULL, NULL) == MW_OK);
    EXPECT(mw_address_batch_count(b) == 2);
    mw_address_batch_free(b);
    b = NULL;
    EXPECT(mw_address_check_batch(&b, NULL, NULL, 0, NULL, NULL) == MW_OK);
    EXPECT(mw_address_batch_count(b) == 0);
    mw_address_batch_free(b);

    /* Invalid arguments. */
    EXPECT(mw_address_check_batch(NULL, addrs, lens, 4, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_address_check_batch(&b, NULL, NULL, 3, NULL, NULL) == MW_EINVAL);
    {
        const char *with_null[] = {"a@iana.org", NULL};
        err = NULL;
        EXPECT(mw_address_check_batch(&b, with_null, NULL, 2, NULL, &err) == MW_EINVAL);
        EXPECT(strstr(mw_error_message(err), "addresses[1]") != NULL);
        mw_error_free(err);
    }
}

int main(void) {
    test_version();
    test_status_names();
    test_error_details();
    test_errors_on_null();
    test_reason_names();
    test_single_check();
    test_options();
    test_batch();
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
