/* Handles whose lifetime the library owns, from plain C99 with POSIX
 * threads: a registry freed while other threads call it, freed or
 * unsubscribed from inside its own callbacks, and its refresher stopped from
 * inside a callback of a refresher round. Run under ASan and TSan too. */
#define _POSIX_C_SOURCE 200809L
#include <mailwarden.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "expect_locked.h"

static void sleep_ms(long ms) {
    struct timespec t;
    t.tv_sec = ms / 1000;
    t.tv_nsec = (ms % 1000) * 1000000L;
    nanosleep(&t, NULL);
}

static mw_registry *open_registry(const char *dir, const char *name, int64_t manual_clock) {
    char store[512], outbox[512];
    mw_registry_options *o = NULL;
    mw_registry *r = NULL;
    mw_error *err = NULL;
    snprintf(store, sizeof store, "%s/%s.db", dir, name);
    snprintf(outbox, sizeof outbox, "%s/%s-outbox", dir, name);
    EXPECT(mw_registry_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_store_path(o, store, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_outbox(o, outbox, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_link_lifetime(o, 60, NULL) == MW_OK);
    if (manual_clock > 0) EXPECT(mw_registry_options_set_manual_clock(o, manual_clock, NULL) == MW_OK);
    if (mw_registry_open(&r, o, &err) != MW_OK) {
        fprintf(stderr, "open failed: %s\n", mw_error_message(err));
        mw_error_free(err);
    }
    mw_registry_options_free(o);
    return r;
}

static int add_sender(mw_registry *r, const char *address) {
    mw_sender *s = NULL;
    const int status = mw_registry_add(&s, r, address, "Alias", NULL, NULL);
    mw_sender_free(s);
    return status;
}

/* --- freed while calls run on other threads ------------------------------ */

struct caller {
    mw_registry *registry;
    int calls_before_close; /* MW_OK answers */
    int closed_answers;     /* MW_EINVAL "closed" answers */
    int wrong;              /* anything else, or OK after closed */
    int started;
};

static void *keep_calling(void *arg) {
    struct caller *c = (struct caller *)arg;
    int i;
    for (i = 0; i < 100000; ++i) {
        mw_sender_list *list = NULL;
        mw_error *err = NULL;
        const int status = mw_registry_list(&list, c->registry, -1, NULL, &err);
        pthread_mutex_lock(&report_lock);
        c->started = 1;
        pthread_mutex_unlock(&report_lock);
        if (status == MW_OK) {
            if (c->closed_answers > 0) ++c->wrong;
            ++c->calls_before_close;
            mw_sender_list_free(list);
        } else if (status == MW_EINVAL && strstr(mw_error_message(err), "closed") != NULL) {
            ++c->closed_answers;
        } else {
            ++c->wrong;
        }
        mw_error_free(err);
        if (c->closed_answers >= 3) break;
    }
    return NULL;
}

static void test_free_while_calls_run(const char *dir) {
    enum { threads = 4 };
    pthread_t t[threads];
    struct caller callers[threads];
    int i, all_started = 0;
    mw_registry *r = open_registry(dir, "inflight", 0);
    if (r == NULL) return;
    EXPECT(add_sender(r, "alice@iana.org") == MW_OK);
    memset(callers, 0, sizeof callers);
    for (i = 0; i < threads; ++i) {
        callers[i].registry = r;
        EXPECT(pthread_create(&t[i], NULL, keep_calling, &callers[i]) == 0);
    }
    while (!all_started) { /* free only once every thread is calling */
        sleep_ms(1);
        pthread_mutex_lock(&report_lock);
        all_started = 1;
        for (i = 0; i < threads; ++i) all_started &= callers[i].started;
        pthread_mutex_unlock(&report_lock);
    }
    mw_registry_free(r);
    for (i = 0; i < threads; ++i) {
        EXPECT(pthread_join(t[i], NULL) == 0);
        EXPECT(callers[i].wrong == 0);
        EXPECT(callers[i].closed_answers == 3);
    }
    /* Freeing again is a no-op, like freeing NULL. */
    mw_registry_free(r);
}

/* --- freed or unsubscribed from inside a callback ------------------------ */

struct in_callback {
    mw_registry *registry;
    int id;
    int deliveries;
    int status; /* of the call made inside the callback */
};

static void free_from_callback(const mw_sender *sender, int from_state, int to_state, void *user_data) {
    struct in_callback *c = (struct in_callback *)user_data;
    (void)sender;
    (void)from_state;
    (void)to_state;
    ++c->deliveries;
    mw_registry_free(c->registry);
}

static void unsubscribe_from_callback(const mw_sender *sender, int from_state, int to_state, void *user_data) {
    struct in_callback *c = (struct in_callback *)user_data;
    (void)sender;
    (void)from_state;
    (void)to_state;
    ++c->deliveries;
    c->status = mw_registry_unsubscribe(c->registry, c->id, NULL);
}

static void test_free_inside_callback(const char *dir) {
    struct in_callback c = {NULL, 0, 0, 0};
    mw_sender *s = NULL;
    c.registry = open_registry(dir, "free-in-callback", 0);
    if (c.registry == NULL) return;
    EXPECT(mw_registry_subscribe(&c.id, c.registry, free_from_callback, &c, NULL) == MW_OK);
    /* The add that delivers the callback completes: the registry lives on
     * until it returns. */
    EXPECT(mw_registry_add(&s, c.registry, "bob@iana.org", "Bob", NULL, NULL) == MW_OK);
    EXPECT(s != NULL && strcmp(mw_sender_address(s), "bob@iana.org") == 0);
    mw_sender_free(s);
    EXPECT(c.deliveries == 1);
    /* Then it is gone. */
    EXPECT(add_sender(c.registry, "carol@iana.org") == MW_EINVAL);
}

static void test_unsubscribe_inside_callback(const char *dir) {
    struct in_callback c = {NULL, 0, 0, -99};
    c.registry = open_registry(dir, "unsubscribe-in-callback", 0);
    if (c.registry == NULL) return;
    EXPECT(mw_registry_subscribe(&c.id, c.registry, unsubscribe_from_callback, &c, NULL) == MW_OK);
    EXPECT(add_sender(c.registry, "dave@iana.org") == MW_OK);
    EXPECT(add_sender(c.registry, "erin@iana.org") == MW_OK);
    EXPECT(c.deliveries == 1);
    EXPECT(c.status == MW_OK);
    EXPECT(mw_registry_unsubscribe(c.registry, c.id, NULL) == MW_ENOTFOUND);
    mw_registry_free(c.registry);
}

/* --- the refresher stopped, and the registry freed, from a round --------- */

struct refresher_stop {
    mw_registry *registry;
    int deliveries;
    int start_status;
    int done;
};

static void stop_from_refresh(const mw_sender *sender, int from_state, int to_state, void *user_data) {
    struct refresher_stop *c = (struct refresher_stop *)user_data;
    (void)sender;
    (void)from_state;
    if (to_state != MW_SENDER_FAILED) return;
    pthread_mutex_lock(&report_lock);
    if (++c->deliveries == 1) {
        pthread_mutex_unlock(&report_lock);
        mw_registry_stop_refresher(c->registry); /* must not wait for this very round */
        c->start_status = mw_registry_start_refresher(c->registry, 10, NULL);
        mw_registry_free(c->registry);
        pthread_mutex_lock(&report_lock);
        c->done = 1;
    }
    pthread_mutex_unlock(&report_lock);
}

static void test_stop_and_free_inside_refresher_round(const char *dir) {
    /* Static: the round's other delivery (its senders are checked in
     * parallel) may still arrive after this function has returned. */
    static struct refresher_stop c;
    int id = 0, waited = 0, done = 0;
    c.registry = open_registry(dir, "refresher", 1790000000);
    if (c.registry == NULL) return;
    EXPECT(add_sender(c.registry, "frank@iana.org") == MW_OK);
    EXPECT(add_sender(c.registry, "grace@iana.org") == MW_OK);
    EXPECT(mw_registry_subscribe(&id, c.registry, stop_from_refresh, &c, NULL) == MW_OK);
    /* The links expire: the refresher's next round fails both senders. */
    EXPECT(mw_registry_advance_clock(c.registry, 120, NULL) == MW_OK);
    EXPECT(mw_registry_start_refresher(c.registry, 10, NULL) == MW_OK);
    while (!done && waited < 30000) { /* a bound that only catches a hang */
        sleep_ms(5);
        waited += 5;
        pthread_mutex_lock(&report_lock);
        done = c.done;
        pthread_mutex_unlock(&report_lock);
    }
    expect_locked(done == 1, "the refresher's callback ran and returned");
    EXPECT(c.start_status == MW_EINVAL);
    EXPECT(add_sender(c.registry, "heidi@iana.org") == MW_EINVAL);
}

int main(void) {
    char dir[] = "/tmp/mw-capi-lifetime-XXXXXX";
    char cmd[80];
    if (mkdtemp(dir) == NULL) return 1;
    test_free_while_calls_run(dir);
    test_free_inside_callback(dir);
    test_unsubscribe_inside_callback(dir);
    test_stop_and_free_inside_refresher_round(dir);
    /* A registry destroyed on a library thread may still be closing its store. */
    sleep_ms(50);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
