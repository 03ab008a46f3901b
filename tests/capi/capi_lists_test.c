/* List hygiene through the C ABI, from plain C99: the streaming cleaner
 * (verdict order across chunk boundaries, duplicates, progress, a column
 * that is not there, DNS outcomes from unbound when MW_TEST_DNS is set) and
 * the mailing lists of a registry (double opt-in with expiry, reuse and
 * tampering, list headers, the RFC 8058 POST, consent log, import, purge,
 * send, engagement), and concurrent subscribes on one handle.
 * Usage: capi_lists_test [threads] */
#define _POSIX_C_SOURCE 200809L
#include <mailwarden.h>

#include <pthread.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "expect_locked.h"

/* ---- cleaning ---- */

struct collected {
    size_t count;
    size_t last_row;
    int in_order;
    char addresses[64][96];
    char reasons[64][160];
    size_t duplicate_of[64];
    int verdict[64];
    int domain[64];
    int progress_calls;
    uint64_t progress_rows;
};

static void collect(const mw_clean_verdict *v, void *user_data) {
    struct collected *c = (struct collected *)user_data;
    size_t i, n = mw_clean_verdict_reason_count(v);
    if (mw_clean_verdict_row(v) != c->last_row + 1) c->in_order = 0;
    c->last_row = mw_clean_verdict_row(v);
    if (c->count < 64) {
        snprintf(c->addresses[c->count], sizeof c->addresses[0], "%s", mw_clean_verdict_address(v));
        c->reasons[c->count][0] = '\0';
        for (i = 0; i < n; ++i) {
            strncat(c->reasons[c->count], mw_clean_verdict_reason(v, i),
                    sizeof c->reasons[0] - strlen(c->reasons[c->count]) - 2);
            strcat(c->reasons[c->count], " ");
        }
        c->duplicate_of[c->count] = mw_clean_verdict_duplicate_of(v);
        c->verdict[c->count] = mw_clean_verdict_verdict(v);
        c->domain[c->count] = mw_clean_verdict_domain_status(v);
    }
    ++c->count;
}

static void on_progress(const mw_clean_stats *stats, void *user_data) {
    struct collected *c = (struct collected *)user_data;
    ++c->progress_calls;
    c->progress_rows = mw_clean_stats_rows(stats);
}

static void test_null_handles(void) {
    mw_cleaner *cleaner = NULL;
    mw_lists *lists = NULL;
    mw_subscribe_outcome *outcome = NULL;
    EXPECT(mw_cleaner_new(&cleaner, NULL, collect, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_cleaner_feed(NULL, "a", 1, NULL) == MW_EINVAL);
    EXPECT(mw_cleaner_finish(NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_cleaner_header_count(NULL) == 0);
    EXPECT(strcmp(mw_cleaner_header_get(NULL, 0), "") == 0);
    EXPECT(mw_registry_lists(&lists, NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_lists_subscribe(&outcome, NULL, NULL, "news", "a@iana.org", NULL, NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_clean_options_set_delimiter(NULL, ';', NULL) == MW_EINVAL);
    EXPECT(mw_lists_options_set_confirm_lifetime(NULL, 10, NULL) == MW_EINVAL);
    EXPECT(mw_clean_verdict_row(NULL) == 0);
    EXPECT(strcmp(mw_clean_verdict_reason(NULL, 0), "") == 0);
    EXPECT(mw_subscriber_state(NULL) == -1);
    EXPECT(mw_subscribe_outcome_subscriber(NULL) == NULL);
    EXPECT(strcmp(mw_subscriber_state_name(MW_SUBSCRIBER_UNSUBSCRIBED), "unsubscribed") == 0);
    EXPECT(mw_subscriber_state_name(6) == NULL);
    EXPECT(strcmp(mw_mail_domain_status_name(MW_MAIL_DOMAIN_NULL_MX), "null_mx") == 0);
    EXPECT(mw_mail_domain_status_name(-1) == NULL);
    mw_cleaner_free(NULL);
    mw_lists_free(NULL);
    mw_clean_stats_free(NULL);
    mw_subscribe_outcome_free(NULL);
    mw_purge_report_free(NULL);
}

static mw_cleaner *new_cleaner(struct collected *c, const char *column, size_t progress_every) {
    mw_clean_options *o = NULL;
    mw_cleaner *cleaner = NULL;
    EXPECT(mw_clean_options_new(&o, NULL) == MW_OK);
    if (column != NULL) EXPECT(mw_clean_options_set_column_name(o, column, NULL) == MW_OK);
    if (progress_every > 0) EXPECT(mw_clean_options_set_progress(o, on_progress, progress_every, c, NULL) == MW_OK);
    EXPECT(mw_clean_options_set_progress(o, on_progress, 0, c, NULL) == MW_EINVAL);
    EXPECT(mw_clean_options_set_delimiter(o, '"', NULL) == MW_EINVAL);
    EXPECT(mw_clean_options_set_input(o, 9, NULL) == MW_EINVAL);
    EXPECT(mw_cleaner_new(&cleaner, o, collect, c, NULL) == MW_OK);
    mw_clean_options_free(o);
    memset(c, 0, sizeof *c);
    c->in_order = 1;
    return cleaner;
}

static void test_clean_streams(void) {
    /* A BOM, CRLF, a quoted field holding the delimiter and a line end,
     * the same address twice (case differs), a role address, a disposable
     * domain, a typo of a large provider, a malformed address. */
    static const char csv[] =
        "\xEF\xBB\xBFname,Email\r\n"
        "\"Ann, A.\",ann@iana.org\r\n"
        "\"Bo\nB\",ANN@IANA.ORG\r\n"
        "Post,postmaster@iana.org\r\n"
        "Temp,x@mailinator.com\r\n"
        "Typo,carl@gmial.com\r\n"
        "Bad,not-an-address\r\n";
    struct collected c;
    mw_clean_stats *stats = NULL;
    mw_error *err = NULL;
    size_t i;
    mw_cleaner *cleaner = new_cleaner(&c, NULL, 2);

    /* One byte at a time: every row spans chunks. */
    for (i = 0; i + 1 < sizeof csv; ++i) EXPECT(mw_cleaner_feed(cleaner, csv + i, 1, NULL) == MW_OK);
    EXPECT(mw_cleaner_header_count(cleaner) == 2);
    EXPECT(strcmp(mw_cleaner_header_get(cleaner, 1), "Email") == 0);
    EXPECT(mw_cleaner_finish(&stats, cleaner, NULL) == MW_OK);
    EXPECT(mw_clean_stats_rows(stats) == 6);
    EXPECT(mw_clean_stats_duplicates(stats) == 1);
    EXPECT(mw_clean_stats_invalid(stats) >= 1);
    mw_clean_stats_free(stats);
    EXPECT(c.count == 6 && c.in_order);
    EXPECT(strcmp(c.addresses[0], "ann@iana.org") == 0 && c.verdict[0] == MW_ADDRESS_VALID);
    EXPECT(c.duplicate_of[1] == 1 && strstr(c.reasons[1], "duplicate") != NULL);
    EXPECT(c.duplicate_of[0] == 0);
    EXPECT(strstr(c.reasons[2], "role") != NULL && c.verdict[2] == MW_ADDRESS_RISKY);
    EXPECT(strstr(c.reasons[3], "disposable") != NULL);
    EXPECT(strstr(c.reasons[4], "typo_suggestion") != NULL);
    EXPECT(c.verdict[5] == MW_ADDRESS_INVALID);
    EXPECT(c.domain[0] == MW_MAIL_DOMAIN_NOT_CHECKED);
    /* Every second verdict, and once at the end. */
    EXPECT(c.progress_calls == 4 && c.progress_rows == 6);

    EXPECT(mw_cleaner_feed(cleaner, "a@b.org\n", 8, &err) == MW_EINVAL);
    EXPECT(err != NULL && strstr(mw_error_message(err), "finished") != NULL);
    mw_error_free(err);
    mw_cleaner_free(cleaner);
}

static void test_clean_missing_column(void) {
    struct collected c;
    mw_error *err = NULL;
    static const char csv[] = "name,mail\nAnn,ann@iana.org\n";
    mw_cleaner *cleaner = new_cleaner(&c, "e-mail address", 0);
    EXPECT(mw_cleaner_feed(cleaner, csv, sizeof csv - 1, &err) == MW_EINVAL);
    EXPECT(err != NULL && strstr(mw_error_message(err), "e-mail address") != NULL);
    mw_error_free(err);
    EXPECT(c.count == 0);
    mw_cleaner_free(cleaner);
}

static void free_in_callback(const mw_clean_verdict *v, void *user_data) {
    (void)v;
    mw_cleaner_free(*(mw_cleaner **)user_data);
}

static void test_clean_free_in_callback(void) {
    mw_clean_options *o = NULL;
    mw_cleaner *cleaner = NULL;
    EXPECT(mw_clean_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_cleaner_new(&cleaner, o, free_in_callback, &cleaner, NULL) == MW_OK);
    mw_clean_options_free(o);
    EXPECT(mw_cleaner_feed(cleaner, "a@iana.org\nb@iana.org\n", 22, NULL) == MW_OK);
    /* The handle is closed now: further calls are refused, not a crash. */
    EXPECT(mw_cleaner_feed(cleaner, "c@iana.org\n", 11, NULL) == MW_EINVAL);
}

static void test_clean_dns(const char *dns) {
    static const char lines[] =
        "a@mx.clean-fixtures.net\nb@nullmx.clean-fixtures.net\nc@aonly.clean-fixtures.net\n"
        "d@nodata.clean-fixtures.net\ne@gone.clean-fixtures.net\nf@refused.clean-fixtures.net\n"
        "A@MX.clean-fixtures.net\n";
    mw_resolver_options *ro = NULL;
    mw_resolver *resolver = NULL;
    mw_address_options *ao = NULL;
    mw_clean_options *o = NULL;
    mw_cleaner *cleaner = NULL;
    mw_clean_stats *stats = NULL;
    struct collected c;
    EXPECT(mw_resolver_options_new(&ro, NULL) == MW_OK);
    EXPECT(mw_resolver_options_add_server(ro, dns, NULL) == MW_OK);
    EXPECT(mw_resolver_open(&resolver, ro, NULL) == MW_OK);
    mw_resolver_options_free(ro);
    EXPECT(mw_address_options_new(&ao, NULL) == MW_OK);
    EXPECT(mw_address_options_set_allow_special_use(ao, 1, NULL) == MW_OK);
    EXPECT(mw_clean_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_clean_options_set_address_options(o, ao, NULL) == MW_OK);
    EXPECT(mw_clean_options_set_resolver(o, resolver, NULL) == MW_OK);
    EXPECT(mw_clean_options_set_input(o, MW_CLEAN_INPUT_LINES, NULL) == MW_OK);
    mw_address_options_free(ao);
    /* The options hold their own reference. */
    mw_resolver_free(resolver);
    memset(&c, 0, sizeof c);
    c.in_order = 1;
    EXPECT(mw_cleaner_new(&cleaner, o, collect, &c, NULL) == MW_OK);
    mw_clean_options_free(o);
    EXPECT(mw_cleaner_feed(cleaner, lines, sizeof lines - 1, NULL) == MW_OK);
    EXPECT(mw_cleaner_finish(&stats, cleaner, NULL) == MW_OK);
    if (mw_clean_stats_domains_resolved(stats) != 6) {
        size_t i;
        for (i = 0; i < c.count && i < 64; ++i)
            fprintf(stderr, "row %zu: %s [%s] domain %d\n", i + 1, c.addresses[i], c.reasons[i], c.domain[i]);
    }
    EXPECT(mw_clean_stats_domains(stats) == 6 && mw_clean_stats_domains_resolved(stats) == 6);
    mw_clean_stats_free(stats);
    mw_cleaner_free(cleaner);
    EXPECT(c.count == 7 && c.in_order);
    EXPECT(c.domain[0] == MW_MAIL_DOMAIN_ACCEPTS_MAIL && c.verdict[0] == MW_ADDRESS_VALID);
    EXPECT(c.domain[1] == MW_MAIL_DOMAIN_NULL_MX && strstr(c.reasons[1], "null_mx") != NULL);
    EXPECT(c.verdict[1] == MW_ADDRESS_INVALID);
    EXPECT(c.domain[2] == MW_MAIL_DOMAIN_IMPLICIT_MX && strstr(c.reasons[2], "implicit_mx") != NULL);
    EXPECT(c.domain[3] == MW_MAIL_DOMAIN_NO_MAIL && c.verdict[3] == MW_ADDRESS_INVALID);
    EXPECT(c.domain[4] == MW_MAIL_DOMAIN_NO_MAIL && strstr(c.reasons[4], "no_mail_domain") != NULL);
    /* A refusing server is a temporary failure: risky, never invalid. */
    EXPECT(c.domain[5] == MW_MAIL_DOMAIN_UNKNOWN && c.verdict[5] == MW_ADDRESS_RISKY);
    EXPECT(strstr(c.reasons[5], "dns_unknown") != NULL);
    EXPECT(c.domain[6] == MW_MAIL_DOMAIN_ACCEPTS_MAIL && c.duplicate_of[6] == 1);
}

/* ---- mailing lists ---- */

struct fixture {
    mw_registry *registry;
    mw_lists *lists;
};

static const int64_t start = 1790000000;

static int open_fixture(struct fixture *f, const char *dir) {
    char store[512], outbox[512];
    mw_registry_options *o = NULL;
    mw_lists_options *lo = NULL;
    mw_sender *s = NULL;
    char *link = NULL, *message = NULL;
    mw_error *err = NULL;
    snprintf(store, sizeof store, "%s/lists.db", dir);
    snprintf(outbox, sizeof outbox, "%s/outbox", dir);
    EXPECT(mw_registry_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_store_path(o, store, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_outbox(o, outbox, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_manual_clock(o, start, NULL) == MW_OK);
    EXPECT(mw_registry_open(&f->registry, o, &err) == MW_OK);
    mw_registry_options_free(o);
    if (f->registry == NULL) {
        fprintf(stderr, "open failed: %s\n", mw_error_message(err));
        mw_error_free(err);
        return 0;
    }
    EXPECT(mw_registry_add(&s, f->registry, "news@iana.org", "News", NULL, NULL) == MW_OK);
    mw_sender_free(s);
    EXPECT(mw_registry_last_link(&link, f->registry, "news@iana.org", NULL) == MW_OK);
    EXPECT(mw_registry_confirm(&message, f->registry, link, NULL) == MW_OK);
    mw_string_free(link);
    mw_string_free(message);

    EXPECT(mw_lists_options_new(&lo, NULL) == MW_OK);
    EXPECT(mw_lists_options_set_confirm_link_base(lo, "https://app.example/confirm", NULL) == MW_OK);
    EXPECT(mw_lists_options_set_unsubscribe_link_base(lo, "https://app.example/unsubscribe", NULL) == MW_OK);
    EXPECT(mw_lists_options_set_list_id_domain(lo, "lists.app.example", NULL) == MW_OK);
    EXPECT(mw_lists_options_set_confirm_lifetime(lo, 0, NULL) == MW_EINVAL);
    EXPECT(mw_registry_lists(&f->lists, f->registry, lo, NULL) == MW_OK);
    mw_lists_options_free(lo);
    return f->lists != NULL;
}

static mw_subscribe_outcome *subscribe(mw_lists *lists, const char *address, int double_opt_in) {
    mw_consent_facts *facts = NULL;
    mw_subscribe_outcome *outcome = NULL;
    mw_error *err = NULL;
    EXPECT(mw_consent_facts_new(&facts, NULL) == MW_OK);
    EXPECT(mw_consent_facts_set_source(facts, "signup-form", NULL) == MW_OK);
    EXPECT(mw_consent_facts_set_ip(facts, "198.51.100.7", NULL) == MW_OK);
    EXPECT(mw_consent_facts_set_notice(facts, "Send me the news", "v2", NULL) == MW_OK);
    if (mw_lists_subscribe(&outcome, lists, NULL, "news", address, "Reader", facts, double_opt_in, &err) != MW_OK) {
        fprintf(stderr, "subscribe %s: %s\n", address, mw_error_message(err));
        mw_error_free(err);
    }
    mw_consent_facts_free(facts);
    return outcome;
}

static const char *token_of(const char *link) {
    const char *t = strstr(link, "token=");
    return t != NULL ? t + 6 : "";
}

static void test_double_opt_in(struct fixture *f) {
    mw_mailing_list *list = NULL;
    mw_subscribe_outcome *outcome;
    mw_token_preview *preview = NULL;
    mw_subscriber *s = NULL;
    mw_error *err = NULL;
    char link[512], tampered[512];
    char *json = NULL;
    size_t n;

    EXPECT(mw_lists_create(&list, f->lists, NULL, "news", "news@iana.org", NULL) == MW_OK);
    EXPECT(strcmp(mw_mailing_list_account(list), "default") == 0);
    EXPECT(strcmp(mw_mailing_list_from(list), "news@iana.org") == 0);
    EXPECT(mw_mailing_list_created_at(list) == start);
    mw_mailing_list_free(list);
    EXPECT(mw_lists_create(&list, f->lists, NULL, "news", "news@iana.org", NULL) == MW_EEXIST);
    EXPECT(mw_lists_create(&list, f->lists, NULL, "bad", "not an address", NULL) == MW_EINVAL);

    outcome = subscribe(f->lists, "Ann@IANA.org", 1);
    EXPECT(mw_subscribe_outcome_accepted(outcome) == 1);
    EXPECT(strcmp(mw_subscribe_outcome_refused_because(outcome), "") == 0);
    EXPECT(mw_subscriber_state(mw_subscribe_outcome_subscriber(outcome)) == MW_SUBSCRIBER_PENDING);
    EXPECT(strcmp(mw_clean_verdict_address(mw_subscribe_outcome_check(outcome)), "Ann@iana.org") == 0);
    snprintf(link, sizeof link, "%s", mw_subscribe_outcome_confirm_link(outcome));
    EXPECT(strncmp(link, "https://app.example/confirm?token=", 34) == 0);
    EXPECT(mw_subscribe_outcome_to_json(&json, outcome, NULL) == MW_OK);
    EXPECT(json != NULL && strstr(json, "\"accepted\":true") != NULL && strstr(json, "\"state\":\"pending\"") != NULL);
    mw_string_free(json);
    mw_subscribe_outcome_free(outcome);

    /* A GET: what the link is, twice, with no effect. */
    EXPECT(mw_lists_inspect(&preview, f->lists, link, NULL) == MW_OK);
    EXPECT(strcmp(mw_mailing_list_name(mw_token_preview_list(preview)), "news") == 0);
    EXPECT(mw_subscriber_state(mw_token_preview_subscriber(preview)) == MW_SUBSCRIBER_PENDING);
    EXPECT(mw_token_preview_expires_at(preview) == start + 48 * 3600);
    mw_token_preview_free(preview);
    EXPECT(mw_lists_inspect(&preview, f->lists, token_of(link), NULL) == MW_OK);
    mw_token_preview_free(preview);

    /* A tampered token is refused; the real one confirms once. */
    snprintf(tampered, sizeof tampered, "%s", link);
    n = strlen(tampered);
    tampered[n - 2] = tampered[n - 2] == 'A' ? 'B' : 'A';
    EXPECT(mw_lists_confirm(&s, f->lists, tampered, NULL, NULL) == MW_EINVAL);
    {
        mw_consent_facts *bad = NULL;
        EXPECT(mw_consent_facts_new(&bad, NULL) == MW_OK);
        EXPECT(mw_consent_facts_set_user_agent(bad, "Mozilla\nInjected: 1", NULL) == MW_OK);
        EXPECT(mw_lists_confirm(&s, f->lists, link, bad, NULL) == MW_EINVAL);
        mw_consent_facts_free(bad);
    }
    EXPECT(mw_lists_confirm(&s, f->lists, link, NULL, NULL) == MW_OK);
    EXPECT(mw_subscriber_state(s) == MW_SUBSCRIBER_CONFIRMED && mw_subscriber_confirmed_at(s) == start);
    mw_subscriber_free(s);
    EXPECT(mw_lists_confirm(&s, f->lists, link, NULL, &err) == MW_EEXIST);
    EXPECT(err != NULL && strstr(mw_error_message(err), "already used") != NULL);
    mw_error_free(err);

    /* A link past its 48 hours. */
    outcome = subscribe(f->lists, "bob@iana.org", 1);
    snprintf(link, sizeof link, "%s", mw_subscribe_outcome_confirm_link(outcome));
    mw_subscribe_outcome_free(outcome);
    EXPECT(mw_registry_advance_clock(f->registry, 48 * 3600 + 1, NULL) == MW_OK);
    EXPECT(mw_lists_inspect(&preview, f->lists, link, NULL) == MW_EEXPIRED);
    EXPECT(mw_lists_confirm(&s, f->lists, link, NULL, NULL) == MW_EEXPIRED);

    /* Resend: a new link works, the old one no longer. */
    json = NULL;
    EXPECT(mw_lists_resend_confirmation(&json, f->lists, NULL, "news", "bob@iana.org", NULL) == MW_OK);
    EXPECT(json != NULL && strcmp(json, link) != 0);
    EXPECT(mw_lists_confirm(&s, f->lists, json, NULL, NULL) == MW_OK);
    mw_subscriber_free(s);
    mw_string_free(json);

    /* Role addresses are refused by default; so is an unknown list. */
    outcome = subscribe(f->lists, "postmaster@iana.org", 1);
    EXPECT(mw_subscribe_outcome_accepted(outcome) == 0);
    EXPECT(strcmp(mw_subscribe_outcome_refused_because(outcome), "role") == 0);
    EXPECT(mw_subscribe_outcome_subscriber(outcome) == NULL);
    mw_subscribe_outcome_free(outcome);
    EXPECT(mw_lists_subscribe(&outcome, f->lists, NULL, "nope", "c@iana.org", NULL, NULL, 1, NULL) == MW_ENOTFOUND);
}

static void test_unsubscribe(struct fixture *f) {
    mw_mailing_list *list = NULL;
    mw_subscriber_set *confirmed = NULL;
    mw_list_headers *headers = NULL;
    mw_subscriber *s = NULL;
    mw_consent_log *log = NULL;
    mw_subscribe_outcome *outcome;
    const mw_subscriber *ann = NULL;
    char unsubscribe_url[512];
    const char *start_url, *end_url;
    static const char urlencoded[] = "List-Unsubscribe=One-Click";
    static const char multipart[] =
        "--b1\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--b1--\r\n";
    size_t i;

    EXPECT(mw_lists_find(&list, f->lists, NULL, "news", NULL) == MW_OK);
    EXPECT(mw_lists_subscribers(&confirmed, f->lists, NULL, "news", MW_SUBSCRIBER_CONFIRMED, NULL) == MW_OK);
    EXPECT(mw_subscriber_set_count(confirmed) == 2);
    for (i = 0; i < mw_subscriber_set_count(confirmed); ++i)
        if (strcmp(mw_subscriber_address(mw_subscriber_set_get(confirmed, i)), "Ann@iana.org") == 0)
            ann = mw_subscriber_set_get(confirmed, i);
    EXPECT(ann != NULL);
    EXPECT(mw_lists_subscribers(&confirmed, f->lists, NULL, "news", 9, NULL) == MW_EINVAL);

    EXPECT(mw_lists_find_subscriber(&s, f->lists, NULL, "news", "ANN@iana.org", NULL) == MW_OK);
    EXPECT(mw_subscriber_id(s) == mw_subscriber_id(ann) && mw_subscriber_list_id(s) == mw_mailing_list_id(list));
    mw_subscriber_free(s);
    EXPECT(mw_lists_find_subscriber(&s, f->lists, NULL, "news", "nobody@iana.org", NULL) == MW_ENOTFOUND);
    EXPECT(mw_lists_headers(&headers, f->lists, NULL, "news", "nobody@iana.org", NULL) == MW_ENOTFOUND);
    EXPECT(mw_lists_headers(&headers, f->lists, NULL, "news", "ann@iana.org", NULL) == MW_OK);
    EXPECT(strcmp(mw_list_headers_unsubscribe_post(headers), "List-Unsubscribe=One-Click") == 0);
    EXPECT(strcmp(mw_list_headers_list_id(headers), "<news.default.lists.app.example>") == 0);
    start_url = strstr(mw_list_headers_unsubscribe(headers), "<https://app.example/unsubscribe?token=");
    EXPECT(start_url != NULL && strstr(mw_list_headers_unsubscribe(headers), "<mailto:") != NULL);
    end_url = start_url != NULL ? strchr(start_url, '>') : NULL;
    unsubscribe_url[0] = '\0';
    if (end_url != NULL) snprintf(unsubscribe_url, sizeof unsubscribe_url, "%.*s", (int)(end_url - start_url - 1), start_url + 1);
    mw_list_headers_free(headers);

    /* A GET names the subscriber and changes nothing; a POST whose body
     * does not say one-click changes nothing either. */
    EXPECT(mw_lists_inspect_unsubscribe(&s, f->lists, unsubscribe_url, NULL) == MW_OK);
    EXPECT(mw_subscriber_state(s) == MW_SUBSCRIBER_CONFIRMED);
    mw_subscriber_free(s);
    EXPECT(mw_is_one_click_post("application/x-www-form-urlencoded", "List-Unsubscribe=Maybe", 22) == 0);
    EXPECT(mw_lists_unsubscribe_post(&s, f->lists, unsubscribe_url, "application/x-www-form-urlencoded",
                                     "List-Unsubscribe=Maybe", 22, NULL, NULL) == MW_EPARSE);
    EXPECT(mw_lists_unsubscribe(&s, f->lists, unsubscribe_url, "one-click\r\nX: y", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_lists_inspect_unsubscribe(&s, f->lists, unsubscribe_url, NULL) == MW_OK);
    EXPECT(mw_subscriber_state(s) == MW_SUBSCRIBER_CONFIRMED);
    mw_subscriber_free(s);

    EXPECT(mw_is_one_click_post("multipart/form-data; boundary=b1", multipart, sizeof multipart - 1) == 1);
    EXPECT(mw_lists_unsubscribe_post(&s, f->lists, unsubscribe_url, "application/x-www-form-urlencoded", urlencoded,
                                     sizeof urlencoded - 1, NULL, NULL) == MW_OK);
    EXPECT(mw_subscriber_state(s) == MW_SUBSCRIBER_UNSUBSCRIBED);
    mw_subscriber_free(s);
    /* Twice is not an error, in the other encoding. */
    EXPECT(mw_lists_unsubscribe_post(&s, f->lists, unsubscribe_url, "multipart/form-data; boundary=b1", multipart,
                                     sizeof multipart - 1, NULL, NULL) == MW_OK);
    mw_subscriber_free(s);
    mw_subscriber_set_free(confirmed);
    mw_mailing_list_free(list);

    EXPECT(mw_lists_consent_log(&log, f->lists, NULL, "news", "ann@iana.org", NULL) == MW_OK);
    EXPECT(mw_consent_log_count(log) >= 3);
    EXPECT(strcmp(mw_consent_entry_action(mw_consent_log_get(log, 0)), "subscribe") == 0);
    EXPECT(strcmp(mw_consent_entry_notice_version(mw_consent_log_get(log, 0)), "v2") == 0);
    EXPECT(strcmp(mw_consent_entry_ip(mw_consent_log_get(log, 0)), "198.51.100.7") == 0);
    EXPECT(strcmp(mw_consent_entry_action(mw_consent_log_get(log, 1)), "confirm") == 0);
    EXPECT(strcmp(mw_consent_entry_action(mw_consent_log_get(log, mw_consent_log_count(log) - 1)), "unsubscribe") == 0);
    EXPECT(strcmp(mw_consent_entry_detail(mw_consent_log_get(log, mw_consent_log_count(log) - 1)), "one-click") == 0);
    mw_consent_log_free(log);

    /* Gone means gone: no silent re-subscribe without double opt-in. */
    outcome = subscribe(f->lists, "ann@iana.org", 0);
    EXPECT(mw_subscribe_outcome_accepted(outcome) == 0);
    EXPECT(strcmp(mw_subscribe_outcome_refused_because(outcome), "tombstoned") == 0);
    mw_subscribe_outcome_free(outcome);
}

struct rows_seen {
    int rows;
    int added;
    char last_refusal[64];
};

static void on_import_row(const mw_import_row *row, void *user_data) {
    struct rows_seen *seen = (struct rows_seen *)user_data;
    ++seen->rows;
    if (mw_import_row_added(row)) ++seen->added;
    else snprintf(seen->last_refusal, sizeof seen->last_refusal, "%s", mw_import_row_refused_because(row));
    EXPECT(mw_clean_verdict_row(mw_import_row_check(row)) == (size_t)seen->rows);
}

static mw_lists *reentrant_lists = NULL;
static int reentrant_status = MW_OK;

static void call_back_into_lists(const mw_import_row *row, void *user_data) {
    mw_mailing_list_set *set = NULL;
    (void)row;
    (void)user_data;
    reentrant_status = mw_lists_all(&set, reentrant_lists, NULL, NULL);
    mw_mailing_list_set_free(set);
}

static void test_import_send_purge(struct fixture *f) {
    static const char csv[] =
        "email,name\n"
        "carol@iana.org,Carol\n"
        "dave@iana.org,Dave\n"
        "CAROL@iana.org,Carol again\n"
        "abuse@iana.org,Abuse\n"
        "ann@iana.org,Ann left\n"
        "broken@@iana.org,Broken\n";
    mw_import_summary *summary = NULL;
    mw_list_send_report *report = NULL;
    mw_purge_policy *policy = NULL;
    mw_purge_report *purge = NULL;
    mw_subscribe_outcome *outcome;
    mw_subscriber_set *all = NULL;
    mw_consent_facts *facts = NULL;
    struct rows_seen seen = {0, 0, ""};
    int64_t reasons_total = 0;
    size_t i;

    EXPECT(mw_consent_facts_new(&facts, NULL) == MW_OK);
    EXPECT(mw_consent_facts_set_source(facts, "crm-export.csv", NULL) == MW_OK);
    EXPECT(mw_lists_import(&summary, f->lists, NULL, "news", csv, sizeof csv - 1, "email", -1, facts, on_import_row,
                           &seen, NULL) == MW_OK);
    mw_consent_facts_free(facts);
    EXPECT(mw_import_summary_rows(summary) == 6 && seen.rows == 6);
    EXPECT(mw_import_summary_added(summary) == 2 && seen.added == 2);
    EXPECT(mw_import_summary_refused(summary) == 4);
    for (i = 0; i < mw_import_summary_reason_count(summary); ++i) reasons_total += mw_import_summary_reason_rows(summary, i);
    EXPECT(reasons_total == 4);
    mw_import_summary_free(summary);
    EXPECT(mw_lists_import(&summary, f->lists, NULL, "news", csv, sizeof csv - 1, "no such column", -1, NULL, NULL,
                           NULL, NULL) == MW_EINVAL);
    /* A row callback that calls back into its own lists is refused, not a deadlock. */
    reentrant_lists = f->lists;
    EXPECT(mw_lists_import(&summary, f->lists, NULL, "news", "frank@iana.org\n", 15, NULL, -1, NULL,
                           call_back_into_lists, &seen, NULL) == MW_OK);
    EXPECT(reentrant_status == MW_EINVAL);
    mw_import_summary_free(summary);

    /* bob (confirmed), carol, dave and frank (imported) get one mail each. */
    EXPECT(mw_lists_send(&report, f->lists, NULL, "news", "Issue 1", "Hello", NULL, NULL) == MW_OK);
    EXPECT(mw_list_send_report_sent(report) == 4 && mw_list_send_report_failed(report) == 0);
    mw_list_send_report_free(report);
    EXPECT(mw_lists_record_engagement(f->lists, NULL, "news", "carol@iana.org", 1, 0, NULL) == MW_OK);
    EXPECT(mw_lists_record_engagement(f->lists, NULL, "news", "dave@iana.org", 0, 1, NULL) == MW_OK);
    EXPECT(mw_lists_subscribers(&all, f->lists, NULL, "news", -1, NULL) == MW_OK);
    for (i = 0; i < mw_subscriber_set_count(all); ++i) {
        const mw_subscriber *s = mw_subscriber_set_get(all, i);
        if (strcmp(mw_subscriber_address(s), "carol@iana.org") == 0)
            EXPECT(mw_subscriber_sends(s) == 1 && mw_subscriber_clicks(s) == 1 && mw_subscriber_last_engaged_at(s) > 0);
        if (strcmp(mw_subscriber_address(s), "dave@iana.org") == 0)
            EXPECT(mw_subscriber_opens(s) == 0 && mw_subscriber_last_engaged_at(s) == 0);
    }
    mw_subscriber_set_free(all);

    /* A pending subscriber left for 31 days: the dry run names it, keeps it. */
    outcome = subscribe(f->lists, "erin@iana.org", 1);
    mw_subscribe_outcome_free(outcome);
    EXPECT(mw_registry_advance_clock(f->registry, 31 * 86400, NULL) == MW_OK);
    EXPECT(mw_purge_policy_new(&policy, NULL) == MW_OK);
    EXPECT(mw_purge_policy_set_dry_run(policy, 1, NULL) == MW_OK);
    EXPECT(mw_lists_purge(&purge, f->lists, NULL, "news", policy, NULL) == MW_OK);
    EXPECT(mw_purge_report_dry_run(purge) == 1 && mw_purge_report_count(purge) == 1);
    EXPECT(strcmp(mw_subscriber_address(mw_purge_report_subscriber(purge, 0)), "erin@iana.org") == 0);
    EXPECT(strcmp(mw_purge_report_reason(purge, 0), "unconfirmed") == 0);
    mw_purge_report_free(purge);
    EXPECT(mw_lists_subscribers(&all, f->lists, NULL, "news", MW_SUBSCRIBER_PENDING, NULL) == MW_OK);
    EXPECT(mw_subscriber_set_count(all) == 1);
    mw_subscriber_set_free(all);
    /* Inactive: one send is fewer than the 2 needed, so only erin goes. */
    EXPECT(mw_purge_policy_set_inactive(policy, 30, 2, NULL) == MW_OK);
    EXPECT(mw_purge_policy_set_dry_run(policy, 0, NULL) == MW_OK);
    EXPECT(mw_lists_purge(&purge, f->lists, NULL, "news", policy, NULL) == MW_OK);
    EXPECT(mw_purge_report_dry_run(purge) == 0 && mw_purge_report_count(purge) == 1);
    mw_purge_report_free(purge);
    EXPECT(mw_purge_policy_set_inactive(policy, 30, 1, NULL) == MW_OK);
    EXPECT(mw_lists_purge(&purge, f->lists, NULL, "news", policy, NULL) == MW_OK);
    /* bob, dave, frank: a send, no counting open or click in 30 days; carol clicked 31 days ago. */
    EXPECT(mw_purge_report_count(purge) == 4);
    mw_purge_report_free(purge);
    mw_purge_policy_free(policy);
    EXPECT(mw_lists_subscribers(&all, f->lists, NULL, "news", MW_SUBSCRIBER_PENDING, NULL) == MW_OK);
    EXPECT(mw_subscriber_set_count(all) == 0);
    mw_subscriber_set_free(all);
}

static void test_lists(const char *dir) {
    struct fixture f = {NULL, NULL};
    mw_mailing_list_set *set = NULL;
    if (open_fixture(&f, dir)) {
        test_double_opt_in(&f);
        test_unsubscribe(&f);
        test_import_send_purge(&f);
        /* The lists keep the registry's parts alive. */
        mw_registry_free(f.registry);
        f.registry = NULL;
        EXPECT(mw_lists_all(&set, f.lists, NULL, NULL) == MW_OK);
        EXPECT(mw_mailing_list_set_count(set) == 1);
        EXPECT(strcmp(mw_mailing_list_name(mw_mailing_list_set_get(set, 0)), "news") == 0);
        EXPECT(mw_mailing_list_set_get(set, 1) == NULL);
        mw_mailing_list_set_free(set);
    }
    mw_lists_free(f.lists);
    mw_registry_free(f.registry);
    /* A freed handle is refused, not used. */
    EXPECT(mw_lists_all(&set, f.lists, NULL, NULL) == MW_EINVAL);
}

/* ---- threads ---- */

struct worker {
    mw_lists *lists;
    int id;
    int added;
    int refused_closed;
};

/* Subscribes until the handle is closed under it (or 200 addresses). */
static void *subscribe_until_closed(void *arg) {
    struct worker *w = (struct worker *)arg;
    char address[64];
    int i;
    for (i = 0; i < 200; ++i) {
        mw_subscribe_outcome *outcome = NULL;
        int status;
        snprintf(address, sizeof address, "w%d-%d@iana.org", w->id, i);
        status = mw_lists_subscribe(&outcome, w->lists, NULL, "crowd", address, NULL, NULL, 0, NULL);
        if (status == MW_EINVAL) {
            w->refused_closed = 1;
            break;
        }
        expect_locked(status == MW_OK && mw_subscribe_outcome_accepted(outcome) == 1,
                      "a subscribe on a live handle is accepted");
        if (status == MW_OK) ++w->added;
        mw_subscribe_outcome_free(outcome);
    }
    return NULL;
}

static void test_threads(const char *dir) {
    struct fixture f = {NULL, NULL};
    struct worker workers[4];
    pthread_t threads[4];
    mw_lists *second = NULL;
    mw_subscriber_set *all = NULL;
    mw_mailing_list *list = NULL;
    struct timespec pause = {0, 20 * 1000 * 1000};
    int i, total = 0;
    if (!open_fixture(&f, dir)) return;
    EXPECT(mw_lists_create(&list, f.lists, NULL, "crowd", "news@iana.org", NULL) == MW_OK);
    mw_mailing_list_free(list);
    EXPECT(mw_registry_lists(&second, f.registry, NULL, NULL) == MW_OK);
    for (i = 0; i < 4; ++i) {
        workers[i].lists = f.lists;
        workers[i].id = i;
        workers[i].added = 0;
        workers[i].refused_closed = 0;
        /* Threads started before run: report through the lock. */
        expect_locked(pthread_create(&threads[i], NULL, subscribe_until_closed, &workers[i]) == 0, "pthread_create");
    }
    nanosleep(&pause, NULL);
    /* Closing the handle while four threads call it: each call either
     * completes or is refused; none touches a freed object. */
    mw_lists_free(f.lists);
    for (i = 0; i < 4; ++i) {
        pthread_join(threads[i], NULL);
        total += workers[i].added;
    }
    EXPECT(mw_lists_subscribers(&all, second, NULL, "crowd", MW_SUBSCRIBER_CONFIRMED, NULL) == MW_OK);
    EXPECT((int)mw_subscriber_set_count(all) == total && total > 0);
    mw_subscriber_set_free(all);
    mw_lists_free(second);
    mw_registry_free(f.registry);
}

int main(int argc, char **argv) {
    char dir[] = "/tmp/mw-capi-lists-XXXXXX";
    char cmd[64];
    const char *dns = getenv("MW_TEST_DNS");
    if (mkdtemp(dir) == NULL) return 1;
    if (argc > 1 && strcmp(argv[1], "threads") == 0) {
        test_threads(dir);
    } else {
        test_null_handles();
        test_clean_streams();
        test_clean_missing_column();
        test_clean_free_in_callback();
        /* Run under tests/peers/unbound/run-with-unbound.sh, which sets it. */
        EXPECT(dns != NULL && *dns != '\0');
        if (dns != NULL && *dns != '\0') test_clean_dns(dns);
        test_lists(dir);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
