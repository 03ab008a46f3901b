/* A received message's authentication through the C ABI, from plain C99:
 * the RFC 8463 Appendix A message (two signatures) against unbound serving
 * its keys with SPF and DMARC records (tests/capi/message/zones), an
 * Authentication-Results field on it, a changed body, no resolver, and bad
 * arguments. */
#include <mailwarden.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "read_file.h"

static void test_null_arguments(void) {
    mw_message_report *report = NULL;
    mw_message_check_options *o = NULL;
    EXPECT(mw_message_check(NULL, "x", 1, NULL, NULL, NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_message_check(&report, NULL, 3, NULL, NULL, NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_message_check(&report, "", 0, NULL, NULL, NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_message_check(&report, "From: a@b.example\r\n\r\nx", 22, "300.1.1.1", NULL, NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(report == NULL);
    EXPECT(mw_message_check_options_set_dmarc_mode(NULL, MW_DMARC_RFC7489, NULL) == MW_EINVAL);
    EXPECT(mw_message_check_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_message_check_options_set_dmarc_mode(o, 7, NULL) == MW_EINVAL);
    EXPECT(mw_message_check_options_set_max_signatures(o, 0, NULL) == MW_EINVAL);
    EXPECT(mw_message_check_options_set_authserv_id(o, "", NULL) == MW_EINVAL);
    mw_message_check_options_free(o);
    EXPECT(strcmp(mw_message_report_summary(NULL), "") == 0);
    EXPECT(mw_message_report_dkim_get(NULL, 0) == NULL);
    EXPECT(strcmp(mw_dkim_check_result(NULL), "") == 0);
    EXPECT(strcmp(mw_auth_results_property_name(NULL, 0, 0), "") == 0);
    mw_message_report_free(NULL);
}

static mw_message_check_options *options_for(const char *dns) {
    mw_resolver_options *ro = NULL;
    mw_resolver *resolver = NULL;
    mw_message_check_options *o = NULL;
    EXPECT(mw_resolver_options_new(&ro, NULL) == MW_OK);
    EXPECT(mw_resolver_options_add_server(ro, dns, NULL) == MW_OK);
    EXPECT(mw_resolver_open(&resolver, ro, NULL) == MW_OK);
    mw_resolver_options_free(ro);
    EXPECT(mw_message_check_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_message_check_options_set_resolver(o, resolver, NULL) == MW_OK);
    /* The signatures' t= (2018-06-10), a minute later. */
    EXPECT(mw_message_check_options_set_now(o, 1528637969, NULL) == MW_OK);
    EXPECT(mw_message_check_options_set_authserv_id(o, "mx.example.net", NULL) == MW_OK);
    mw_resolver_free(resolver); /* the options keep their own reference */
    return o;
}

static void test_rfc8463(const char *dns, const char *message, size_t length) {
    mw_message_check_options *o = options_for(dns);
    mw_message_report *r = NULL;
    mw_error *err = NULL;
    const mw_dkim_check *ed, *rsa;
    char *json = NULL;
    if (mw_message_check(&r, message, length, "192.0.2.1", "mail.football.example.com", "joe@football.example.com", o,
                         &err) != MW_OK) {
        fprintf(stderr, "check failed: %s\n", mw_error_message(err));
        mw_error_free(err);
        ++failures;
        mw_message_check_options_free(o);
        return;
    }
    EXPECT(mw_message_report_dkim_count(r) == 2);
    ed = mw_message_report_dkim_get(r, 0);
    rsa = mw_message_report_dkim_get(r, 1);
    EXPECT(strcmp(mw_dkim_check_result(ed), "pass") == 0 && strcmp(mw_dkim_check_algorithm(ed), "ed25519-sha256") == 0);
    EXPECT(strcmp(mw_dkim_check_selector(ed), "brisbane") == 0 && strcmp(mw_dkim_check_reason(ed), "none") == 0);
    EXPECT(strcmp(mw_dkim_check_result(rsa), "pass") == 0 && mw_dkim_check_key_bits(rsa) == 1024);
    EXPECT(strcmp(mw_dkim_check_domain(rsa), "football.example.com") == 0);
    EXPECT(strcmp(mw_dkim_check_identity(rsa), "@football.example.com") == 0);
    EXPECT(mw_dkim_check_signed_header_count(rsa) == 8 && strcmp(mw_dkim_check_signed_header(rsa, 0), "from") == 0);
    EXPECT(strcmp(mw_dkim_check_body_hash_expected(rsa), mw_dkim_check_body_hash_computed(rsa)) == 0);
    EXPECT(mw_message_report_dkim_get(r, 2) == NULL);
    EXPECT(mw_message_report_spf_checked(r) == 1);
    EXPECT(strcmp(mw_message_report_spf_result(r), "pass") == 0);
    EXPECT(strcmp(mw_message_report_spf_domain(r), "football.example.com") == 0);
    EXPECT(strcmp(mw_message_report_spf_scope(r), "mailfrom") == 0);
    EXPECT(strcmp(mw_message_report_from_domain(r), "football.example.com") == 0);
    EXPECT(strcmp(mw_message_report_dmarc_result(r), "pass") == 0);
    EXPECT(strcmp(mw_message_report_dmarc_policy(r), "none") == 0);
    EXPECT(strcmp(mw_message_report_dmarc_record_domain(r), "football.example.com") == 0);
    EXPECT(mw_message_report_spf_aligned(r) == 1 && mw_message_report_dkim_aligned(r) == 1);
    EXPECT(strcmp(mw_message_report_from_problem(r), "") == 0);
    EXPECT(strcmp(mw_message_report_arc_result(r), "none") == 0 && strcmp(mw_message_report_arc_reason(r), "no_arc") == 0);
    EXPECT(mw_message_report_arc_hops(r) == 0 && mw_message_report_arc_oldest_pass(r) == 0);
    EXPECT(strncmp(mw_message_report_summary(r), "SPF: PASS with IP 192.0.2.1 (football.example.com); DKIM: PASS", 62) ==
           0);
    EXPECT(strncmp(mw_message_report_our_auth_results(r), "mx.example.net;", 15) == 0);
    EXPECT(mw_message_report_auth_results_count(r) == 1);
    {
        const mw_auth_results *ar = mw_message_report_auth_results_get(r, 0);
        EXPECT(strcmp(mw_auth_results_authserv_id(ar), "relay.example.org") == 0);
        EXPECT(mw_auth_results_count(ar) == 1 && strcmp(mw_auth_results_method(ar, 0), "spf") == 0);
        EXPECT(strcmp(mw_auth_results_result(ar, 0), "pass") == 0);
        EXPECT(mw_auth_results_property_count(ar, 0) == 1);
        EXPECT(strcmp(mw_auth_results_property_name(ar, 0, 0), "smtp.mailfrom") == 0);
        EXPECT(strcmp(mw_auth_results_property_value(ar, 0, 0), "football.example.com") == 0);
        EXPECT(strcmp(mw_auth_results_method(ar, 1), "") == 0);
    }
    EXPECT(mw_message_report_to_json(&json, r, NULL) == MW_OK);
    EXPECT(json != NULL && strstr(json, "\"summary\":\"SPF: PASS") != NULL);
    mw_string_free(json);
    mw_message_report_free(r);

    /* The same message from an IP SPF does not allow: DKIM still carries DMARC. */
    EXPECT(mw_message_check(&r, message, length, "198.51.100.7", NULL, "joe@football.example.com", o, NULL) == MW_OK);
    EXPECT(strcmp(mw_message_report_spf_result(r), "fail") == 0);
    EXPECT(strcmp(mw_message_report_dmarc_result(r), "pass") == 0 && mw_message_report_spf_aligned(r) == 0);
    mw_message_report_free(r);
    mw_message_check_options_free(o);
}

static void test_changed_body(const char *dns, const char *message, size_t length) {
    mw_message_check_options *o = options_for(dns);
    mw_message_report *r = NULL;
    char *changed = malloc(length + 1);
    char *at;
    memcpy(changed, message, length + 1);
    at = strstr(changed, "We lost the game.");
    if (at != NULL) at[3] = 'w'; /* "We won ..." begins */
    EXPECT(mw_message_check(&r, changed, length, "198.51.100.7", NULL, "joe@football.example.com", o, NULL) == MW_OK);
    EXPECT(strcmp(mw_dkim_check_result(mw_message_report_dkim_get(r, 0)), "fail") == 0);
    EXPECT(strcmp(mw_dkim_check_reason(mw_message_report_dkim_get(r, 1)), "body_hash_mismatch") == 0);
    EXPECT(strcmp(mw_message_report_dmarc_result(r), "fail") == 0);
    EXPECT(strcmp(mw_message_report_dmarc_disposition(r), "none") == 0); /* p=none asks for nothing */
    mw_message_report_free(r);
    mw_message_check_options_free(o);
    free(changed);
}

static void test_no_resolver(const char *message, size_t length) {
    mw_message_report *r = NULL;
    EXPECT(mw_message_check(&r, message, length, "192.0.2.1", NULL, "joe@football.example.com", NULL, NULL) == MW_OK);
    EXPECT(mw_message_report_spf_checked(r) == 0 && strcmp(mw_message_report_spf_result(r), "") == 0);
    EXPECT(strcmp(mw_dkim_check_result(mw_message_report_dkim_get(r, 0)), "temperror") == 0);
    EXPECT(strcmp(mw_message_report_dmarc_result(r), "pass") != 0);
    mw_message_report_free(r);
}

int main(void) {
    const char *dns = getenv("MW_TEST_DNS");
    size_t length = 0, with_ar_length;
    char *message = read_file(MW_TEST_DATA_DIR "/message/rfc8463.eml", &length);
    static const char ar[] = "Authentication-Results: relay.example.org; spf=pass smtp.mailfrom=football.example.com\n";
    char *with_ar;
    test_null_arguments();
    EXPECT(message != NULL);
    EXPECT(dns != NULL && *dns != '\0'); /* run through run-with-unbound.sh */
    if (message != NULL && dns != NULL && *dns != '\0') {
        with_ar_length = sizeof ar - 1 + length;
        with_ar = malloc(with_ar_length + 1);
        memcpy(with_ar, ar, sizeof ar - 1);
        memcpy(with_ar + sizeof ar - 1, message, length + 1);
        test_rfc8463(dns, with_ar, with_ar_length);
        test_changed_body(dns, message, length);
        test_no_resolver(message, length);
        free(with_ar);
    }
    free(message);
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
