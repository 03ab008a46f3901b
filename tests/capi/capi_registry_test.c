/* The sender registry through the C ABI, from plain C99: the seed's flow on
 * the local transport with a manual clock, callbacks, NULL arguments. */
#define _POSIX_C_SOURCE 200809L
#include <mailwarden.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "expect.h"

struct changes {
    int count;
    int last_from;
    int last_to;
    char last_address[64];
};

static void on_change(const mw_sender *sender, int from_state, int to_state, void *user_data) {
    struct changes *c = (struct changes *)user_data;
    c->count++;
    c->last_from = from_state;
    c->last_to = to_state;
    strncpy(c->last_address, mw_sender_address(sender), sizeof c->last_address - 1);
}

static void test_nulls(void) {
    mw_registry_options *o = NULL;
    mw_registry *r = NULL;
    mw_sender *s = NULL;
    mw_error *err = NULL;
    EXPECT(mw_registry_options_new(NULL, NULL) == MW_EINVAL);
    EXPECT(mw_registry_options_set_store_path(NULL, "x", NULL) == MW_EINVAL);
    EXPECT(mw_registry_options_set_outbox(NULL, "x", NULL) == MW_EINVAL);
    EXPECT(mw_registry_options_set_link_lifetime(NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_registry_options_set_default_account(NULL, "a", NULL) == MW_EINVAL);
    EXPECT(mw_registry_options_set_reject_noreply(NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_registry_options_set_reject_role(NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_registry_options_set_allow_special_use(NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_registry_options_set_manual_clock(NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_registry_open(&r, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_registry_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_link_lifetime(o, 0, NULL) == MW_EINVAL);
    EXPECT(mw_registry_options_set_default_account(o, "", NULL) == MW_EINVAL);
    EXPECT(mw_registry_open(&r, o, &err) == MW_EINVAL); /* no store path */
    EXPECT(strstr(mw_error_message(err), "store") != NULL);
    mw_error_free(err);
    mw_registry_options_free(o);

    EXPECT(mw_registry_add(&s, NULL, "a@iana.org", "", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_registry_get(&s, NULL, "a@iana.org", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_registry_list(NULL, NULL, -1, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_registry_resend(&s, NULL, "a@iana.org", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_registry_remove(NULL, "a@iana.org", 0, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_registry_refresh(NULL, NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_registry_confirm(NULL, NULL, "x", NULL) == MW_EINVAL);
    EXPECT(mw_registry_advance_clock(NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_registry_start_refresher(NULL, 10, NULL) == MW_EINVAL);
    mw_registry_stop_refresher(NULL);
    mw_registry_free(NULL);
    mw_registry_options_free(NULL);
    mw_sender_free(NULL);
    mw_sender_list_free(NULL);
    EXPECT(mw_sender_state(NULL) == -1);
    EXPECT(strcmp(mw_sender_address(NULL), "") == 0);
    EXPECT(mw_sender_list_count(NULL) == 0);
    EXPECT(mw_sender_list_get(NULL, 0) == NULL);
    EXPECT(strcmp(mw_sender_state_name(MW_SENDER_SUCCESS), "Success") == 0);
    EXPECT(mw_sender_state_name(7) == NULL);
}

static void test_flow(const char *dir) {
    char store[512], outbox[512];
    mw_registry_options *o = NULL;
    mw_registry *r = NULL;
    mw_sender *s = NULL;
    mw_sender_list *list = NULL;
    mw_error *err = NULL;
    char *link = NULL, *message = NULL, *id = NULL, *json = NULL;
    struct changes changes = {0, 0, 0, {0}};
    int sub = 0, checked = 0, changed = 0;
    const char *to[] = {"reader@iana.org"};
    const int64_t start = 1790000000;

    snprintf(store, sizeof store, "%s/senders.db", dir);
    snprintf(outbox, sizeof outbox, "%s/outbox", dir);
    EXPECT(mw_registry_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_store_path(o, store, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_outbox(o, outbox, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_manual_clock(o, start, NULL) == MW_OK);
    EXPECT(mw_registry_open(&r, o, &err) == MW_OK);
    mw_registry_options_free(o);
    if (r == NULL) {
        fprintf(stderr, "open failed: %s\n", mw_error_message(err));
        mw_error_free(err);
        return;
    }
    EXPECT(mw_registry_subscribe(&sub, r, on_change, &changes, NULL) == MW_OK);

    EXPECT(mw_registry_add(&s, r, "alice@iana.org", "Alice", NULL, &err) == MW_OK);
    EXPECT(mw_sender_state(s) == MW_SENDER_PENDING);
    EXPECT(strcmp(mw_sender_alias(s), "Alice") == 0);
    EXPECT(strcmp(mw_sender_type(s), "Email") == 0);
    EXPECT(strcmp(mw_sender_account(s), "default") == 0);
    EXPECT(mw_sender_created_at(s) == start);
    EXPECT(mw_sender_expires_at(s) == start + 86400);
    EXPECT(mw_sender_verified_at(s) == 0);
    EXPECT(strncmp(mw_sender_id(s), "snd_", 4) == 0);
    EXPECT(mw_sender_to_json(&json, s, 1, NULL) == MW_OK);
    EXPECT(json != NULL && strstr(json, "\"status\":\"Pending\"") != NULL);
    mw_string_free(json);
    mw_sender_free(s);
    EXPECT(changes.count == 1 && changes.last_from == -1 && changes.last_to == MW_SENDER_PENDING);

    err = NULL;
    EXPECT(mw_registry_add(&s, r, "alice@iana.org", "", NULL, &err) == MW_EEXIST);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_registry_add(&s, r, "not an address", "", NULL, &err) == MW_EINVAL);
    mw_error_free(err);
    EXPECT(mw_registry_add(&s, r, "bob@iana.org", "B\r\nBcc: x@y.org", NULL, NULL) == MW_EINVAL);

    err = NULL;
    EXPECT(mw_registry_send(&id, r, "alice@iana.org", to, 1, "Hi", "text", NULL, NULL, &err) == MW_ENOTVERIFIED);
    mw_error_free(err);

    EXPECT(mw_registry_last_link(&link, r, "alice@iana.org", NULL) == MW_OK);
    EXPECT(mw_registry_advance_clock(r, 3600, NULL) == MW_OK);
    EXPECT(mw_registry_confirm(&message, r, link, NULL) == MW_OK);
    EXPECT(message != NULL && strstr(message, "successfully verified") != NULL);
    mw_string_free(message);
    mw_string_free(link);
    EXPECT(changes.count == 2 && changes.last_to == MW_SENDER_SUCCESS);
    EXPECT(strcmp(changes.last_address, "alice@iana.org") == 0);

    EXPECT(mw_registry_get(&s, r, "alice@iana.org", NULL, NULL) == MW_OK);
    EXPECT(mw_sender_state(s) == MW_SENDER_SUCCESS);
    EXPECT(mw_sender_verified_at(s) == start + 3600);
    mw_sender_free(s);
    EXPECT(mw_registry_send(&id, r, "alice@iana.org", to, 1, "Hi", "text", NULL, NULL, NULL) == MW_OK);
    EXPECT(id != NULL && strlen(id) > 0);
    mw_string_free(id);
    EXPECT(mw_registry_send(&id, r, "alice@iana.org", NULL, 0, "Hi", "text", NULL, NULL, NULL) == MW_EINVAL);

    /* An unclicked sender expires at exactly 24 h. */
    EXPECT(mw_registry_add(&s, r, "carol@iana.org", "", NULL, NULL) == MW_OK);
    mw_sender_free(s);
    EXPECT(mw_registry_advance_clock(r, 86399, NULL) == MW_OK);
    EXPECT(mw_registry_get(&s, r, "carol@iana.org", NULL, NULL) == MW_OK);
    EXPECT(mw_sender_state(s) == MW_SENDER_PENDING);
    mw_sender_free(s);
    EXPECT(mw_registry_advance_clock(r, 1, NULL) == MW_OK);
    EXPECT(mw_registry_get(&s, r, "carol@iana.org", NULL, NULL) == MW_OK);
    EXPECT(mw_sender_state(s) == MW_SENDER_FAILED);
    EXPECT(strstr(mw_sender_failure_reason(s), "expired") != NULL);
    mw_sender_free(s);

    EXPECT(mw_registry_list(&list, r, MW_SENDER_FAILED, NULL, NULL) == MW_OK);
    EXPECT(mw_sender_list_count(list) == 1);
    EXPECT(strcmp(mw_sender_address(mw_sender_list_get(list, 0)), "carol@iana.org") == 0);
    EXPECT(mw_sender_list_get(list, 1) == NULL);
    mw_sender_list_free(list);
    EXPECT(mw_registry_list(&list, r, 9, NULL, NULL) == MW_EINVAL);

    EXPECT(mw_registry_resend(&s, r, "carol@iana.org", NULL, NULL) == MW_OK);
    EXPECT(mw_sender_state(s) == MW_SENDER_PENDING);
    mw_sender_free(s);
    EXPECT(mw_registry_refresh(&checked, &changed, r, NULL) == MW_OK);
    EXPECT(checked >= 1);

    EXPECT(mw_registry_add(&s, r, "no-reply@iana.org", "", NULL, NULL) == MW_OK);
    EXPECT(mw_sender_warning_count(s) == 1);
    EXPECT(strstr(mw_sender_warning_get(s, 0), "no-reply") != NULL);
    EXPECT(strcmp(mw_sender_warning_get(s, 5), "") == 0);
    mw_sender_free(s);

    EXPECT(mw_registry_remove(r, "carol@iana.org", 1, NULL, NULL) == MW_OK);
    err = NULL;
    EXPECT(mw_registry_get(&s, r, "carol@iana.org", NULL, &err) == MW_ENOTFOUND);
    mw_error_free(err);
    EXPECT(mw_registry_confirm(&message, r, "https://nowhere.example/x", NULL) == MW_EINVAL);

    EXPECT(mw_registry_unsubscribe(r, sub, NULL) == MW_OK);
    EXPECT(mw_registry_start_refresher(r, 0, NULL) == MW_EINVAL);
    EXPECT(mw_registry_start_refresher(r, 20, NULL) == MW_OK);
    mw_registry_free(r); /* stops the refresher */
}

int main(void) {
    char dir[] = "/tmp/mw-capi-XXXXXX";
    char cmd[64];
    if (mkdtemp(dir) == NULL) return 1;
    test_nulls();
    test_flow(dir);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
