/* The sender registry over Amazon SES through the C ABI, from plain C99,
 * against the peers started by tests/peers/run-with-ses-peers.sh: moto (an
 * identity is verified as soon as it is created, and SendEmail works) and the
 * project's fake (an identity stays PENDING until told otherwise). */
#define _POSIX_C_SOURCE 200809L
#include <mailwarden.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "expect.h"
#include "ses_client.h"
#include "temp_db.h"

/* A registry with a store in a fresh file over client; the client handle is
 * freed here at once: the registry keeps its own reference. */
static mw_registry *open_registry(mw_ses_client *client, const char *verification_template) {
    mw_registry_options *o = NULL;
    mw_registry *r = NULL;
    mw_error *err = NULL;
    EXPECT(mw_registry_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_store_path(o, temp_db_path(), NULL) == MW_OK);
    EXPECT(mw_registry_options_set_ses_client(o, client, verification_template, NULL, NULL) == MW_OK);
    mw_ses_client_free(client);
    if (mw_registry_open(&r, o, &err) != MW_OK) {
        fprintf(stderr, "cannot open the registry: %s\n", mw_error_message(err));
        ++failures;
    }
    mw_error_free(err);
    mw_registry_options_free(o);
    return r;
}

static int state_of(mw_registry *r, const char *address) {
    mw_sender *s = NULL;
    int state = -1;
    if (mw_registry_get(&s, r, address, NULL, NULL) == MW_OK) state = mw_sender_state(s);
    mw_sender_free(s);
    return state;
}

static void test_arguments(const char *endpoint) {
    mw_registry_options *o = NULL;
    mw_registry *r = NULL;
    mw_ses_client *c = open_client(endpoint, 0);
    mw_error *err = NULL;
    EXPECT(mw_registry_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_ses_client(NULL, c, NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_registry_options_set_ses_client(o, NULL, NULL, NULL, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "client") != NULL);
    mw_error_free(err);
    EXPECT(mw_registry_options_set_ses_client(o, c, "", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_registry_options_set_ses_client(o, c, NULL, "", NULL) == MW_EINVAL);
    /* Over SES the outbox is not needed, the store path still is. */
    EXPECT(mw_registry_options_set_ses_client(o, c, NULL, NULL, NULL) == MW_OK);
    EXPECT(mw_registry_open(&r, o, NULL) == MW_EINVAL);
    EXPECT(r == NULL);
    /* An outbox and an SES client together: the library refuses, it does not pick one. */
    EXPECT(mw_registry_options_set_store_path(o, "/tmp/mw-never-opened.db", NULL) == MW_OK);
    EXPECT(mw_registry_options_set_outbox(o, "/tmp/mw-unused-outbox", NULL) == MW_OK);
    EXPECT(mw_registry_open(&r, o, &err) == MW_EINVAL);
    EXPECT(r == NULL);
    EXPECT(strstr(mw_error_message(err), "choose one") != NULL);
    mw_error_free(err);
    err = NULL;
    /* The options keep their own reference: the client's handle may go first. */
    mw_ses_client_free(c);
    EXPECT(mw_registry_options_set_ses_client(o, c, NULL, NULL, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "closed") != NULL);
    mw_error_free(err);
    mw_registry_options_free(o);
}

/* One failure, one status and the same detail, whether it comes from the SES
 * client itself or from the registry over it. Nothing listens on port 1. */
static void test_same_error_everywhere(void) {
    mw_ses_client *c = open_client("http://127.0.0.1:1", 0);
    mw_registry *r = NULL;
    mw_sender *s = NULL;
    mw_ses_identity *id = NULL;
    mw_error *direct = NULL, *through_registry = NULL;
    if (c == NULL) return;
    EXPECT(mw_ses_create_identity(&id, c, "x@iana.org", &direct) == MW_ETRANSPORT);
    r = open_registry(c, NULL);
    if (r != NULL) {
        EXPECT(mw_registry_add(&s, r, "x@iana.org", "X", NULL, &through_registry) == MW_ETRANSPORT);
        EXPECT(mw_error_code(through_registry) == mw_error_code(direct));
        EXPECT(strcmp(mw_error_origin(through_registry), "ses") == 0);
        EXPECT(strcmp(mw_error_origin(direct), "ses") == 0);
        EXPECT(mw_error_retryable(through_registry) == 1 && mw_error_retryable(direct) == 1);
        EXPECT(mw_error_http_status(through_registry) == 0);
        EXPECT(mw_error_attempts(through_registry) >= 1);
        mw_registry_free(r);
    }
    EXPECT(s == NULL && id == NULL);
    mw_error_free(direct);
    mw_error_free(through_registry);
}

/* moto verifies an identity as soon as it is created. */
static void test_verified_and_send(const char *endpoint) {
    mw_registry *r = open_registry(open_client(endpoint, 0), NULL);
    mw_sender *s = NULL;
    mw_error *err = NULL;
    char *text = NULL;
    char *message_id = NULL;
    const char *to[1] = {"reader@iana.org"};
    int checked = -1;
    int changed = -1;
    if (r == NULL) return;

    EXPECT(mw_registry_add(&s, r, "news@iana.org", "IANA News", NULL, &err) == MW_OK);
    if (err != NULL) fprintf(stderr, "add: %s\n", mw_error_message(err));
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_sender_state(s) == MW_SENDER_PENDING);
    mw_sender_free(s);
    /* Sending from a pending sender is refused before SES is asked. */
    EXPECT(mw_registry_send(&message_id, r, "news@iana.org", to, 1, "Hi", "text", NULL, NULL, NULL) ==
           MW_ENOTVERIFIED);

    EXPECT(mw_registry_refresh(&checked, &changed, r, NULL) == MW_OK);
    EXPECT(checked == 1);
    EXPECT(changed == 1);
    EXPECT(state_of(r, "news@iana.org") == MW_SENDER_SUCCESS);

    EXPECT(mw_registry_send(&message_id, r, "news@iana.org", to, 1, "Hi", "text", NULL, NULL, &err) == MW_OK);
    if (err != NULL) fprintf(stderr, "send: %s\n", mw_error_message(err));
    mw_error_free(err);
    err = NULL;
    EXPECT(message_id != NULL && strlen(message_id) > 0);
    mw_string_free(message_id);

    /* Links belong to SES. */
    EXPECT(mw_registry_last_link(&text, r, "news@iana.org", &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "SES") != NULL);
    mw_error_free(err);
    EXPECT(mw_registry_confirm(&text, r, "http://127.0.0.1/verify?t=x", NULL) == MW_EINVAL);
    EXPECT(text == NULL);
    mw_registry_free(r);
}

/* The fake holds identities PENDING; removing with delete_identity removes the
 * identity at SES too. */
static void test_pending_and_remove(const char *endpoint) {
    mw_ses_client *probe = open_client(endpoint, 0);
    mw_registry *r = open_registry(open_client(endpoint, 0), NULL);
    mw_ses_identity *identity = NULL;
    mw_sender *s = NULL;
    int checked = -1;
    int changed = -1;
    if (r == NULL || probe == NULL) return;

    EXPECT(mw_registry_add(&s, r, "billing@iana.org", NULL, NULL, NULL) == MW_OK);
    mw_sender_free(s);
    EXPECT(mw_ses_get_identity(&identity, probe, "billing@iana.org", NULL) == MW_OK);
    EXPECT(identity != NULL && strcmp(mw_ses_identity_verification_status(identity), "PENDING") == 0);
    mw_ses_identity_free(identity);
    identity = NULL;

    EXPECT(mw_registry_refresh(&checked, &changed, r, NULL) == MW_OK);
    EXPECT(checked == 1);
    EXPECT(changed == 0);
    EXPECT(state_of(r, "billing@iana.org") == MW_SENDER_PENDING);

    EXPECT(mw_registry_remove(r, "billing@iana.org", 1, NULL, NULL) == MW_OK);
    EXPECT(mw_ses_get_identity(&identity, probe, "billing@iana.org", NULL) == MW_ENOTFOUND);
    EXPECT(identity == NULL);
    EXPECT(state_of(r, "billing@iana.org") == -1);
    mw_registry_free(r);
    mw_ses_client_free(probe);
}

int main(void) {
    const char *moto = getenv("MW_TEST_MOTO_ENDPOINT");
    const char *fake = getenv("MW_TEST_SES_FAKE_ENDPOINT");
    if (moto == NULL || fake == NULL)
        return missing_peers("moto and the fake (run-with-ses-peers.sh: MW_TEST_MOTO_ENDPOINT, MW_TEST_SES_FAKE_ENDPOINT)");
    test_arguments(fake);
    test_same_error_everywhere();
    test_verified_and_send(moto);
    test_pending_and_remove(fake);
    temp_db_cleanup();
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
