/* The Amazon SES client through the C ABI, from plain C99, against the peers
 * started by tests/peers/run-with-ses-peers.sh: moto (identities),
 * aws-ses-v2-local (SendEmail, GetAccount) and the project's fake (domain
 * identities with DKIM tokens, AlreadyExists, the suppression list,
 * MessageRejected). Also every function with NULL and invalid arguments. */
#define _POSIX_C_SOURCE 200809L
#include <mailwarden.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"

#define SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

/* A client for a local peer with explicit credentials and short backoffs. */
static mw_ses_client *open_client(const char *endpoint, int rate_limit) {
    mw_ses_options *o = NULL;
    mw_ses_client *c = NULL;
    mw_error *err = NULL;
    EXPECT(mw_ses_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_region(o, "us-east-1", NULL) == MW_OK);
    EXPECT(mw_ses_options_set_endpoint(o, endpoint, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_allow_plaintext(o, 1, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_credentials(o, "AKIDEXAMPLE", SECRET, NULL, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_max_attempts(o, 2, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_rate_limit(o, rate_limit, NULL) == MW_OK);
    if (mw_ses_client_open(&c, o, &err) != MW_OK) {
        fprintf(stderr, "cannot open a client for %s: %s\n", endpoint, mw_error_message(err));
        ++failures;
    }
    mw_error_free(err);
    mw_ses_options_free(o);
    return c;
}

static void test_nulls(void) {
    mw_ses_options *o = NULL;
    mw_ses_client *c = NULL;
    mw_ses_identity *id = NULL;
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
    EXPECT(mw_ses_get_suppressed_destination(NULL, NULL, NULL, "a@iana.org", NULL) == MW_EINVAL);
    EXPECT(mw_ses_delete_suppressed_destination(NULL, "a@iana.org", NULL) == MW_EINVAL);
    EXPECT(s == NULL && id == NULL);

    EXPECT(strcmp(mw_ses_identity_name(NULL), "") == 0);
    EXPECT(strcmp(mw_ses_identity_type(NULL), "") == 0);
    EXPECT(strcmp(mw_ses_identity_verification_status(NULL), "") == 0);
    EXPECT(mw_ses_identity_verified_for_sending(NULL) == 0);
    EXPECT(mw_ses_identity_dkim_token_count(NULL) == 0);
    EXPECT(strcmp(mw_ses_identity_dkim_token(NULL, 0), "") == 0);
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
    mw_ses_identity *id = NULL;
    char *s = NULL;
    const char *to[2] = {"reader@iana.org", ""};
    mw_error *err = NULL;
    if (c == NULL) return;
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
    EXPECT(mw_ses_get_suppressed_destination(NULL, NULL, c, "", NULL) == MW_EINVAL);
    EXPECT(mw_ses_delete_suppressed_destination(c, NULL, NULL) == MW_EINVAL);
    EXPECT(s == NULL && id == NULL);

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
    EXPECT(mw_ses_get_account(NULL, NULL, NULL, NULL, c, &err) == MW_ETRANSPORT);
    EXPECT(strstr(mw_error_message(err), "credentials") != NULL);
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
    int reason = -1;
    int64_t updated = 0;
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
        EXPECT(strlen(mw_ses_identity_dkim_token(id, i)) == 32);
    EXPECT(strcmp(mw_ses_identity_dkim_token(id, 0), mw_ses_identity_dkim_token(id, 1)) != 0);
    EXPECT(strcmp(mw_ses_identity_dkim_token(id, 3), "") == 0);
    EXPECT(mw_ses_identity_to_json(&json, id, NULL) == MW_OK);
    EXPECT(json != NULL && strstr(json, mw_ses_identity_dkim_token(id, 2)) != NULL);
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
    EXPECT(mw_ses_get_suppressed_destination(&reason, &updated, c, "c-angry@iana.org", NULL) == MW_OK);
    EXPECT(reason == MW_SES_SUPPRESSION_COMPLAINT);
    EXPECT(updated > 1600000000);
    EXPECT(mw_ses_get_suppressed_destination(&reason, NULL, c, "c-bounced@iana.org", NULL) == MW_OK);
    EXPECT(reason == MW_SES_SUPPRESSION_BOUNCE);
    EXPECT(mw_ses_get_suppressed_destination(NULL, NULL, c, "c-bounced@iana.org", NULL) == MW_OK);
    EXPECT(mw_ses_delete_suppressed_destination(c, "c-angry@iana.org", NULL) == MW_OK);
    reason = -1;
    EXPECT(mw_ses_get_suppressed_destination(&reason, NULL, c, "c-angry@iana.org", NULL) == MW_ENOTFOUND);
    EXPECT(reason == -1);
    EXPECT(mw_ses_delete_suppressed_destination(c, "c-angry@iana.org", NULL) == MW_ENOTFOUND);

    EXPECT(mw_ses_delete_identity(c, "c-domain.iana.org", NULL) == MW_OK);
    EXPECT(mw_ses_delete_identity(c, "c-domain.iana.org", NULL) == MW_ENOTFOUND);
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
    test_nulls();
    test_invalid_arguments();
    if (moto == NULL || local == NULL || fake == NULL) {
        fprintf(stderr, "skipped: the SES peers are not running (run through tests/peers/run-with-ses-peers.sh)\n");
        return 77;
    }
    test_identities_on_moto(moto);
    test_fake(fake);
    test_send_on_ses_local(local);
    test_no_credentials(local);
    printf("%d checks, %d failures\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
