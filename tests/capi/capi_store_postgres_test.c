/* The PostgreSQL store through the C ABI, from plain C99: two registries
 * opened on one postgresql:// URL share their senders as two service
 * instances would; the bounce tracker opens the same URL; an unreachable
 * server is a retryable MW_EIO. Run by run-with-postgres.sh
 * (MW_TEST_POSTGRES_URL), each run in a schema of its own. */
#define _POSIX_C_SOURCE 200809L
#include <mailwarden.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "expect.h"

static mw_registry *open_instance(const char *store, const char *outbox, mw_error **err) {
    mw_registry_options *o = NULL;
    mw_registry *r = NULL;
    if (mw_registry_options_new(&o, NULL) != MW_OK) return NULL;
    mw_registry_options_set_store_path(o, store, NULL);
    mw_registry_options_set_outbox(o, outbox, NULL);
    mw_registry_open(&r, o, err);
    mw_registry_options_free(o);
    return r;
}

static void test_instances(const char *url, const char *dir) {
    char outbox_a[256], outbox_b[256];
    mw_registry *a, *b;
    mw_sender *s = NULL;
    mw_tracker *t = NULL;
    mw_error *err = NULL;
    snprintf(outbox_a, sizeof outbox_a, "%s/a", dir);
    snprintf(outbox_b, sizeof outbox_b, "%s/b", dir);
    a = open_instance(url, outbox_a, &err);
    b = open_instance(url, outbox_b, &err);
    EXPECT(a != NULL && b != NULL);
    if (a == NULL || b == NULL) {
        if (err != NULL) fprintf(stderr, "%s\n", mw_error_message(err));
        mw_error_free(err);
        mw_registry_free(a);
        mw_registry_free(b);
        return;
    }
    EXPECT(mw_registry_add(&s, a, "alice@iana.org", "Alice", NULL, NULL) == MW_OK);
    mw_sender_free(s);
    s = NULL;
    EXPECT(mw_registry_add(&s, b, "alice@iana.org", "", NULL, &err) == MW_EEXIST);
    EXPECT(err != NULL && strstr(mw_error_message(err), "already exists") != NULL);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_registry_get(&s, b, "alice@iana.org", NULL, NULL) == MW_OK);
    EXPECT(mw_sender_state(s) == MW_SENDER_PENDING);
    mw_sender_free(s);
    EXPECT(mw_tracker_open(&t, url, NULL, NULL) == MW_OK);
    mw_tracker_free(t);
    mw_registry_free(a);
    mw_registry_free(b);
}

static void test_unreachable(const char *dir) {
    mw_error *err = NULL;
    mw_registry *r = open_instance("postgresql://postgres@127.0.0.1:1/none?connect_timeout=2", dir, &err);
    EXPECT(r == NULL);
    EXPECT(mw_error_code(err) == MW_EIO);
    EXPECT(mw_error_retryable(err) == 1);
    EXPECT(err != NULL && strstr(mw_error_message(err), "127.0.0.1:1") != NULL);
    mw_error_free(err);
    mw_registry_free(r);
}

int main(void) {
    const char *server = getenv("MW_TEST_POSTGRES_URL");
    char dir[] = "/tmp/mw-capi-pg-XXXXXX";
    char cmd[1024], url[1024];
    if (server == NULL) {
        fprintf(stderr, "MW_TEST_POSTGRES_URL is not set: run under tests/peers/postgres/run-with-postgres.sh\n");
        return 2;
    }
    if (mkdtemp(dir) == NULL) return 1;
    snprintf(cmd, sizeof cmd, "psql -q '%s' -c 'CREATE SCHEMA capi_%ld'", server, (long)getpid());
    if (system(cmd) != 0) return 1;
    snprintf(url, sizeof url, "%s?options=-csearch_path%%3Dcapi_%ld", server, (long)getpid());
    test_instances(url, dir);
    test_unreachable(dir);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
