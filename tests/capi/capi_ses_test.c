/* The Amazon SES client through the C ABI, from plain C99, against the peers
 * started by tests/peers/run-with-ses-peers.sh: moto (identities),
 * aws-ses-v2-local (SendEmail, GetAccount) and the project's fake (domain
 * identities with DKIM tokens, AlreadyExists, the suppression list and its
 * pages, identity pages, MAIL FROM, custom verification templates,
 * MessageRejected), and unbound serving tests/peers/unbound/auth-zones
 * (MW_TEST_DNS) for the domain report of an SES identity. Also every
 * function with NULL and invalid arguments. moto 5.1 answers the listings,
 * MAIL FROM and templates with 404 in server mode, so those run on the fake
 * only. */
#define _POSIX_C_SOURCE 200809L
#include <mailwarden.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "ses_client.h"

static void test_nulls(void) {
    mw_ses_options *o = NULL;
    mw_ses_client *c = NULL;
    mw_ses_identity *id = NULL;
    mw_ses_identity_page *ipage = NULL;
    mw_ses_suppression_page *spage = NULL;
    mw_ses_suppressed_destination *dest = NULL;
    mw_domain_report *report = NULL;
    mw_error *err = NULL;
    char *s = NULL;
    const char *to[1] = {"reader@iana.org"};
    const char *bad_to[1] = {NULL};
    double rate = -1;

    EXPECT(mw_ses_options_new(NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_options_set_region(NULL, "eu-west-1", NULL) == MW_EINVAL);
    EXPECT(mw_ses_options_set_endpoint(NULL, "http://127.0.0.1:1", NULL) == MW_EINVAL);
    EXPECT(mw_ses_options_set_allow_plaintext(NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_ses_options_set_ca_file(NULL, "ca.pem", NULL) == MW_EINVAL);
    EXPECT(mw_ses_options_set_credentials(NULL, "AKID", "secret", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_options_set_max_attempts(NULL, 3, NULL) == MW_EINVAL);
    EXPECT(mw_ses_options_set_retry_non_idempotent(NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_ses_options_set_rate_limit(NULL, 0, NULL) == MW_EINVAL);
    EXPECT(mw_ses_options_set_max_send_rate(NULL, 1.0, NULL) == MW_EINVAL);
    EXPECT(mw_ses_client_open(NULL, NULL, NULL) == MW_EINVAL);

    EXPECT(mw_ses_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_max_attempts(o, 0, NULL) == MW_EINVAL);
    EXPECT(mw_ses_options_set_max_attempts(o, 11, NULL) == MW_EINVAL);
    EXPECT(mw_ses_options_set_max_send_rate(o, -1.0, NULL) == MW_EINVAL);
    EXPECT(mw_ses_options_set_max_send_rate(o, HUGE_VAL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_options_set_credentials(o, NULL, "secret", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_options_set_credentials(o, "AKID", "", NULL, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "secret") != NULL);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_ses_options_set_ca_file(o, NULL, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_retry_non_idempotent(o, 1, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_max_send_rate(o, 5.0, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_region(o, "eu-west-1", NULL) == MW_OK);

    /* http:// without allowing it, and a URL that is not http(s). */
    EXPECT(mw_ses_options_set_endpoint(o, "http://127.0.0.1:1", NULL) == MW_OK);
    EXPECT(mw_ses_client_open(&c, o, &err) == MW_EINVAL);
    EXPECT(c == NULL);
    EXPECT(mw_error_code(err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "http://") != NULL);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_ses_options_set_endpoint(o, "ftp://127.0.0.1/", NULL) == MW_OK);
    EXPECT(mw_ses_client_open(&c, o, NULL) == MW_EINVAL);
    /* The default endpoint for the region: opening sends nothing. */
    EXPECT(mw_ses_options_set_endpoint(o, NULL, NULL) == MW_OK);
    EXPECT(mw_ses_client_open(&c, o, NULL) == MW_OK);
    EXPECT(c != NULL);
    mw_ses_client_free(c);
    c = NULL;
    mw_ses_options_free(o);

    EXPECT(mw_ses_create_identity(&id, NULL, "a@iana.org", NULL) == MW_EINVAL);
    EXPECT(mw_ses_get_identity(&id, NULL, "a@iana.org", NULL) == MW_EINVAL);
    EXPECT(mw_ses_get_identity(NULL, NULL, "a@iana.org", NULL) == MW_EINVAL);
    EXPECT(mw_ses_delete_identity(NULL, "a@iana.org", &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "client") != NULL);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_ses_send_email(&s, NULL, "a@iana.org", NULL, to, 1, "s", "t", NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_send_email(NULL, NULL, "a@iana.org", NULL, to, 1, "s", "t", NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_send_email(&s, NULL, "a@iana.org", NULL, NULL, 1, "s", "t", NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_send_email(&s, NULL, "a@iana.org", NULL, bad_to, 1, "s", "t", NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_get_account(&rate, NULL, NULL, NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(rate == -1);
    EXPECT(mw_ses_put_suppressed_destination(NULL, "a@iana.org", MW_SES_SUPPRESSION_BOUNCE, NULL) == MW_EINVAL);
    EXPECT(mw_ses_get_suppressed_destination(&dest, NULL, "a@iana.org", NULL) == MW_EINVAL);
    EXPECT(dest == NULL);
    EXPECT(mw_ses_delete_suppressed_destination(NULL, "a@iana.org", NULL) == MW_EINVAL);
    EXPECT(s == NULL && id == NULL);

    EXPECT(mw_ses_list_identities(&ipage, NULL, 0, NULL, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "client") != NULL);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_ses_list_identities(NULL, NULL, 0, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_list_suppressed_destinations(&spage, NULL, 0, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_list_suppressed_destinations(NULL, NULL, 0, NULL, NULL) == MW_EINVAL);
    EXPECT(ipage == NULL && spage == NULL);
    EXPECT(mw_ses_put_identity_mail_from(NULL, "iana.org", "bounce.iana.org", MW_SES_MX_FAILURE_REJECT_MESSAGE,
                                         NULL) == MW_EINVAL);
    EXPECT(mw_ses_create_custom_verification_email_template(NULL, "t", "a@iana.org", "s", "<p>x</p>",
                                                            "https://iana.org/ok", "https://iana.org/no",
                                                            &err) == MW_EINVAL);
    EXPECT(mw_error_code(err) == MW_EINVAL && strstr(mw_error_message(err), "client") != NULL);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_ses_send_custom_verification_email(&s, NULL, "a@iana.org", "t", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_send_custom_verification_email(NULL, NULL, "a@iana.org", "t", NULL, NULL) == MW_EINVAL);
    EXPECT(s == NULL);
    EXPECT(mw_domain_check_ses(&report, NULL, NULL, "iana.org", &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "resolver") != NULL);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_domain_check_ses(NULL, NULL, NULL, "iana.org", NULL) == MW_EINVAL);
    EXPECT(report == NULL);

    EXPECT(mw_ses_identity_page_count(NULL) == 0);
    EXPECT(strcmp(mw_ses_identity_name(mw_ses_identity_page_get(NULL, 0)), "") == 0);
    EXPECT(strcmp(mw_ses_identity_type(mw_ses_identity_page_get(NULL, 0)), "") == 0);
    EXPECT(mw_ses_identity_verified_for_sending(mw_ses_identity_page_get(NULL, 0)) == 0);
    EXPECT(strcmp(mw_ses_identity_verification_status(mw_ses_identity_page_get(NULL, 0)), "") == 0);
    EXPECT(strcmp(mw_ses_identity_page_next_token(NULL), "") == 0);
    EXPECT(mw_ses_identity_page_to_json(&s, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_identity_page_to_json(NULL, NULL, NULL) == MW_EINVAL);
    mw_ses_identity_page_free(NULL);
    EXPECT(mw_ses_suppression_page_count(NULL) == 0);
    EXPECT(strcmp(mw_ses_suppressed_destination_address(mw_ses_suppression_page_get(NULL, 0)), "") == 0);
    EXPECT(mw_ses_suppressed_destination_reason(mw_ses_suppression_page_get(NULL, 0)) == -1);
    EXPECT(mw_ses_suppressed_destination_last_update_time(mw_ses_suppression_page_get(NULL, 0)) == 0);
    EXPECT(strcmp(mw_ses_suppression_page_next_token(NULL), "") == 0);
    EXPECT(mw_ses_suppression_page_to_json(&s, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_suppression_page_to_json(NULL, NULL, NULL) == MW_EINVAL);
    mw_ses_suppression_page_free(NULL);
    EXPECT(s == NULL);

    EXPECT(strcmp(mw_ses_identity_name(NULL), "") == 0);
    EXPECT(strcmp(mw_ses_identity_type(NULL), "") == 0);
    EXPECT(strcmp(mw_ses_identity_verification_status(NULL), "") == 0);
    EXPECT(mw_ses_identity_verified_for_sending(NULL) == 0);
    EXPECT(mw_ses_identity_dkim_token_count(NULL) == 0);
    EXPECT(strcmp(mw_ses_identity_dkim_token_get(NULL, 0), "") == 0);
    EXPECT(strcmp(mw_ses_identity_mail_from_domain(NULL), "") == 0);
    EXPECT(strcmp(mw_ses_identity_mail_from_status(NULL), "") == 0);
    EXPECT(strcmp(mw_ses_identity_mail_from_behavior(NULL), "") == 0);
    EXPECT(mw_ses_identity_to_json(&s, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_identity_to_json(NULL, NULL, NULL) == MW_EINVAL);
    mw_ses_identity_free(NULL);
    mw_ses_client_free(NULL);
    mw_ses_options_free(NULL);
}

/* Arguments checked before anything is sent, on a client whose endpoint
 * refuses connections: each must fail with MW_EINVAL, not MW_ETRANSPORT. */
static void test_invalid_arguments(void) {
    mw_ses_client *c = open_client("http://127.0.0.1:1", 0);
    mw_ses_suppressed_destination *dest = NULL;
    mw_ses_identity *id = NULL;
    mw_ses_identity_page *ipage = NULL;
    mw_ses_suppression_page *spage = NULL;
    mw_domain_report *report = NULL;
    mw_resolver_options *ropt = NULL;
    mw_resolver *resolver = NULL;
    char *s = NULL;
    const char *to[2] = {"reader@iana.org", ""};
    mw_error *err = NULL;
    int k;
    if (c == NULL) return;
    /* A resolver with no server behind it: nothing below gets as far as DNS. */
    EXPECT(mw_resolver_options_new(&ropt, NULL) == MW_OK);
    EXPECT(mw_resolver_options_add_server(ropt, "127.0.0.1:9", NULL) == MW_OK);
    EXPECT(mw_resolver_open(&resolver, ropt, NULL) == MW_OK);
    mw_resolver_options_free(ropt);
    EXPECT(mw_ses_create_identity(&id, c, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_create_identity(&id, c, "", NULL) == MW_EINVAL);
    EXPECT(mw_ses_get_identity(&id, c, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_delete_identity(c, "", NULL) == MW_EINVAL);
    EXPECT(mw_ses_send_email(&s, c, NULL, NULL, to, 1, "s", "t", NULL, NULL, NULL) == MW_EINVAL);  /* no from */
    EXPECT(mw_ses_send_email(&s, c, "a@iana.org", NULL, to, 0, "s", "t", NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_send_email(&s, c, "a@iana.org", NULL, to, 2, "s", "t", NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_send_email(&s, c, "a@iana.org", NULL, to, 1, NULL, "t", NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_send_email(&s, c, "a@iana.org", NULL, to, 1, "s", NULL, NULL, NULL, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "text or html") != NULL);
    mw_error_free(err);
    EXPECT(mw_ses_send_email(&s, c, NULL, NULL, NULL, 0, "s", NULL, NULL, "From: a@iana.org\r\n\r\nx", NULL) ==
           MW_EINVAL); /* raw with a subject */
    EXPECT(mw_ses_send_email(&s, c, NULL, NULL, NULL, 0, NULL, NULL, NULL, "", NULL) == MW_EINVAL);
    EXPECT(mw_ses_put_suppressed_destination(c, "a@iana.org", 2, NULL) == MW_EINVAL);
    EXPECT(mw_ses_put_suppressed_destination(c, NULL, MW_SES_SUPPRESSION_BOUNCE, NULL) == MW_EINVAL);
    EXPECT(mw_ses_get_suppressed_destination(&dest, c, "", NULL) == MW_EINVAL);
    EXPECT(mw_ses_get_suppressed_destination(NULL, c, "a@iana.org", NULL) == MW_EINVAL);
    EXPECT(mw_ses_delete_suppressed_destination(c, NULL, NULL) == MW_EINVAL);
    EXPECT(s == NULL && id == NULL);

    err = NULL;
    EXPECT(mw_ses_list_identities(&ipage, c, -1, NULL, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "page size") != NULL);
    mw_error_free(err);
    EXPECT(mw_ses_list_identities(&ipage, c, MW_SES_MAX_PAGE_SIZE + 1, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_list_suppressed_destinations(&spage, c, -5, "1", NULL) == MW_EINVAL);
    EXPECT(mw_ses_list_suppressed_destinations(&spage, c, MW_SES_MAX_PAGE_SIZE + 1, NULL, NULL) == MW_EINVAL);
    EXPECT(ipage == NULL && spage == NULL);
    err = NULL;
    EXPECT(mw_ses_put_identity_mail_from(c, "iana.org", "bounce.iana.org", 2, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "MW_SES_MX_FAILURE_REJECT_MESSAGE") != NULL);
    mw_error_free(err);
    EXPECT(mw_ses_put_identity_mail_from(c, "iana.org", "bounce.iana.org", -1, NULL) == MW_EINVAL);
    EXPECT(mw_ses_put_identity_mail_from(c, NULL, "bounce.iana.org", MW_SES_MX_FAILURE_REJECT_MESSAGE, NULL) ==
           MW_EINVAL);
    EXPECT(mw_ses_put_identity_mail_from(c, "", NULL, MW_SES_MX_FAILURE_USE_DEFAULT_VALUE, NULL) == MW_EINVAL);
    for (k = 0; k < 6; ++k) {
        /* Each of the six template arguments missing in turn: NULL, then "". */
        const char *args[6] = {"t", "a@iana.org", "s", "<p>x</p>", "https://iana.org/ok", "https://iana.org/no"};
        args[k] = NULL;
        EXPECT(mw_ses_create_custom_verification_email_template(c, args[0], args[1], args[2], args[3], args[4],
                                                                args[5], NULL) == MW_EINVAL);
        args[k] = "";
        err = NULL;
        EXPECT(mw_ses_create_custom_verification_email_template(c, args[0], args[1], args[2], args[3], args[4],
                                                                args[5], &err) == MW_EINVAL);
        EXPECT(strstr(mw_error_message(err), "must not be NULL or empty") != NULL);
        mw_error_free(err);
    }
    EXPECT(mw_ses_send_custom_verification_email(&s, c, NULL, "t", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_send_custom_verification_email(&s, c, "a@iana.org", "", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_ses_send_custom_verification_email(NULL, c, "a@iana.org", "t", NULL, NULL) == MW_EINVAL);
    EXPECT(s == NULL);
    if (resolver != NULL) {
        EXPECT(mw_domain_check_ses(&report, resolver, NULL, "iana.org", NULL) == MW_EINVAL);
        EXPECT(mw_domain_check_ses(&report, resolver, c, NULL, NULL) == MW_EINVAL);
        EXPECT(mw_domain_check_ses(&report, resolver, c, "", NULL) == MW_EINVAL);
        err = NULL;
        EXPECT(mw_domain_check_ses(&report, resolver, c, "news@", &err) == MW_EINVAL);
        EXPECT(strstr(mw_error_message(err), "no domain") != NULL);
        mw_error_free(err);
        EXPECT(report == NULL);
        /* A valid call asks SES first, which refuses the connection. */
        EXPECT(mw_domain_check_ses(&report, resolver, c, "iana.org", NULL) == MW_ETRANSPORT);
        EXPECT(report == NULL);
        mw_resolver_free(resolver);
    }

    /* A valid call reaches the transport, which refuses: MW_ETRANSPORT. */
    err = NULL;
    EXPECT(mw_ses_get_account(NULL, NULL, NULL, NULL, c, &err) == MW_ETRANSPORT);
    EXPECT(mw_error_code(err) == MW_ETRANSPORT);
    EXPECT(strstr(mw_error_message(err), SECRET) == NULL);
    mw_error_free(err);
    mw_ses_client_free(c);
}

/* No explicit credentials and none in the environment or files: the call
 * fails with MW_ETRANSPORT before sending anything. */
static void test_no_credentials(const char *endpoint) {
    mw_ses_options *o = NULL;
    mw_ses_client *c = NULL;
    mw_error *err = NULL;
    setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/mailwarden-credentials", 1);
    setenv("AWS_CONFIG_FILE", "/nonexistent/mailwarden-config", 1);
    unsetenv("AWS_ACCESS_KEY_ID");
    unsetenv("AWS_SECRET_ACCESS_KEY");
    unsetenv("AWS_PROFILE");
    EXPECT(mw_ses_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_region(o, "us-east-1", NULL) == MW_OK);
    EXPECT(mw_ses_options_set_endpoint(o, endpoint, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_allow_plaintext(o, 1, NULL) == MW_OK);
    EXPECT(mw_ses_client_open(&c, o, NULL) == MW_OK);
    EXPECT(mw_ses_get_account(NULL, NULL, NULL, NULL, c, &err) == MW_EAUTH);
    EXPECT(strstr(mw_error_message(err), "credentials") != NULL);
    EXPECT(strcmp(mw_error_origin(err), "ses") == 0);
    EXPECT(mw_error_retryable(err) == 0);
    EXPECT(mw_error_outcome_unknown(err) == 0);
    mw_error_free(err);
    mw_ses_client_free(c);

    /* The same chain finds them in the environment. */
    setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", 1);
    setenv("AWS_SECRET_ACCESS_KEY", SECRET, 1);
    c = NULL;
    EXPECT(mw_ses_client_open(&c, o, NULL) == MW_OK);
    EXPECT(mw_ses_get_account(NULL, NULL, NULL, NULL, c, NULL) == MW_OK);
    mw_ses_client_free(c);
    mw_ses_options_free(o);
}

/* Every peer checks signatures like SES: a wrong secret is refused with 403
 * SignatureDoesNotMatch (MW_EAUTH, not retryable, the service's words in the message)
 * and, where the peer keeps identities, nothing is created. */
static void test_wrong_secret(const char *endpoint, int keeps_identities) {
    mw_ses_client *forged = open_client_with_secret(endpoint, 0, "not-the-secret-of-AKIDEXAMPLE");
    mw_ses_client *honest = open_client(endpoint, 0);
    mw_error *err = NULL;
    if (forged == NULL || honest == NULL) {
        mw_ses_client_free(forged);
        mw_ses_client_free(honest);
        return;
    }
    EXPECT(mw_ses_create_identity(NULL, forged, "c-forged@iana.org", &err) == MW_EAUTH);
    EXPECT(mw_error_code(err) == MW_EAUTH);
    EXPECT(strstr(mw_error_message(err), "SignatureDoesNotMatch (403)") != NULL);
    EXPECT(strcmp(mw_error_service_code(err), "SignatureDoesNotMatch") == 0);
    EXPECT(mw_error_http_status(err) == 403);
    EXPECT(mw_error_attempts(err) == 1);
    EXPECT(mw_error_retryable(err) == 0);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_ses_get_account(NULL, NULL, NULL, NULL, forged, NULL) == MW_EAUTH);
    mw_ses_client_free(forged);
    if (keeps_identities) {
        mw_ses_identity *id = NULL;
        EXPECT(mw_ses_get_identity(&id, honest, "c-forged@iana.org", NULL) == MW_ENOTFOUND);
        mw_ses_identity_free(id);
    }
    mw_ses_client_free(honest);
}

static void test_identities_on_moto(const char *endpoint) {
    mw_ses_client *c = open_client(endpoint, 1);
    mw_ses_identity *id = NULL;
    mw_error *err = NULL;
    char *json = NULL;
    if (c == NULL) return;
    EXPECT(mw_ses_create_identity(NULL, c, "c-alice@iana.org", NULL) == MW_OK);
    EXPECT(mw_ses_create_identity(&id, c, "c-bob@iana.org", NULL) == MW_OK);
    EXPECT(strcmp(mw_ses_identity_type(id), "EMAIL_ADDRESS") == 0);
    mw_ses_identity_free(id);
    id = NULL;

    EXPECT(mw_ses_get_identity(&id, c, "c-alice@iana.org", &err) == MW_OK);
    if (id != NULL) {
        EXPECT(strcmp(mw_ses_identity_name(id), "c-alice@iana.org") == 0);
        EXPECT(strcmp(mw_ses_identity_type(id), "EMAIL_ADDRESS") == 0);
        /* moto verifies at once (but leaves VerifiedForSendingStatus false). */
        EXPECT(strcmp(mw_ses_identity_verification_status(id), "SUCCESS") == 0);
        EXPECT(mw_ses_identity_to_json(&json, id, NULL) == MW_OK);
        EXPECT(json != NULL && strstr(json, "\"name\":\"c-alice@iana.org\"") != NULL);
        EXPECT(json != NULL && strstr(json, "\"verification_status\":\"SUCCESS\"") != NULL);
        EXPECT(json != NULL && strstr(json, mw_ses_identity_verified_for_sending(id) ? "\"verified_for_sending\":true"
                                                                                     : "\"verified_for_sending\":false") != NULL);
        mw_string_free(json);
        mw_ses_identity_free(id);
        id = NULL;
    } else {
        fprintf(stderr, "get: %s\n", mw_error_message(err));
        mw_error_free(err);
        err = NULL;
    }

    EXPECT(mw_ses_delete_identity(c, "c-bob@iana.org", NULL) == MW_OK);
    EXPECT(mw_ses_get_identity(&id, c, "c-bob@iana.org", &err) == MW_ENOTFOUND);
    EXPECT(id == NULL);
    EXPECT(mw_error_code(err) == MW_ENOTFOUND);
    EXPECT(strstr(mw_error_message(err), "NotFoundException (404)") != NULL);
    mw_error_free(err);
    mw_ses_client_free(c);
}

static void test_fake(const char *endpoint) {
    mw_ses_client *c = open_client(endpoint, 0);
    mw_ses_identity *id = NULL;
    mw_error *err = NULL;
    char *json = NULL;
    char *message_id = NULL;
    const char *to[1] = {"reader@iana.org"};
    mw_ses_suppressed_destination *dest = NULL;
    size_t i;
    if (c == NULL) return;

    /* A domain: Pending, with Easy DKIM tokens. */
    EXPECT(mw_ses_create_identity(&id, c, "c-domain.iana.org", NULL) == MW_OK);
    EXPECT(strcmp(mw_ses_identity_type(id), "DOMAIN") == 0);
    EXPECT(mw_ses_identity_dkim_token_count(id) == 3);
    mw_ses_identity_free(id);
    id = NULL;
    EXPECT(mw_ses_get_identity(&id, c, "c-domain.iana.org", NULL) == MW_OK);
    EXPECT(strcmp(mw_ses_identity_verification_status(id), "PENDING") == 0);
    EXPECT(mw_ses_identity_verified_for_sending(id) == 0);
    EXPECT(mw_ses_identity_dkim_token_count(id) == 3);
    for (i = 0; i < mw_ses_identity_dkim_token_count(id); ++i)
        EXPECT(strlen(mw_ses_identity_dkim_token_get(id, i)) == 32);
    EXPECT(strcmp(mw_ses_identity_dkim_token_get(id, 0), mw_ses_identity_dkim_token_get(id, 1)) != 0);
    EXPECT(strcmp(mw_ses_identity_dkim_token_get(id, 3), "") == 0);
    EXPECT(mw_ses_identity_to_json(&json, id, NULL) == MW_OK);
    EXPECT(json != NULL && strstr(json, mw_ses_identity_dkim_token_get(id, 2)) != NULL);
    EXPECT(json != NULL && strstr(json, "\"verification_status\":\"PENDING\"") != NULL);
    mw_string_free(json);
    mw_ses_identity_free(id);
    id = NULL;

    EXPECT(mw_ses_create_identity(&id, c, "c-domain.iana.org", &err) == MW_EEXIST);
    EXPECT(id == NULL);
    EXPECT(strstr(mw_error_message(err), "AlreadyExistsException") != NULL);
    mw_error_free(err);
    err = NULL;

    /* Sending from an unverified identity: MessageRejected. */
    EXPECT(mw_ses_create_identity(NULL, c, "c-sender@iana.org", NULL) == MW_OK);
    EXPECT(mw_ses_send_email(&message_id, c, "c-sender@iana.org", NULL, to, 1, "Hi", "x", NULL, NULL, &err) ==
           MW_EINVAL);
    EXPECT(message_id == NULL);
    EXPECT(strstr(mw_error_message(err), "MessageRejected (400)") != NULL);
    EXPECT(strstr(mw_error_message(err), "[request fake-") != NULL);
    mw_error_free(err);
    err = NULL;

    /* The suppression list. */
    EXPECT(mw_ses_put_suppressed_destination(c, "c-bounced@iana.org", MW_SES_SUPPRESSION_BOUNCE, NULL) == MW_OK);
    EXPECT(mw_ses_put_suppressed_destination(c, "c-angry@iana.org", MW_SES_SUPPRESSION_COMPLAINT, NULL) == MW_OK);
    EXPECT(mw_ses_get_suppressed_destination(&dest, c, "c-angry@iana.org", NULL) == MW_OK);
    EXPECT(strcmp(mw_ses_suppressed_destination_address(dest), "c-angry@iana.org") == 0);
    EXPECT(mw_ses_suppressed_destination_reason(dest) == MW_SES_SUPPRESSION_COMPLAINT);
    EXPECT(mw_ses_suppressed_destination_last_update_time(dest) > 1600000000);
    mw_ses_suppressed_destination_free(dest);
    dest = NULL;
    EXPECT(mw_ses_get_suppressed_destination(&dest, c, "c-bounced@iana.org", NULL) == MW_OK);
    EXPECT(mw_ses_suppressed_destination_reason(dest) == MW_SES_SUPPRESSION_BOUNCE);
    mw_ses_suppressed_destination_free(dest);
    dest = NULL;
    EXPECT(mw_ses_delete_suppressed_destination(c, "c-angry@iana.org", NULL) == MW_OK);
    EXPECT(mw_ses_get_suppressed_destination(&dest, c, "c-angry@iana.org", NULL) == MW_ENOTFOUND);
    EXPECT(dest == NULL);
    /* Accessors of NULL. */
    EXPECT(strcmp(mw_ses_suppressed_destination_address(NULL), "") == 0);
    EXPECT(mw_ses_suppressed_destination_reason(NULL) == -1);
    EXPECT(mw_ses_suppressed_destination_last_update_time(NULL) == 0);
    mw_ses_suppressed_destination_free(NULL);
    EXPECT(mw_ses_delete_suppressed_destination(c, "c-angry@iana.org", NULL) == MW_ENOTFOUND);

    EXPECT(mw_ses_delete_identity(c, "c-domain.iana.org", NULL) == MW_OK);
    EXPECT(mw_ses_delete_identity(c, "c-domain.iana.org", NULL) == MW_ENOTFOUND);
    mw_ses_client_free(c);
}

/* Whether name is one of the count strings of list. */
static int listed(const char *name, char list[][64], size_t count) {
    size_t k;
    for (k = 0; k < count; ++k)
        if (strcmp(list[k], name) == 0) return 1;
    return 0;
}

/* ListEmailIdentities two at a time until the token runs out: the pages
 * together hold what one unlimited page holds, each identity once. */
static void test_identity_pages_on_fake(const char *endpoint) {
    static const char *const created[5] = {"c-page-a@iana.org", "c-page-b@iana.org", "c-page-c@iana.org",
                                           "c-page-d@iana.org", "c-pages.iana.org"};
    char seen[32][64];
    size_t seen_count = 0, total = 0;
    mw_ses_client *c = open_client(endpoint, 0);
    mw_ses_identity_page *page = NULL;
    mw_error *err = NULL;
    char token[64] = "";
    char *json = NULL;
    size_t pages = 0, i;
    if (c == NULL) return;
    for (i = 0; i < 5; ++i) EXPECT(mw_ses_create_identity(NULL, c, created[i], NULL) == MW_OK);

    /* Page size 0 lets SES choose: the fake then answers with everything. */
    EXPECT(mw_ses_list_identities(&page, c, 0, NULL, NULL) == MW_OK);
    total = mw_ses_identity_page_count(page);
    EXPECT(total >= 5 && total <= 32);
    EXPECT(strcmp(mw_ses_identity_page_next_token(page), "") == 0);
    mw_ses_identity_page_free(page);

    do {
        page = NULL;
        if (mw_ses_list_identities(&page, c, 2, token, &err) != MW_OK) {
            fprintf(stderr, "list identities: %s\n", mw_error_message(err));
            ++failures;
            mw_error_free(err);
            break;
        }
        ++pages;
        EXPECT(mw_ses_identity_page_count(page) >= 1 && mw_ses_identity_page_count(page) <= 2);
        for (i = 0; i < mw_ses_identity_page_count(page) && seen_count < 32; ++i) {
            const char *name = mw_ses_identity_name(mw_ses_identity_page_get(page, i));
            EXPECT(!listed(name, seen, seen_count)); /* no identity on two pages */
            EXPECT(strlen(name) < sizeof seen[0]);
            strncpy(seen[seen_count], name, sizeof seen[0] - 1);
            seen[seen_count][sizeof seen[0] - 1] = '\0';
            ++seen_count;
            EXPECT(strcmp(mw_ses_identity_type(mw_ses_identity_page_get(page, i)), strchr(name, '@') ? "EMAIL_ADDRESS" : "DOMAIN") == 0);
            EXPECT(strcmp(mw_ses_identity_verification_status(mw_ses_identity_page_get(page, i)), "PENDING") == 0);
            EXPECT(mw_ses_identity_verified_for_sending(mw_ses_identity_page_get(page, i)) == 0);
        }
        EXPECT(strcmp(mw_ses_identity_name(mw_ses_identity_page_get(page, 2)), "") == 0);
        EXPECT(strcmp(mw_ses_identity_type(mw_ses_identity_page_get(page, 2)), "") == 0);
        EXPECT(strcmp(mw_ses_identity_verification_status(mw_ses_identity_page_get(page, 2)), "") == 0);
        EXPECT(mw_ses_identity_verified_for_sending(mw_ses_identity_page_get(page, 2)) == 0);
        if (pages == 1) {
            EXPECT(mw_ses_identity_page_to_json(&json, page, NULL) == MW_OK);
            EXPECT(json != NULL && strstr(json, "{\"identities\":[{\"name\":") == json);
            EXPECT(json != NULL && strstr(json, mw_ses_identity_name(mw_ses_identity_page_get(page, 1))) != NULL);
            EXPECT(json != NULL && strstr(json, "\"sending_enabled\":false") != NULL);
            EXPECT(json != NULL && strstr(json, "\"verification_status\":\"PENDING\"") != NULL);
            EXPECT(json != NULL && strstr(json, "\"next_token\":\"2\"") != NULL);
            mw_string_free(json);
            json = NULL;
        }
        EXPECT(strlen(mw_ses_identity_page_next_token(page)) < sizeof token);
        strncpy(token, mw_ses_identity_page_next_token(page), sizeof token - 1);
        mw_ses_identity_page_free(page);
    } while (token[0] != '\0' && pages < 20);
    EXPECT(pages == (total + 1) / 2);
    EXPECT(pages >= 3);
    EXPECT(seen_count == total);
    for (i = 0; i < 5; ++i) EXPECT(listed(created[i], seen, seen_count));
    mw_ses_client_free(c);
}

/* PutSuppressedDestination with both reasons, then the list two at a time. */
static void test_suppression_pages_on_fake(const char *endpoint) {
    static const char *const addresses[3] = {"c-list-1@iana.org", "c-list-2@iana.org", "c-list-3@iana.org"};
    static const int reasons[3] = {MW_SES_SUPPRESSION_BOUNCE, MW_SES_SUPPRESSION_COMPLAINT,
                                   MW_SES_SUPPRESSION_BOUNCE};
    mw_ses_client *c = open_client(endpoint, 0);
    mw_ses_suppression_page *page = NULL;
    char token[64] = "";
    char *json = NULL;
    size_t i, k, total = 0, seen = 0, pages = 0;
    int found[3] = {0, 0, 0};
    if (c == NULL) return;
    for (i = 0; i < 3; ++i) EXPECT(mw_ses_put_suppressed_destination(c, addresses[i], reasons[i], NULL) == MW_OK);

    EXPECT(mw_ses_list_suppressed_destinations(&page, c, 0, "", NULL) == MW_OK);
    total = mw_ses_suppression_page_count(page);
    EXPECT(total >= 3);
    EXPECT(strcmp(mw_ses_suppression_page_next_token(page), "") == 0);
    mw_ses_suppression_page_free(page);

    do {
        page = NULL;
        if (mw_ses_list_suppressed_destinations(&page, c, 2, token, NULL) != MW_OK) {
            ++failures;
            break;
        }
        ++pages;
        EXPECT(mw_ses_suppression_page_count(page) >= 1 && mw_ses_suppression_page_count(page) <= 2);
        for (k = 0; k < mw_ses_suppression_page_count(page); ++k, ++seen) {
            EXPECT(mw_ses_suppressed_destination_last_update_time(mw_ses_suppression_page_get(page, k)) > 1600000000);
            for (i = 0; i < 3; ++i) {
                if (strcmp(mw_ses_suppressed_destination_address(mw_ses_suppression_page_get(page, k)), addresses[i]) != 0) continue;
                ++found[i];
                EXPECT(mw_ses_suppressed_destination_reason(mw_ses_suppression_page_get(page, k)) == reasons[i]);
            }
        }
        EXPECT(strcmp(mw_ses_suppressed_destination_address(mw_ses_suppression_page_get(page, 2)), "") == 0);
        EXPECT(mw_ses_suppressed_destination_reason(mw_ses_suppression_page_get(page, 2)) == -1);
        EXPECT(mw_ses_suppressed_destination_last_update_time(mw_ses_suppression_page_get(page, 2)) == 0);
        if (pages == 1) {
            EXPECT(mw_ses_suppression_page_to_json(&json, page, NULL) == MW_OK);
            EXPECT(json != NULL && strstr(json, "{\"destinations\":[{\"address\":") == json);
            EXPECT(json != NULL && strstr(json, mw_ses_suppressed_destination_address(mw_ses_suppression_page_get(page, 1))) != NULL);
            EXPECT(json != NULL && strstr(json, "\"last_update_time\":\"20") != NULL);
            EXPECT(json != NULL && strstr(json, "\"next_token\":\"2\"") != NULL);
            mw_string_free(json);
            json = NULL;
        }
        strncpy(token, mw_ses_suppression_page_next_token(page), sizeof token - 1);
        mw_ses_suppression_page_free(page);
    } while (token[0] != '\0' && pages < 20);
    EXPECT(pages == (total + 1) / 2);
    EXPECT(seen == total);
    for (i = 0; i < 3; ++i) EXPECT(found[i] == 1);

    /* Both reasons come back as written (the JSON names them). */
    EXPECT(mw_ses_list_suppressed_destinations(&page, c, 0, NULL, NULL) == MW_OK);
    EXPECT(mw_ses_suppression_page_to_json(&json, page, NULL) == MW_OK);
    EXPECT(json != NULL && strstr(json, "{\"address\":\"c-list-2@iana.org\",\"reason\":\"COMPLAINT\"") != NULL);
    EXPECT(json != NULL && strstr(json, "{\"address\":\"c-list-3@iana.org\",\"reason\":\"BOUNCE\"") != NULL);
    mw_string_free(json);
    mw_ses_suppression_page_free(page);

    /* A deleted address leaves the list. */
    EXPECT(mw_ses_delete_suppressed_destination(c, addresses[1], NULL) == MW_OK);
    page = NULL;
    EXPECT(mw_ses_list_suppressed_destinations(&page, c, 0, NULL, NULL) == MW_OK);
    EXPECT(mw_ses_suppression_page_count(page) == total - 1);
    for (i = 0; i < mw_ses_suppression_page_count(page); ++i)
        EXPECT(strcmp(mw_ses_suppressed_destination_address(mw_ses_suppression_page_get(page, i)), addresses[1]) != 0);
    mw_ses_suppression_page_free(page);
    mw_ses_client_free(c);
}

/* MAIL FROM set and read back, a custom verification template and its mail. */
static void test_mail_from_and_templates_on_fake(const char *endpoint) {
    mw_ses_client *c = open_client(endpoint, 0);
    mw_ses_identity *id = NULL;
    mw_error *err = NULL;
    char *message_id = NULL;
    char *other_id = NULL;
    if (c == NULL) return;

    EXPECT(mw_ses_create_identity(NULL, c, "c-mailfrom.iana.org", NULL) == MW_OK);
    EXPECT(mw_ses_get_identity(&id, c, "c-mailfrom.iana.org", NULL) == MW_OK);
    EXPECT(strcmp(mw_ses_identity_mail_from_domain(id), "") == 0);
    EXPECT(strcmp(mw_ses_identity_mail_from_status(id), "UNKNOWN") == 0);
    EXPECT(strcmp(mw_ses_identity_mail_from_behavior(id), "") == 0);
    mw_ses_identity_free(id);
    id = NULL;

    EXPECT(mw_ses_put_identity_mail_from(c, "c-mailfrom.iana.org", "bounce.c-mailfrom.iana.org",
                                         MW_SES_MX_FAILURE_REJECT_MESSAGE, &err) == MW_OK);
    EXPECT(mw_ses_get_identity(&id, c, "c-mailfrom.iana.org", NULL) == MW_OK);
    EXPECT(strcmp(mw_ses_identity_mail_from_domain(id), "bounce.c-mailfrom.iana.org") == 0);
    EXPECT(strcmp(mw_ses_identity_mail_from_status(id), "PENDING") == 0);
    EXPECT(strcmp(mw_ses_identity_mail_from_behavior(id), "REJECT_MESSAGE") == 0);
    mw_ses_identity_free(id);
    id = NULL;
    EXPECT(mw_ses_put_identity_mail_from(c, "c-mailfrom.iana.org", "mail.c-mailfrom.iana.org",
                                         MW_SES_MX_FAILURE_USE_DEFAULT_VALUE, NULL) == MW_OK);
    EXPECT(mw_ses_get_identity(&id, c, "c-mailfrom.iana.org", NULL) == MW_OK);
    EXPECT(strcmp(mw_ses_identity_mail_from_domain(id), "mail.c-mailfrom.iana.org") == 0);
    EXPECT(strcmp(mw_ses_identity_mail_from_behavior(id), "USE_DEFAULT_VALUE") == 0);
    mw_ses_identity_free(id);
    id = NULL;
    EXPECT(mw_ses_put_identity_mail_from(c, "c-nobody.iana.org", "bounce.c-nobody.iana.org",
                                         MW_SES_MX_FAILURE_REJECT_MESSAGE, &err) == MW_ENOTFOUND);
    EXPECT(strstr(mw_error_message(err), "NotFoundException (404)") != NULL);
    mw_error_free(err);
    err = NULL;

    EXPECT(mw_ses_create_custom_verification_email_template(c, "c-brand", "verify@iana.org", "Confirm your sender",
                                                            "<p>Please confirm</p>", "https://iana.org/ok",
                                                            "https://iana.org/failed", &err) == MW_OK);
    EXPECT(mw_ses_create_custom_verification_email_template(c, "c-brand", "verify@iana.org", "Again", "<p>x</p>",
                                                            "https://iana.org/ok", "https://iana.org/failed",
                                                            &err) == MW_EEXIST);
    EXPECT(strstr(mw_error_message(err), "AlreadyExistsException") != NULL);
    mw_error_free(err);
    err = NULL;

    EXPECT(mw_ses_get_identity(&id, c, "c-custom@iana.org", NULL) == MW_ENOTFOUND);
    EXPECT(mw_ses_send_custom_verification_email(&message_id, c, "c-custom@iana.org", "c-brand", NULL, &err) ==
           MW_OK);
    EXPECT(message_id != NULL && message_id[0] != '\0');
    /* SendCustomVerificationEmail made the address a Pending identity. */
    EXPECT(mw_ses_get_identity(&id, c, "c-custom@iana.org", NULL) == MW_OK);
    EXPECT(strcmp(mw_ses_identity_verification_status(id), "PENDING") == 0);
    mw_ses_identity_free(id);
    EXPECT(mw_ses_send_custom_verification_email(&other_id, c, "c-custom2@iana.org", "c-brand", "c-config", NULL) ==
           MW_OK);
    EXPECT(other_id != NULL && message_id != NULL && strcmp(other_id, message_id) != 0);
    mw_string_free(message_id);
    mw_string_free(other_id);
    message_id = NULL;
    EXPECT(mw_ses_send_custom_verification_email(&message_id, c, "c-custom3@iana.org", "c-no-such-template", "",
                                                 &err) == MW_ENOTFOUND);
    EXPECT(message_id == NULL);
    EXPECT(mw_error_code(err) == MW_ENOTFOUND);
    mw_error_free(err);
    mw_ses_client_free(c);
}

/* The index of the first record of report with purpose, or -1. */
static int record_index(const mw_domain_report *report, const char *purpose) {
    size_t i;
    for (i = 0; i < mw_domain_report_record_count(report); ++i)
        if (strcmp(mw_domain_record_purpose(mw_domain_report_record_get(report, i)), purpose) == 0) return (int)i;
    return -1;
}

/* The domain report of ses-brand.test, an identity of the fake whose DKIM
 * tokens and MAIL FROM records tests/peers/unbound/auth-zones publishes. */
static void test_domain_report_on_fake(const char *endpoint, const char *dns) {
    mw_ses_client *c = open_client(endpoint, 0);
    mw_resolver_options *ropt = NULL;
    mw_resolver *resolver = NULL;
    mw_ses_identity *id = NULL;
    mw_domain_report *report = NULL;
    mw_error *err = NULL;
    char name[128];
    size_t i;
    int k;
    if (c == NULL) return;
    EXPECT(mw_resolver_options_new(&ropt, NULL) == MW_OK);
    EXPECT(mw_resolver_options_add_server(ropt, dns, NULL) == MW_OK);
    EXPECT(mw_resolver_open(&resolver, ropt, NULL) == MW_OK);
    mw_resolver_options_free(ropt);

    EXPECT(mw_domain_check_ses(&report, resolver, c, "ses-brand.test", &err) == MW_ENOTFOUND);
    EXPECT(report == NULL);
    EXPECT(strstr(mw_error_message(err), "NotFoundException") != NULL);
    mw_error_free(err);
    err = NULL;

    EXPECT(mw_ses_create_identity(&id, c, "ses-brand.test", NULL) == MW_OK);
    EXPECT(mw_ses_identity_dkim_token_count(id) == 3);
    EXPECT(mw_domain_check_ses(&report, resolver, c, "ses-brand.test", &err) == MW_OK);
    if (report != NULL) {
        EXPECT(strcmp(mw_domain_report_domain(report), "ses-brand.test") == 0);
        EXPECT(strcmp(mw_domain_report_region(report), "us-east-1") == 0);
        EXPECT(mw_domain_report_verdict(report) == MW_VERDICT_PASS);
        EXPECT(mw_domain_report_finding_count(report) == 0);
        EXPECT(mw_domain_report_record_count(report) == 5); /* SPF, three DKIM CNAMEs, DMARC */
        EXPECT(record_index(report, "mail_from_mx") == -1);
        k = record_index(report, "dkim");
        for (i = 0; k >= 0 && i < 3; ++i) {
            /* The CNAMEs are named after the tokens SES gave the identity. */
            sprintf(name, "%s._domainkey.ses-brand.test", mw_ses_identity_dkim_token_get(id, i));
            EXPECT(strcmp(mw_domain_record_name(mw_domain_report_record_get(report, (size_t)k + i)), name) == 0);
            EXPECT(mw_domain_record_status(mw_domain_report_record_get(report, (size_t)k + i)) == MW_RECORD_OK);
        }
        mw_domain_report_free(report);
        report = NULL;
    } else {
        fprintf(stderr, "domain check: %s\n", mw_error_message(err));
        mw_error_free(err);
        err = NULL;
    }

    /* With a custom MAIL FROM, asked through a sender address of the domain. */
    EXPECT(mw_ses_put_identity_mail_from(c, "ses-brand.test", "bounce.ses-brand.test",
                                         MW_SES_MX_FAILURE_REJECT_MESSAGE, NULL) == MW_OK);
    EXPECT(mw_domain_check_ses(&report, resolver, c, "news@ses-brand.test", NULL) == MW_OK);
    if (report != NULL) {
        EXPECT(strcmp(mw_domain_report_domain(report), "ses-brand.test") == 0);
        EXPECT(mw_domain_report_verdict(report) == MW_VERDICT_PASS);
        EXPECT(mw_domain_report_record_count(report) == 6);
        k = record_index(report, "mail_from_mx");
        EXPECT(k >= 0);
        if (k >= 0) {
            EXPECT(strcmp(mw_domain_record_name(mw_domain_report_record_get(report, (size_t)k)), "bounce.ses-brand.test") == 0);
            EXPECT(strcmp(mw_domain_record_value(mw_domain_report_record_get(report, (size_t)k)),
                          "10 feedback-smtp.us-east-1.amazonses.com") == 0);
            EXPECT(mw_domain_record_status(mw_domain_report_record_get(report, (size_t)k)) == MW_RECORD_OK);
        }
        k = record_index(report, "mail_from_spf");
        EXPECT(k >= 0 && strcmp(mw_domain_record_name(mw_domain_report_record_get(report, (size_t)k)), "bounce.ses-brand.test") == 0);
        mw_domain_report_free(report);
        report = NULL;
    }

    /* A MAIL FROM nobody published: the report names what is missing. */
    EXPECT(mw_ses_put_identity_mail_from(c, "ses-brand.test", "mail.ses-brand.test",
                                         MW_SES_MX_FAILURE_USE_DEFAULT_VALUE, NULL) == MW_OK);
    EXPECT(mw_domain_check_ses(&report, resolver, c, "ses-brand.test", NULL) == MW_OK);
    if (report != NULL) {
        EXPECT(mw_domain_report_verdict(report) == MW_VERDICT_FAIL);
        k = record_index(report, "mail_from_mx");
        EXPECT(k >= 0 && mw_domain_record_status(mw_domain_report_record_get(report, (size_t)k)) == MW_RECORD_MISSING);
        for (i = 0, k = 0; i < mw_domain_report_finding_count(report); ++i)
            if (strcmp(mw_domain_finding_id(mw_domain_report_finding_get(report, i)), "mail_from.mx_missing") == 0) k = 1;
        EXPECT(k == 1);
        mw_domain_report_free(report);
    }
    mw_ses_identity_free(id);
    mw_resolver_free(resolver);
    mw_ses_client_free(c);
}

static void test_send_on_ses_local(const char *endpoint) {
    mw_ses_client *c = open_client(endpoint, 1);
    mw_ses_options *o = NULL;
    mw_error *err = NULL;
    char *message_id = NULL;
    const char *to[2] = {"reader@iana.org", "other@iana.org"};
    double rate = 0, max24 = 0, sent = -1;
    int enabled = 0;
    int k;
    if (c == NULL) return;

    EXPECT(mw_ses_get_account(&rate, &max24, &sent, &enabled, c, &err) == MW_OK);
    EXPECT(rate == 14.0);
    EXPECT(max24 == 50000.0);
    EXPECT(sent >= 0);
    EXPECT(enabled == 1);
    EXPECT(mw_ses_get_account(NULL, NULL, NULL, NULL, c, NULL) == MW_OK);

    EXPECT(mw_ses_send_email(&message_id, c, "news@iana.org", "IANA News", to, 2, "Hello from C", "Plain text",
                             "<p>HTML</p>", NULL, &err) == MW_OK);
    EXPECT(message_id != NULL && message_id[0] != '\0');
    mw_string_free(message_id);
    message_id = NULL;
    EXPECT(mw_ses_send_email(&message_id, c, "news@iana.org", NULL, to, 1, "HTML only", NULL, "<b>x</b>", NULL,
                             NULL) == MW_OK);
    mw_string_free(message_id);
    message_id = NULL;
    EXPECT(mw_ses_send_email(&message_id, c, NULL, NULL, NULL, 0, NULL, NULL, NULL,
                             "From: news@iana.org\r\nTo: reader@iana.org\r\nSubject: Raw\r\n\r\nRaw body\r\n",
                             NULL) == MW_OK);
    EXPECT(message_id != NULL && message_id[0] != '\0');
    mw_string_free(message_id);
    mw_ses_client_free(c);

    /* A fixed rate instead of GetAccount, and retries of sends allowed. */
    EXPECT(mw_ses_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_region(o, "us-east-1", NULL) == MW_OK);
    EXPECT(mw_ses_options_set_endpoint(o, endpoint, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_allow_plaintext(o, 1, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_credentials(o, "AKIDEXAMPLE", SECRET, "session-token", NULL) == MW_OK);
    EXPECT(mw_ses_options_set_max_send_rate(o, 100.0, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_retry_non_idempotent(o, 1, NULL) == MW_OK);
    c = NULL;
    EXPECT(mw_ses_client_open(&c, o, NULL) == MW_OK);
    mw_ses_options_free(o);
    for (k = 0; k < 5; ++k) {
        message_id = NULL;
        EXPECT(mw_ses_send_email(&message_id, c, "news@iana.org", NULL, to, 1, "Paced", "x", NULL, NULL, NULL) ==
               MW_OK);
        mw_string_free(message_id);
    }
    mw_ses_client_free(c);
}

int main(void) {
    const char *moto = getenv("MW_TEST_MOTO_ENDPOINT");
    const char *local = getenv("MW_TEST_SES_LOCAL_ENDPOINT");
    const char *fake = getenv("MW_TEST_SES_FAKE_ENDPOINT");
    const char *dns = getenv("MW_TEST_DNS");
    test_nulls();
    test_invalid_arguments();
    if (moto == NULL || local == NULL || fake == NULL || dns == NULL)
        return missing_peers("the SES peers (run-with-ses-peers.sh) or unbound (run-with-unbound.sh)");
    test_wrong_secret(moto, 1);
    test_wrong_secret(fake, 1);
    test_wrong_secret(local, 0);
    test_identities_on_moto(moto);
    test_fake(fake);
    test_identity_pages_on_fake(fake);
    test_suppression_pages_on_fake(fake);
    test_mail_from_and_templates_on_fake(fake);
    test_domain_report_on_fake(fake, dns);
    test_send_on_ses_local(local);
    test_no_credentials(local);
    printf("%d checks, %d failures\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
