/* Feedback, SNS checks and the bounce tracker through the C ABI, from plain
 * C99: every function, NULL and closed handles, a suspension reached through
 * the tracker that the registry's sends then meet, suppressed recipients
 * left out of a send. With the argument "threads": status callbacks that
 * free or unsubscribe, a registry freed before its tracker, and ingests
 * from several threads (run under ASan and TSan too). */
#define _POSIX_C_SOURCE 200809L
#include <mailwarden.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "expect_locked.h"
#include "read_file.h"

#ifndef MW_TEST_DATA_DIR
#error "MW_TEST_DATA_DIR must name tests/data"
#endif

/* An SES bounce notification (hard when permanent) for one recipient of
 * message_id, in buffer. */
static const char *ses_bounce(char *buffer, size_t size, const char *message_id, const char *recipient,
                              int permanent, const char *feedback_id) {
    snprintf(buffer, size,
             "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"%s\",\"bounceSubType\":\"%s\","
             "\"bouncedRecipients\":[{\"emailAddress\":\"%s\",\"status\":\"%s\",\"action\":\"failed\","
             "\"diagnosticCode\":\"smtp; %s\"}],\"timestamp\":\"2026-03-01T10:00:00.000Z\","
             "\"feedbackId\":\"%s\"},\"mail\":{\"timestamp\":\"2026-03-01T09:59:00.000Z\","
             "\"messageId\":\"%s\",\"source\":\"alice@iana.org\",\"destination\":[\"%s\"]}}",
             permanent ? "Permanent" : "Transient", permanent ? "General" : "MailboxFull", recipient,
             permanent ? "5.1.1" : "4.2.2", permanent ? "550 5.1.1 user unknown" : "452 4.2.2 mailbox full",
             feedback_id, message_id, recipient);
    return buffer;
}

static mw_tracker_options *small_window(void) {
    mw_tracker_options *o = NULL;
    EXPECT(mw_tracker_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_tracker_options_set_minimum_sends(o, 4, NULL) == MW_OK);
    EXPECT(mw_tracker_options_set_window_sends(o, 100, NULL) == MW_OK);
    return o;
}

static char *json_of_stats(const mw_account_stats *s) {
    char *json = NULL;
    EXPECT(mw_account_stats_to_json(&json, s, NULL) == MW_OK);
    return json;
}

/* --- NULL arguments and names -------------------------------------------- */

static void test_nulls(void) {
    mw_feedback *f = NULL;
    mw_sns_options *so = NULL;
    mw_sns_verifier *v = NULL;
    mw_sns_envelope *e = NULL;
    mw_tracker_options *to = NULL;
    mw_tracker *t = NULL;
    mw_ingest_report *report = NULL;
    mw_account_stats *stats = NULL;
    mw_suppression *s = NULL;
    mw_suppression_page *page = NULL;
    mw_status_change_list *log = NULL;
    mw_send_receipt *receipt = NULL;
    mw_error *err = NULL;
    char *json = NULL;
    int id = 0;
    const char *doc = "x";
    const size_t len = 1;
    const char *to_list[] = {"a@iana.org"};

    EXPECT(strcmp(mw_bounce_class_name(MW_BOUNCE_HARD), "hard") == 0);
    EXPECT(strcmp(mw_bounce_class_name(MW_BOUNCE_NONE), "none") == 0);
    EXPECT(mw_bounce_class_name(3) == NULL && mw_bounce_class_name(-1) == NULL);
    EXPECT(strcmp(mw_feedback_kind_name(MW_FEEDBACK_COMPLAINT), "complaint") == 0);
    EXPECT(strcmp(mw_feedback_kind_name(MW_FEEDBACK_OTHER), "other") == 0);
    EXPECT(mw_feedback_kind_name(8) == NULL);
    EXPECT(strcmp(mw_feedback_format_name(MW_FEEDBACK_FORMAT_DSN), "dsn") == 0);
    EXPECT(strcmp(mw_feedback_format_name(MW_FEEDBACK_FORMAT_MAIL), "mail") == 0);
    EXPECT(mw_feedback_format_name(8) == NULL);
    EXPECT(strcmp(mw_account_status_name(MW_ACCOUNT_SUSPENDED), "suspended") == 0);
    EXPECT(mw_account_status_name(3) == NULL);
    EXPECT(strcmp(mw_suppression_reason_name(MW_SUPPRESSION_MANUAL), "manual") == 0);
    EXPECT(mw_suppression_reason_name(-1) == NULL);

    /* feedback */
    EXPECT(mw_feedback_parse(NULL, doc, len, NULL) == MW_EINVAL);
    EXPECT(mw_feedback_parse(&f, NULL, 3, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "document") != NULL);
    mw_error_free(err);
    err = NULL;
    EXPECT(f == NULL);
    EXPECT(mw_feedback_format(NULL) == -1 && mw_feedback_kind(NULL) == -1);
    EXPECT(strcmp(mw_feedback_event_type(NULL), "") == 0);
    EXPECT(strcmp(mw_feedback_message_id(NULL), "") == 0);
    EXPECT(strcmp(mw_feedback_idempotency_key(NULL), "") == 0);
    EXPECT(mw_feedback_recipient_count(NULL) == 0 && mw_feedback_recipient_get(NULL, 0) == NULL);
    EXPECT(strcmp(mw_feedback_recipient_address(NULL), "") == 0);
    EXPECT(strcmp(mw_feedback_recipient_reason(NULL), "") == 0);
    EXPECT(mw_feedback_recipient_class(NULL) == -1 && mw_feedback_recipient_smtp_code(NULL) == 0);
    EXPECT(mw_feedback_to_json(&json, NULL, "x", NULL) == MW_EINVAL);
    EXPECT(mw_feedback_to_json(NULL, NULL, "x", NULL) == MW_EINVAL);
    mw_feedback_free(NULL);

    /* SNS */
    EXPECT(mw_sns_options_new(NULL, NULL) == MW_EINVAL);
    EXPECT(mw_sns_options_add_topic_arn(NULL, "arn", NULL) == MW_EINVAL);
    EXPECT(mw_sns_options_set_trusted_raw(NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_sns_options_add_certificate(NULL, "u", "p", NULL) == MW_EINVAL);
    EXPECT(mw_sns_options_new(&so, NULL) == MW_OK);
    EXPECT(mw_sns_options_add_topic_arn(so, "", NULL) == MW_EINVAL);
    EXPECT(mw_sns_options_add_topic_arn(so, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_sns_options_add_certificate(so, "u", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_sns_options_add_certificate(so, "", "p", NULL) == MW_EINVAL);
    mw_sns_options_free(so);
    mw_sns_options_free(NULL);
    EXPECT(mw_sns_verifier_open(NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_sns_verify(&e, NULL, doc, len, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "verifier") != NULL);
    EXPECT(strcmp(mw_sns_rejection_name(err), "") == 0);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_sns_verifier_add_certificate(NULL, "u", "p", NULL) == MW_EINVAL);
    EXPECT(strcmp(mw_sns_rejection_name(NULL), "") == 0);
    EXPECT(strcmp(mw_sns_envelope_type(NULL), "") == 0);
    EXPECT(strcmp(mw_sns_envelope_message(NULL), "") == 0);
    mw_sns_envelope_free(NULL);
    mw_sns_verifier_free(NULL);

    /* tracker options */
    EXPECT(mw_tracker_options_new(NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_bounce_suspend(NULL, 0.1, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_bounce_warning(NULL, 0, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_complaint_warning(NULL, 0.1, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_complaint_suspend(NULL, 0.1, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_window_sends(NULL, 10, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_minimum_sends(NULL, 10, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_soft_bounce_limit(NULL, 3, 60, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_suppress_globally(NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_count_simulator(NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_default_account(NULL, "a", NULL) == MW_EINVAL);
    EXPECT(mw_registry_options_set_tracker_options(NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_new(&to, NULL) == MW_OK);
    EXPECT(mw_tracker_options_set_bounce_suspend(to, 0, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_bounce_suspend(to, 1.5, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_bounce_suspend(to, 0.2, NULL) == MW_OK);
    EXPECT(mw_tracker_options_set_bounce_warning(to, 0.1, NULL) == MW_OK);
    EXPECT(mw_tracker_options_set_bounce_warning(to, 0, NULL) == MW_OK);
    EXPECT(mw_tracker_options_set_bounce_warning(to, -0.5, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_complaint_warning(to, 0.01, NULL) == MW_OK);
    EXPECT(mw_tracker_options_set_complaint_suspend(to, 0.02, NULL) == MW_OK);
    EXPECT(mw_tracker_options_set_window_sends(to, 0, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_minimum_sends(to, -1, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_soft_bounce_limit(to, -1, 60, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_soft_bounce_limit(to, 2, 0, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_soft_bounce_limit(to, 2, 3600, NULL) == MW_OK);
    EXPECT(mw_tracker_options_set_suppress_globally(to, 0, NULL) == MW_OK);
    EXPECT(mw_tracker_options_set_count_simulator(to, 0, NULL) == MW_OK);
    EXPECT(mw_tracker_options_set_default_account(to, "", NULL) == MW_EINVAL);
    EXPECT(mw_tracker_options_set_default_account(to, "acme", NULL) == MW_OK);

    /* tracker */
    EXPECT(mw_tracker_open(NULL, ":memory:", to, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_open(&t, NULL, to, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_open(&t, "", to, NULL) == MW_EINVAL);
    mw_tracker_options_free(to);
    mw_tracker_options_free(NULL);
    EXPECT(mw_registry_tracker(NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_registry_tracker(&t, NULL, NULL) == MW_EINVAL);
    EXPECT(t == NULL);
    EXPECT(mw_tracker_ingest(&report, NULL, doc, len, NULL, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "tracker") != NULL);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_tracker_ingest_batch(&report, NULL, &doc, &len, 1, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_record_send(&report, NULL, NULL, "m", to_list, 1, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_stats(&stats, NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_resume(&stats, NULL, NULL, "op", "why", NULL) == MW_EINVAL);
    EXPECT(mw_tracker_audit_log(&log, NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_find_suppression(&s, NULL, "a@iana.org", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_list_suppressions(&page, NULL, NULL, 10, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_suppress(&s, NULL, "a@iana.org", NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_unsuppress(NULL, "a@iana.org", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_subscribe(&id, NULL, NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_unsubscribe(NULL, 1, NULL) == MW_EINVAL);
    mw_tracker_free(NULL);
    EXPECT(report == NULL && stats == NULL && log == NULL && s == NULL && page == NULL);

    /* values on NULL */
    EXPECT(strcmp(mw_suppression_account(NULL), "") == 0 && mw_suppression_reason(NULL) == -1);
    EXPECT(mw_suppression_at(NULL) == 0 && strcmp(mw_suppression_note(NULL), "") == 0);
    EXPECT(strcmp(mw_suppression_address(NULL), "") == 0 && strcmp(mw_suppression_evidence_key(NULL), "") == 0);
    EXPECT(strcmp(mw_suppression_status(NULL), "") == 0 && strcmp(mw_suppression_diagnostic(NULL), "") == 0);
    EXPECT(mw_suppression_to_json(&json, NULL, NULL) == MW_EINVAL);
    mw_suppression_free(NULL);
    EXPECT(mw_suppression_page_count(NULL) == 0 && mw_suppression_page_get(NULL, 0) == NULL);
    EXPECT(strcmp(mw_suppression_page_next_after(NULL), "") == 0);
    mw_suppression_page_free(NULL);
    EXPECT(mw_status_change_from(NULL) == -1 && mw_status_change_to(NULL) == -1);
    EXPECT(mw_status_change_at(NULL) == 0 && strcmp(mw_status_change_actor(NULL), "") == 0);
    EXPECT(strcmp(mw_status_change_account(NULL), "") == 0 && strcmp(mw_status_change_reason(NULL), "") == 0);
    EXPECT(mw_status_change_to_json(&json, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_status_change_list_count(NULL) == 0 && mw_status_change_list_get(NULL, 0) == NULL);
    mw_status_change_list_free(NULL);
    EXPECT(mw_account_stats_status(NULL) == -1 && mw_account_stats_sends(NULL) == 0);
    EXPECT(mw_account_stats_bounce_rate(NULL) == 0 && mw_account_stats_status_since(NULL) == 0);
    EXPECT(strcmp(mw_account_stats_account(NULL), "") == 0);
    EXPECT(mw_account_stats_to_json(&json, NULL, NULL) == MW_EINVAL);
    mw_account_stats_free(NULL);
    EXPECT(mw_ingest_report_events(NULL) == 0 && mw_ingest_report_suppressed_count(NULL) == 0);
    EXPECT(mw_ingest_report_suppressed_get(NULL, 0) == NULL);
    EXPECT(mw_ingest_report_status_change_count(NULL) == 0 && mw_ingest_report_status_change_get(NULL, 0) == NULL);
    EXPECT(mw_ingest_report_to_json(&json, NULL, NULL) == MW_EINVAL);
    mw_ingest_report_free(NULL);

    /* registry sends */
    EXPECT(mw_registry_send_receipt(NULL, NULL, "a@iana.org", to_list, 1, "s", "t", NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_registry_send_receipt(&receipt, NULL, "a@iana.org", to_list, 1, "s", "t", NULL, NULL, NULL) ==
           MW_EINVAL);
    EXPECT(receipt == NULL);
    EXPECT(strcmp(mw_send_receipt_message_id(NULL), "") == 0 && mw_send_receipt_suppressed_count(NULL) == 0);
    EXPECT(strcmp(mw_send_receipt_suppressed_get(NULL, 0), "") == 0);
    EXPECT(strcmp(mw_send_receipt_record_error(NULL), "") == 0);
    mw_send_receipt_free(NULL);
    EXPECT(json == NULL);
    (void)v;
}

/* --- classification ------------------------------------------------------- */

static void test_feedback(void) {
    mw_feedback *f = NULL;
    const mw_feedback_recipient *r;
    char doc[2048];
    char *json = NULL, *data;
    size_t length = 0;
    /* NUL bytes are part of the document: a mail with one in its body. */
    static const char mail_with_nul[] = "From: a@iana.org\r\nTo: b@iana.org\r\nSubject: hi\r\n\r\nbody\0more\r\n";

    ses_bounce(doc, sizeof doc, "msg-1", "Bob@IANA.org", 1, "fb-1");
    EXPECT(mw_feedback_parse(&f, doc, strlen(doc), NULL) == MW_OK);
    EXPECT(mw_feedback_format(f) == MW_FEEDBACK_FORMAT_SES_NOTIFICATION);
    EXPECT(mw_feedback_kind(f) == MW_FEEDBACK_BOUNCE);
    EXPECT(strcmp(mw_feedback_event_type(f), "Bounce") == 0);
    EXPECT(strcmp(mw_feedback_message_id(f), "msg-1") == 0);
    EXPECT(strcmp(mw_feedback_feedback_id(f), "fb-1") == 0);
    EXPECT(strcmp(mw_feedback_sender(f), "alice@iana.org") == 0);
    EXPECT(strcmp(mw_feedback_ses_bounce_type(f), "Permanent") == 0);
    EXPECT(strcmp(mw_feedback_ses_bounce_subtype(f), "General") == 0);
    EXPECT(strlen(mw_feedback_timestamp(f)) > 0);
    EXPECT(strcmp(mw_feedback_feedback_type(f), "") == 0);
    EXPECT(strcmp(mw_feedback_reporting_mta(f), "") == 0);
    EXPECT(strcmp(mw_feedback_sns_message_id(f), "") == 0 && strcmp(mw_feedback_topic_arn(f), "") == 0);
    EXPECT(strstr(mw_feedback_idempotency_key(f), "msg-1") != NULL);
    EXPECT(mw_feedback_recipient_count(f) == 1);
    r = mw_feedback_recipient_get(f, 0);
    EXPECT(r != NULL && mw_feedback_recipient_get(f, 1) == NULL);
    EXPECT(strcmp(mw_feedback_recipient_address(r), "Bob@IANA.org") == 0);
    EXPECT(strcmp(mw_feedback_recipient_original(r), "") == 0);
    EXPECT(mw_feedback_recipient_class(r) == MW_BOUNCE_HARD);
    EXPECT(strcmp(mw_feedback_recipient_reason(r), "user_unknown") == 0);
    EXPECT(strcmp(mw_feedback_recipient_status(r), "5.1.1") == 0);
    EXPECT(mw_feedback_recipient_smtp_code(r) == 550);
    EXPECT(strstr(mw_feedback_recipient_diagnostic(r), "user unknown") != NULL);
    EXPECT(strcmp(mw_feedback_recipient_remote_mta(r), "") == 0);
    EXPECT(strcmp(mw_feedback_recipient_action(r), "failed") == 0);
    EXPECT(mw_feedback_to_json(&json, f, "doc-1", NULL) == MW_OK);
    EXPECT(json != NULL && strstr(json, "\"source\":\"doc-1\"") != NULL && strstr(json, "\"class\":\"hard\"") != NULL);
    mw_string_free(json);
    json = NULL;
    EXPECT(mw_feedback_to_json(&json, f, NULL, NULL) == MW_OK);
    mw_string_free(json);
    mw_feedback_free(f);
    f = NULL;

    EXPECT(mw_feedback_parse(&f, mail_with_nul, sizeof mail_with_nul - 1, NULL) == MW_OK);
    EXPECT(mw_feedback_format(f) == MW_FEEDBACK_FORMAT_MAIL && mw_feedback_kind(f) == MW_FEEDBACK_OTHER);
    EXPECT(mw_feedback_recipient_count(f) == 0);
    mw_feedback_free(f);
    f = NULL;
    EXPECT(mw_feedback_parse(&f, NULL, 0, NULL) == MW_EPARSE); /* nothing to read */
    EXPECT(mw_feedback_parse(&f, "{\"x\":1}", 7, NULL) == MW_EPARSE);
    EXPECT(f == NULL);

    data = read_file(MW_TEST_DATA_DIR "/ses-events/notif-complaint-with-feedback.json", &length);
    EXPECT(data != NULL);
    if (data != NULL) {
        EXPECT(mw_feedback_parse(&f, data, length, NULL) == MW_OK);
        EXPECT(mw_feedback_kind(f) == MW_FEEDBACK_COMPLAINT);
        EXPECT(strlen(mw_feedback_feedback_type(f)) > 0);
        EXPECT(mw_feedback_recipient_count(f) >= 1);
        EXPECT(mw_feedback_recipient_class(mw_feedback_recipient_get(f, 0)) == MW_BOUNCE_NONE);
        mw_feedback_free(f);
        free(data);
    }
}

/* --- SNS ------------------------------------------------------------------ */

static void test_sns(void) {
    mw_sns_options *o = NULL;
    mw_sns_verifier *v = NULL;
    mw_sns_envelope *e = NULL;
    mw_error *err = NULL;
    size_t body_length = 0, pem_length = 0;
    char *body = read_file(MW_TEST_DATA_DIR "/sns/notification-sigv2.json", &body_length);
    char *pem = read_file(MW_TEST_DATA_DIR "/sns/signing-cert.pem", &pem_length);
    const char *url = "https://sns.us-east-2.amazonaws.com/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem";
    const char *topic = "arn:aws:sns:us-east-2:295079676684:publish-and-verify-62674b1d-4295-426b-88e7-5fb75652a04e";
    EXPECT(body != NULL && pem != NULL);
    if (body == NULL || pem == NULL) goto done;

    /* No certificate supplied: not found, and no rejection. */
    EXPECT(mw_sns_verifier_open(&v, NULL, NULL) == MW_OK);
    EXPECT(mw_sns_verify(&e, v, body, body_length, &err) == MW_ENOTFOUND);
    EXPECT(strcmp(mw_sns_rejection_name(err), "") == 0);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_sns_verifier_add_certificate(v, url, pem, NULL) == MW_OK);
    EXPECT(mw_sns_verify(&e, v, body, body_length, NULL) == MW_OK);
    EXPECT(strcmp(mw_sns_envelope_type(e), "Notification") == 0);
    EXPECT(strcmp(mw_sns_envelope_message(e), "Hello world") == 0);
    EXPECT(strlen(mw_sns_envelope_message_id(e)) > 0);
    EXPECT(strcmp(mw_sns_envelope_topic_arn(e), topic) == 0);
    EXPECT(strlen(mw_sns_envelope_timestamp(e)) > 0);
    EXPECT(strncmp(mw_sns_envelope_unsubscribe_url(e), "https://sns.us-east-2", 21) == 0);
    EXPECT(strcmp(mw_sns_envelope_subscribe_url(e), "") == 0 && strcmp(mw_sns_envelope_token(e), "") == 0);
    EXPECT(strcmp(mw_sns_envelope_subject(e), "") == 0);
    mw_sns_envelope_free(e);
    e = NULL;
    /* A changed message: bad_signature (MW_EAUTH). */
    {
        char *p = strstr(body, "Hello world");
        if (p != NULL) p[0] = 'J';
        EXPECT(mw_sns_verify(&e, v, body, body_length, &err) == MW_EAUTH);
        EXPECT(strcmp(mw_sns_rejection_name(err), "bad_signature") == 0);
        mw_error_free(err);
        err = NULL;
        if (p != NULL) p[0] = 'H';
    }
    EXPECT(mw_sns_verify(&e, v, "plain text", 10, &err) == MW_EPARSE);
    EXPECT(strcmp(mw_sns_rejection_name(err), "not_an_envelope") == 0);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_sns_verify(NULL, v, body, body_length, NULL) == MW_EINVAL);
    EXPECT(mw_sns_verify(&e, v, NULL, 4, NULL) == MW_EINVAL);
    mw_sns_verifier_free(v);
    /* Closed: refused, not a crash; freeing twice is a no-op. */
    EXPECT(mw_sns_verify(&e, v, body, body_length, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "closed") != NULL);
    mw_error_free(err);
    err = NULL;
    mw_sns_verifier_free(v);
    v = NULL;

    /* Options: the certificate, an allow-list without this topic, raw. */
    EXPECT(mw_sns_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_sns_options_add_certificate(o, url, pem, NULL) == MW_OK);
    EXPECT(mw_sns_options_add_topic_arn(o, "arn:aws:sns:us-east-2:1:other", NULL) == MW_OK);
    EXPECT(mw_sns_options_set_trusted_raw(o, 1, NULL) == MW_OK);
    EXPECT(mw_sns_verifier_open(&v, o, NULL) == MW_OK);
    mw_sns_options_free(o);
    EXPECT(mw_sns_verify(&e, v, body, body_length, &err) == MW_EAUTH);
    EXPECT(strcmp(mw_sns_rejection_name(err), "topic_not_allowed") == 0);
    mw_error_free(err);
    EXPECT(mw_sns_verify(&e, v, "raw payload", 11, NULL) == MW_OK);
    EXPECT(strcmp(mw_sns_envelope_type(e), "raw") == 0);
    EXPECT(strcmp(mw_sns_envelope_message(e), "raw payload") == 0);
    mw_sns_envelope_free(e);
    mw_sns_verifier_free(v);
done:
    free(body);
    free(pem);
}

/* --- the tracker, and the registry it gates ------------------------------- */

struct status_log {
    int count;
    int last_to;
    char account[32];
};

static void on_status(const mw_status_change *change, void *user_data) {
    struct status_log *log = (struct status_log *)user_data;
    ++log->count;
    log->last_to = mw_status_change_to(change);
    strncpy(log->account, mw_status_change_account(change), sizeof log->account - 1);
}

static mw_registry *open_registry(const char *store, const char *outbox, const mw_tracker_options *tracker) {
    mw_registry_options *o = NULL;
    mw_registry *r = NULL;
    mw_error *err = NULL;
    EXPECT(mw_registry_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_store_path(o, store, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_outbox(o, outbox, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_tracker_options(o, NULL, NULL) == MW_EINVAL);
    if (tracker != NULL) EXPECT(mw_registry_options_set_tracker_options(o, tracker, NULL) == MW_OK);
    if (mw_registry_open(&r, o, &err) != MW_OK) {
        fprintf(stderr, "open failed: %s\n", mw_error_message(err));
        mw_error_free(err);
    }
    mw_registry_options_free(o);
    return r;
}

/* Adds and verifies alice@iana.org through the local transport's link. */
static void verified_sender(mw_registry *r) {
    mw_sender *s = NULL;
    char *link = NULL, *message = NULL;
    EXPECT(mw_registry_add(&s, r, "alice@iana.org", "Alice", NULL, NULL) == MW_OK);
    mw_sender_free(s);
    EXPECT(mw_registry_last_link(&link, r, "alice@iana.org", NULL) == MW_OK);
    EXPECT(mw_registry_confirm(&message, r, link, NULL) == MW_OK);
    mw_string_free(link);
    mw_string_free(message);
}

static void test_tracker(const char *dir) {
    char store[512], outbox[512], doc[2048], doc2[2048];
    mw_tracker_options *opts = small_window();
    mw_registry *r;
    mw_tracker *t = NULL, *other = NULL;
    mw_ingest_report *report = NULL;
    mw_account_stats *stats = NULL;
    mw_suppression *s = NULL;
    mw_suppression_page *page = NULL;
    mw_status_change_list *log = NULL;
    mw_send_receipt *receipt = NULL;
    mw_error *err = NULL;
    struct status_log seen = {0, -1, {0}};
    char *json = NULL, *id = NULL;
    int sub = 0;
    const char *recipients[] = {"r1@iana.org", "r2@iana.org", "r3@iana.org", "r4@iana.org"};
    const char *to_both[] = {"r1@iana.org", "r2@iana.org"};
    const char *to_r1[] = {"R1@iana.org"};
    const char *batch[2];
    size_t lengths[2];

    snprintf(store, sizeof store, "%s/tracked.db", dir);
    snprintf(outbox, sizeof outbox, "%s/outbox", dir);
    r = open_registry(store, outbox, opts);
    mw_tracker_options_free(opts);
    if (r == NULL) return;
    verified_sender(r);
    EXPECT(mw_registry_tracker(&t, r, NULL) == MW_OK);
    EXPECT(mw_tracker_subscribe(&sub, t, on_status, &seen, NULL) == MW_OK);
    EXPECT(mw_tracker_subscribe(&sub, t, NULL, &seen, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_subscribe(NULL, t, on_status, &seen, NULL) == MW_EINVAL);

    /* Four sends recorded, then one hard bounce: 25 % over the minimum volume. */
    EXPECT(mw_tracker_record_send(&report, t, NULL, "msg-1", recipients, 4, NULL) == MW_OK);
    EXPECT(mw_ingest_report_sends(report) == 4);
    mw_ingest_report_free(report);
    report = NULL;
    EXPECT(mw_tracker_record_send(NULL, t, NULL, "msg-1", recipients, 4, NULL) == MW_OK); /* counted once */
    EXPECT(mw_tracker_record_send(NULL, t, NULL, "", recipients, 4, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_record_send(NULL, t, NULL, "msg-x", NULL, 2, NULL) == MW_EINVAL);
    {
        const char *with_null[] = {"a@iana.org", NULL};
        EXPECT(mw_tracker_record_send(NULL, t, NULL, "msg-x", with_null, 2, NULL) == MW_EINVAL);
    }
    EXPECT(mw_tracker_stats(&stats, t, NULL, NULL) == MW_OK);
    EXPECT(mw_account_stats_sends(stats) == 4 && mw_account_stats_total_sends(stats) == 4);
    EXPECT(mw_account_stats_status(stats) == MW_ACCOUNT_ACTIVE);
    EXPECT(strcmp(mw_account_stats_account(stats), "default") == 0);
    mw_account_stats_free(stats);
    stats = NULL;

    ses_bounce(doc, sizeof doc, "msg-1", "r1@iana.org", 1, "fb-1");
    EXPECT(mw_tracker_ingest(&report, t, doc, strlen(doc), NULL, NULL) == MW_OK);
    EXPECT(mw_ingest_report_events(report) == 1);
    EXPECT(mw_ingest_report_hard_bounces(report) == 1);
    EXPECT(mw_ingest_report_duplicates(report) == 0 && mw_ingest_report_deliveries(report) == 0);
    EXPECT(mw_ingest_report_soft_bounces(report) == 0 && mw_ingest_report_complaints(report) == 0);
    EXPECT(mw_ingest_report_ignored(report) == 0 && mw_ingest_report_sends(report) == 0);
    EXPECT(mw_ingest_report_suppressed_count(report) == 1);
    EXPECT(strcmp(mw_suppression_address(mw_ingest_report_suppressed_get(report, 0)), "r1@iana.org") == 0);
    EXPECT(mw_suppression_reason(mw_ingest_report_suppressed_get(report, 0)) == MW_SUPPRESSION_BOUNCE);
    EXPECT(mw_ingest_report_suppressed_get(report, 1) == NULL);
    EXPECT(mw_ingest_report_status_change_count(report) == 1);
    EXPECT(mw_status_change_to(mw_ingest_report_status_change_get(report, 0)) == MW_ACCOUNT_SUSPENDED);
    EXPECT(mw_status_change_from(mw_ingest_report_status_change_get(report, 0)) == MW_ACCOUNT_ACTIVE);
    EXPECT(mw_ingest_report_to_json(&json, report, NULL) == MW_OK);
    EXPECT(json != NULL && strstr(json, "r1@iana.org") != NULL);
    mw_string_free(json);
    json = NULL;
    EXPECT(mw_status_change_to_json(&json, mw_ingest_report_status_change_get(report, 0), NULL) == MW_OK);
    EXPECT(json != NULL && strstr(json, "suspended") != NULL);
    mw_string_free(json);
    json = NULL;
    mw_ingest_report_free(report);
    report = NULL;
    EXPECT(seen.count == 1 && seen.last_to == MW_ACCOUNT_SUSPENDED && strcmp(seen.account, "default") == 0);

    /* The same document again changes nothing. */
    EXPECT(mw_tracker_ingest(&report, t, doc, strlen(doc), NULL, NULL) == MW_OK);
    EXPECT(mw_ingest_report_duplicates(report) >= 1 && mw_ingest_report_hard_bounces(report) == 0);
    mw_ingest_report_free(report);
    report = NULL;
    EXPECT(mw_tracker_ingest(&report, t, "{\"x\":1}", 7, NULL, NULL) == MW_EPARSE);
    EXPECT(mw_tracker_ingest(&report, t, NULL, 3, NULL, NULL) == MW_EINVAL);
    EXPECT(report == NULL);

    EXPECT(mw_tracker_stats(&stats, t, NULL, NULL) == MW_OK);
    EXPECT(mw_account_stats_status(stats) == MW_ACCOUNT_SUSPENDED);
    EXPECT(mw_account_stats_hard_bounces(stats) == 1 && mw_account_stats_total_hard_bounces(stats) == 1);
    EXPECT(mw_account_stats_bounce_rate(stats) > 0.24 && mw_account_stats_bounce_rate(stats) < 0.26);
    EXPECT(mw_account_stats_complaint_rate(stats) == 0 && mw_account_stats_complaints(stats) == 0);
    EXPECT(mw_account_stats_soft_bounces(stats) == 0 && mw_account_stats_total_soft_bounces(stats) == 0);
    EXPECT(mw_account_stats_total_complaints(stats) == 0 && mw_account_stats_total_deliveries(stats) == 0);
    EXPECT(mw_account_stats_status_since(stats) > 0);
    EXPECT(strstr(mw_account_stats_status_reason(stats), "bounce") != NULL);
    json = json_of_stats(stats);
    EXPECT(json != NULL && strstr(json, "\"status\":\"suspended\"") != NULL);
    mw_string_free(json);
    json = NULL;
    mw_account_stats_free(stats);
    stats = NULL;

    /* Another tracker on the same store sees it; the registry refuses sends. */
    EXPECT(mw_tracker_open(&other, store, NULL, NULL) == MW_OK);
    EXPECT(mw_tracker_stats(&stats, other, NULL, NULL) == MW_OK);
    EXPECT(mw_account_stats_status(stats) == MW_ACCOUNT_SUSPENDED);
    mw_account_stats_free(stats);
    stats = NULL;
    EXPECT(mw_registry_send(&id, r, "alice@iana.org", to_both, 2, "Hi", "text", NULL, NULL, &err) == MW_ESUSPENDED);
    EXPECT(id == NULL);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_registry_send_receipt(&receipt, r, "alice@iana.org", to_both, 2, "Hi", "text", NULL, NULL, NULL) ==
           MW_ESUSPENDED);
    EXPECT(receipt == NULL);

    /* The audit log, and a resume through the other handle. */
    EXPECT(mw_tracker_resume(&stats, other, NULL, "ops", "", NULL) == MW_EINVAL);
    EXPECT(mw_tracker_resume(&stats, other, NULL, NULL, "fixed", NULL) == MW_EINVAL);
    EXPECT(mw_tracker_resume(&stats, other, NULL, "ops", "list cleaned", NULL) == MW_OK);
    EXPECT(mw_account_stats_status(stats) == MW_ACCOUNT_ACTIVE && mw_account_stats_sends(stats) == 0);
    mw_account_stats_free(stats);
    stats = NULL;
    EXPECT(seen.count == 1); /* another tracker on the store has its own subscribers */
    EXPECT(mw_tracker_audit_log(&log, t, NULL, NULL) == MW_OK);
    EXPECT(mw_status_change_list_count(log) == 2);
    EXPECT(mw_status_change_to(mw_status_change_list_get(log, 0)) == MW_ACCOUNT_SUSPENDED);
    EXPECT(strcmp(mw_status_change_actor(mw_status_change_list_get(log, 0)), "mailwarden") == 0);
    EXPECT(strcmp(mw_status_change_actor(mw_status_change_list_get(log, 1)), "ops") == 0);
    EXPECT(strcmp(mw_status_change_reason(mw_status_change_list_get(log, 1)), "list cleaned") == 0);
    EXPECT(strcmp(mw_status_change_account(mw_status_change_list_get(log, 1)), "default") == 0);
    EXPECT(mw_status_change_at(mw_status_change_list_get(log, 1)) > 0);
    EXPECT(mw_status_change_list_get(log, 2) == NULL);
    mw_status_change_list_free(log);
    log = NULL;
    EXPECT(mw_tracker_audit_log(NULL, t, NULL, NULL) == MW_EINVAL);

    /* Sending again: the suppressed recipient is left out, and told. */
    EXPECT(mw_registry_send_receipt(&receipt, r, "alice@iana.org", to_both, 2, "Hi", "text", NULL, NULL, NULL) ==
           MW_OK);
    EXPECT(strlen(mw_send_receipt_message_id(receipt)) > 0);
    EXPECT(mw_send_receipt_suppressed_count(receipt) == 1);
    EXPECT(strcmp(mw_send_receipt_suppressed_get(receipt, 0), "r1@iana.org") == 0);
    EXPECT(strcmp(mw_send_receipt_suppressed_get(receipt, 1), "") == 0);
    EXPECT(strcmp(mw_send_receipt_record_error(receipt), "") == 0);
    mw_send_receipt_free(receipt);
    receipt = NULL;
    EXPECT(mw_registry_send(&id, r, "alice@iana.org", to_r1, 1, "Hi", "text", NULL, NULL, &err) == MW_ESUPPRESSED);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_registry_send(&id, r, "alice@iana.org", to_both, 2, "Hi", "text", NULL, NULL, NULL) == MW_OK);
    mw_string_free(id);
    id = NULL;

    /* Suppressions: find, list in pages, add, remove. */
    EXPECT(mw_tracker_find_suppression(&s, t, "R1@IANA.ORG", NULL, NULL) == MW_OK);
    EXPECT(strcmp(mw_suppression_address(s), "r1@iana.org") == 0);
    EXPECT(strcmp(mw_suppression_account(s), "default") == 0);
    EXPECT(mw_suppression_reason(s) == MW_SUPPRESSION_BOUNCE && mw_suppression_at(s) > 0);
    EXPECT(strlen(mw_suppression_evidence_key(s)) > 0);
    EXPECT(strcmp(mw_suppression_status(s), "5.1.1") == 0);
    EXPECT(strstr(mw_suppression_diagnostic(s), "user unknown") != NULL);
    EXPECT(strcmp(mw_suppression_note(s), "") == 0);
    EXPECT(mw_suppression_to_json(&json, s, NULL) == MW_OK);
    EXPECT(json != NULL && strstr(json, "\"reason\":\"bounce\"") != NULL);
    mw_string_free(json);
    json = NULL;
    mw_suppression_free(s);
    s = NULL;
    EXPECT(mw_tracker_find_suppression(&s, t, "r2@iana.org", NULL, &err) == MW_ENOTFOUND);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_tracker_find_suppression(&s, t, NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_suppress(&s, t, "not an address", NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_suppress(NULL, t, NULL, NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_suppress(&s, t, "Zed@iana.org", "*", "asked to be left alone", NULL) == MW_OK);
    EXPECT(strcmp(mw_suppression_account(s), "*") == 0 && mw_suppression_reason(s) == MW_SUPPRESSION_MANUAL);
    EXPECT(strcmp(mw_suppression_note(s), "asked to be left alone") == 0);
    mw_suppression_free(s);
    s = NULL;
    EXPECT(mw_tracker_suppress(NULL, t, "m1@iana.org", NULL, NULL, NULL) == MW_OK);
    EXPECT(mw_tracker_suppress(NULL, t, "m2@iana.org", NULL, NULL, NULL) == MW_OK);
    /* A global suppression applies to every account. */
    EXPECT(mw_tracker_find_suppression(&s, other, "zed@iana.org", "acme", NULL) == MW_OK);
    EXPECT(strcmp(mw_suppression_account(s), "*") == 0);
    mw_suppression_free(s);
    s = NULL;
    EXPECT(mw_tracker_list_suppressions(&page, t, NULL, 0, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_list_suppressions(&page, t, NULL, 1001, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_list_suppressions(NULL, t, NULL, 2, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_list_suppressions(&page, t, NULL, 2, NULL, NULL) == MW_OK);
    EXPECT(mw_suppression_page_count(page) == 2);
    EXPECT(strcmp(mw_suppression_address(mw_suppression_page_get(page, 0)), "m1@iana.org") == 0);
    EXPECT(strcmp(mw_suppression_page_next_after(page), "m2@iana.org") == 0);
    EXPECT(mw_suppression_page_get(page, 2) == NULL);
    mw_suppression_page_free(page);
    page = NULL;
    EXPECT(mw_tracker_list_suppressions(&page, t, NULL, 2, "m2@iana.org", NULL) == MW_OK);
    EXPECT(mw_suppression_page_count(page) == 1);
    EXPECT(strcmp(mw_suppression_address(mw_suppression_page_get(page, 0)), "r1@iana.org") == 0);
    EXPECT(strcmp(mw_suppression_page_next_after(page), "") == 0);
    mw_suppression_page_free(page);
    page = NULL;
    EXPECT(mw_tracker_list_suppressions(&page, t, "*", 10, "", NULL) == MW_OK);
    EXPECT(mw_suppression_page_count(page) == 1);
    mw_suppression_page_free(page);
    page = NULL;
    EXPECT(mw_tracker_unsuppress(t, "R1@iana.org", NULL, NULL) == MW_OK);
    EXPECT(mw_tracker_unsuppress(t, "r1@iana.org", NULL, &err) == MW_ENOTFOUND);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_tracker_unsuppress(t, NULL, NULL, NULL) == MW_EINVAL);

    /* A batch is atomic: one bad document and nothing is applied. */
    ses_bounce(doc, sizeof doc, "msg-1", "r2@iana.org", 0, "fb-2");
    batch[0] = doc;
    lengths[0] = strlen(doc);
    batch[1] = "{\"x\":1}";
    lengths[1] = 7;
    EXPECT(mw_tracker_ingest_batch(&report, t, batch, lengths, 2, NULL, NULL) == MW_EPARSE);
    EXPECT(report == NULL);
    ses_bounce(doc2, sizeof doc2, "msg-1", "r3@iana.org", 0, "fb-3");
    batch[1] = doc2;
    lengths[1] = strlen(doc2);
    EXPECT(mw_tracker_ingest_batch(&report, t, batch, lengths, 2, "default", NULL) == MW_OK);
    EXPECT(mw_ingest_report_events(report) == 2 && mw_ingest_report_soft_bounces(report) == 2);
    mw_ingest_report_free(report);
    report = NULL;
    EXPECT(mw_tracker_ingest_batch(NULL, t, NULL, lengths, 1, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_ingest_batch(NULL, t, batch, NULL, 1, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_tracker_ingest_batch(&report, t, NULL, NULL, 0, NULL, NULL) == MW_OK);
    EXPECT(mw_ingest_report_events(report) == 0);
    mw_ingest_report_free(report);
    report = NULL;

    EXPECT(mw_tracker_unsubscribe(t, sub, NULL) == MW_OK);
    EXPECT(mw_tracker_unsubscribe(t, sub, NULL) == MW_ENOTFOUND);
    EXPECT(mw_tracker_unsubscribe(other, sub, NULL) == MW_ENOTFOUND); /* not this handle's */

    /* The registry closes first; its tracker goes on. */
    mw_registry_free(r);
    EXPECT(mw_tracker_stats(&stats, t, NULL, NULL) == MW_OK);
    EXPECT(mw_account_stats_total_sends(stats) >= 6);
    mw_account_stats_free(stats);
    mw_tracker_free(t);
    EXPECT(mw_tracker_stats(&stats, t, NULL, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "closed") != NULL);
    mw_error_free(err);
    mw_tracker_free(t); /* twice: a no-op */
    mw_tracker_free(other);
}

/* --- callbacks that free or unsubscribe; registry freed first ------------- */

struct in_callback {
    mw_tracker *tracker;
    int id;
    int deliveries;
    int status;
};

static void free_from_callback(const mw_status_change *change, void *user_data) {
    struct in_callback *c = (struct in_callback *)user_data;
    (void)change;
    ++c->deliveries;
    mw_tracker_free(c->tracker);
}

static void unsubscribe_from_callback(const mw_status_change *change, void *user_data) {
    struct in_callback *c = (struct in_callback *)user_data;
    (void)change;
    ++c->deliveries;
    c->status = mw_tracker_unsubscribe(c->tracker, c->id, NULL);
}

/* Four sends and one hard bounce on account: one status change. */
static int suspend(mw_tracker *t, const char *account, const char *message_id) {
    char doc[2048];
    const char *recipients[4];
    char names[4][32];
    int i;
    for (i = 0; i < 4; ++i) {
        snprintf(names[i], sizeof names[i], "u%d-%s@iana.org", i, message_id);
        recipients[i] = names[i];
    }
    if (mw_tracker_record_send(NULL, t, account, message_id, recipients, 4, NULL) != MW_OK) return -1;
    ses_bounce(doc, sizeof doc, message_id, names[0], 1, message_id);
    return mw_tracker_ingest(NULL, t, doc, strlen(doc), account, NULL);
}

static mw_tracker *open_tracker(const char *path) {
    mw_tracker_options *o = small_window();
    mw_tracker *t = NULL;
    EXPECT(mw_tracker_open(&t, path, o, NULL) == MW_OK);
    mw_tracker_options_free(o);
    return t;
}

static void test_callbacks(const char *dir) {
    char path[512];
    struct in_callback c = {NULL, 0, 0, -99};
    mw_account_stats *stats = NULL;
    snprintf(path, sizeof path, "%s/callbacks.db", dir);

    /* Freed from inside its callback: the ingest that delivers it completes. */
    c.tracker = open_tracker(path);
    EXPECT(mw_tracker_subscribe(&c.id, c.tracker, free_from_callback, &c, NULL) == MW_OK);
    EXPECT(suspend(c.tracker, "a1", "m-a1") == MW_OK);
    expect_locked(c.deliveries == 1, "free_from_callback delivered once");
    EXPECT(mw_tracker_stats(&stats, c.tracker, "a1", NULL) == MW_EINVAL); /* then it is gone */

    /* Unsubscribed from inside: no second delivery. */
    c.tracker = open_tracker(path);
    c.deliveries = 0;
    EXPECT(mw_tracker_subscribe(&c.id, c.tracker, unsubscribe_from_callback, &c, NULL) == MW_OK);
    EXPECT(suspend(c.tracker, "a2", "m-a2") == MW_OK);
    EXPECT(suspend(c.tracker, "a3", "m-a3") == MW_OK);
    expect_locked(c.deliveries == 1, "unsubscribe_from_callback delivered once");
    EXPECT(c.status == MW_OK);
    EXPECT(mw_tracker_unsubscribe(c.tracker, c.id, NULL) == MW_ENOTFOUND);
    mw_tracker_free(c.tracker);
}

/* A registry's tracker: the registry freed first; then, on a reopened
 * registry, a callback delivered through one handle of its tracker frees
 * another handle of it. */
static void test_registry_first(const char *dir) {
    char store[512], outbox[512];
    mw_tracker_options *opts = small_window();
    struct in_callback c = {NULL, 0, 0, -99};
    mw_registry *r, *r2;
    mw_account_stats *stats = NULL;
    mw_error *err = NULL;
    char *id = NULL;
    const char *to[] = {"x1@iana.org", "x2@iana.org", "x3@iana.org", "x4@iana.org"};
    char doc[2048];

    snprintf(store, sizeof store, "%s/registry-first.db", dir);
    snprintf(outbox, sizeof outbox, "%s/registry-first-outbox", dir);
    r = open_registry(store, outbox, opts);
    if (r == NULL) {
        mw_tracker_options_free(opts);
        return;
    }
    EXPECT(mw_registry_tracker(&c.tracker, r, NULL) == MW_OK);
    mw_registry_free(r);
    EXPECT(suspend(c.tracker, NULL, "m-r1") == MW_OK);
    EXPECT(mw_tracker_stats(&stats, c.tracker, NULL, NULL) == MW_OK);
    EXPECT(mw_account_stats_status(stats) == MW_ACCOUNT_SUSPENDED);
    mw_account_stats_free(stats);
    mw_tracker_free(c.tracker);

    /* Reopened: its sends are recorded by its tracker. */
    r2 = open_registry(store, outbox, opts);
    mw_tracker_options_free(opts);
    if (r2 == NULL) return;
    verified_sender(r2);
    EXPECT(mw_registry_tracker(&c.tracker, r2, NULL) == MW_OK);
    EXPECT(mw_tracker_resume(NULL, c.tracker, NULL, "ops", "reopened", NULL) == MW_OK);
    EXPECT(mw_tracker_subscribe(&c.id, c.tracker, free_from_callback, &c, NULL) == MW_OK);
    EXPECT(mw_registry_send(&id, r2, "alice@iana.org", to, 4, "Hi", "text", NULL, NULL, &err) == MW_OK);
    mw_string_free(id);
    id = NULL;
    mw_error_free(err);
    err = NULL;
    {
        mw_tracker *t2 = NULL;
        EXPECT(mw_registry_tracker(&t2, r2, NULL) == MW_OK);
        /* Sends recorded by the registry count; a hard bounce suspends. */
        ses_bounce(doc, sizeof doc, "unknown-id", "x1@iana.org", 1, "fb-x1");
        EXPECT(mw_tracker_ingest(NULL, t2, doc, strlen(doc), NULL, NULL) == MW_OK);
        mw_tracker_free(t2);
    }
    expect_locked(c.deliveries == 1, "the registry's tracker delivered the suspension");
    EXPECT(mw_registry_send(&id, r2, "alice@iana.org", to, 4, "Hi", "text", NULL, NULL, NULL) == MW_ESUSPENDED);
    mw_registry_free(r2);
}

/* --- ingests from several threads ----------------------------------------- */

enum { kThreads = 4, kDocuments = 25 };

struct ingester {
    mw_tracker *tracker;
    int index;
    int failures;
};

static void *ingest_many(void *arg) {
    struct ingester *in = (struct ingester *)arg;
    char doc[2048], message_id[64], recipient[64], feedback_id[64];
    int i;
    for (i = 0; i < kDocuments; ++i) {
        mw_ingest_report *report = NULL;
        mw_account_stats *stats = NULL;
        const char *to[1];
        snprintf(message_id, sizeof message_id, "t%d-m%d", in->index, i);
        snprintf(recipient, sizeof recipient, "t%d-r%d@iana.org", in->index, i);
        snprintf(feedback_id, sizeof feedback_id, "t%d-f%d", in->index, i);
        to[0] = recipient;
        if (mw_tracker_record_send(NULL, in->tracker, "threads", message_id, to, 1, NULL) != MW_OK) ++in->failures;
        ses_bounce(doc, sizeof doc, message_id, recipient, i % 2, feedback_id);
        if (mw_tracker_ingest(&report, in->tracker, doc, strlen(doc), NULL, NULL) != MW_OK) ++in->failures;
        else if (mw_ingest_report_events(report) != 1) ++in->failures;
        mw_ingest_report_free(report);
        if (mw_tracker_stats(&stats, in->tracker, "threads", NULL) != MW_OK) ++in->failures;
        mw_account_stats_free(stats);
    }
    return NULL;
}

static void test_threads(const char *dir) {
    char path[512];
    pthread_t threads[kThreads];
    struct ingester ingesters[kThreads];
    mw_tracker_options *o = NULL;
    mw_tracker *t = NULL;
    mw_account_stats *stats = NULL;
    int i;
    snprintf(path, sizeof path, "%s/threads.db", dir);
    EXPECT(mw_tracker_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_tracker_options_set_minimum_sends(o, 1000000, NULL) == MW_OK); /* no suspension here */
    EXPECT(mw_tracker_open(&t, path, o, NULL) == MW_OK);
    mw_tracker_options_free(o);
    if (t == NULL) return;
    for (i = 0; i < kThreads; ++i) {
        ingesters[i].tracker = t;
        ingesters[i].index = i;
        ingesters[i].failures = 0;
        EXPECT(pthread_create(&threads[i], NULL, ingest_many, &ingesters[i]) == 0);
    }
    for (i = 0; i < kThreads; ++i) {
        EXPECT(pthread_join(threads[i], NULL) == 0);
        EXPECT(ingesters[i].failures == 0);
    }
    EXPECT(mw_tracker_stats(&stats, t, "threads", NULL) == MW_OK);
    EXPECT(mw_account_stats_total_sends(stats) == kThreads * kDocuments);
    EXPECT(mw_account_stats_total_hard_bounces(stats) + mw_account_stats_total_soft_bounces(stats) ==
           kThreads * kDocuments);
    mw_account_stats_free(stats);
    mw_tracker_free(t);
}

/* One thread of the endpoint test: distinct hard bounces through a shared
 * endpoint that the main thread frees midway. */
struct poster {
    mw_feedback_endpoint *endpoint;
    int index;
    int taken, closed, failures;
};

static void *post_many(void *arg) {
    struct poster *p = (struct poster *)arg;
    char doc[2048], message_id[64], recipient[64], feedback_id[64];
    int i;
    for (i = 0; i < kDocuments; ++i) {
        mw_feedback_outcome *out = NULL;
        int status;
        snprintf(message_id, sizeof message_id, "e%d-m%d", p->index, i);
        snprintf(recipient, sizeof recipient, "e%d-r%d@iana.org", p->index, i);
        snprintf(feedback_id, sizeof feedback_id, "e%d-f%d", p->index, i);
        ses_bounce(doc, sizeof doc, message_id, recipient, 1, feedback_id);
        status = mw_feedback_endpoint_handle(&out, p->endpoint, doc, strlen(doc), NULL);
        if (status == MW_EINVAL) ++p->closed;
        else if (status != MW_OK || mw_feedback_outcome_http_status(out) != 200) ++p->failures;
        else if (mw_ingest_report_hard_bounces(mw_feedback_outcome_report(out)) != 1) ++p->failures;
        else ++p->taken;
        mw_feedback_outcome_free(out);
    }
    return NULL;
}

/* Threads post through one endpoint while it is freed: every call is either
 * committed or refused as closed, never lost halfway or a crash, and the
 * store counts exactly the ones committed. */
static void test_endpoint_threads(const char *dir) {
    char path[512];
    pthread_t threads[kThreads];
    struct poster posters[kThreads];
    mw_tracker *t = NULL;
    mw_sns_options *so = NULL;
    mw_endpoint_options *eo = NULL;
    mw_feedback_endpoint *ep = NULL;
    mw_account_stats *stats = NULL;
    const struct timespec pause = {0, 2000000L};
    int i, taken = 0;
    snprintf(path, sizeof path, "%s/endpoint-threads.db", dir);
    EXPECT(mw_tracker_open(&t, path, NULL, NULL) == MW_OK);
    EXPECT(mw_sns_options_new(&so, NULL) == MW_OK);
    EXPECT(mw_sns_options_set_trusted_raw(so, 1, NULL) == MW_OK);
    EXPECT(mw_endpoint_options_new(&eo, NULL) == MW_OK);
    EXPECT(mw_endpoint_options_set_fetch_certificates(eo, 0, NULL) == MW_OK);
    EXPECT(mw_endpoint_options_set_account(eo, "posts", NULL) == MW_OK);
    EXPECT(mw_feedback_endpoint_open(&ep, t, so, eo, NULL) == MW_OK);
    mw_sns_options_free(so);
    mw_endpoint_options_free(eo);
    if (t == NULL || ep == NULL) return;
    for (i = 0; i < kThreads; ++i) {
        posters[i].endpoint = ep;
        posters[i].index = i;
        posters[i].taken = posters[i].closed = posters[i].failures = 0;
        EXPECT(pthread_create(&threads[i], NULL, post_many, &posters[i]) == 0);
    }
    nanosleep(&pause, NULL);
    mw_feedback_endpoint_free(ep);
    for (i = 0; i < kThreads; ++i) {
        EXPECT(pthread_join(threads[i], NULL) == 0);
        EXPECT(posters[i].failures == 0);
        EXPECT(posters[i].taken + posters[i].closed == kDocuments);
        taken += posters[i].taken;
    }
    EXPECT(mw_tracker_stats(&stats, t, "posts", NULL) == MW_OK);
    EXPECT(mw_account_stats_total_hard_bounces(stats) == taken);
    mw_account_stats_free(stats);
    mw_tracker_free(t);
}

/* The SNS endpoint: a raw SES delivery on a trusted channel is committed
 * (200, a report), a genuine AWS-signed delivery that is no feedback is
 * taken for nothing, a forged one 403 with its rejection, one whose certificate is not to
 * be had 503; the store keeps only what was committed. */
static void test_endpoint(const char *dir) {
    mw_tracker *t = NULL;
    mw_sns_options *so = NULL;
    mw_endpoint_options *eo = NULL;
    mw_feedback_endpoint *ep = NULL, *raw = NULL;
    mw_feedback_outcome *out = NULL;
    mw_account_stats *st = NULL;
    mw_error *err = NULL;
    char path[256], doc[1024];
    size_t body_length = 0, pem_length = 0;
    char *body = read_file(MW_TEST_DATA_DIR "/sns/notification-sigv2.json", &body_length);
    char *pem = read_file(MW_TEST_DATA_DIR "/sns/signing-cert.pem", &pem_length);
    const char *url = "https://sns.us-east-2.amazonaws.com/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem";
    const char *topic = "arn:aws:sns:us-east-2:295079676684:publish-and-verify-62674b1d-4295-426b-88e7-5fb75652a04e";
    snprintf(path, sizeof path, "%s/endpoint.db", dir);
    EXPECT(body != NULL && pem != NULL);
    if (body == NULL || pem == NULL) goto done;
    EXPECT(mw_tracker_open(&t, path, NULL, NULL) == MW_OK);
    EXPECT(mw_endpoint_options_new(&eo, NULL) == MW_OK);
    /* Nothing leaves loopback in a test: no certificate is fetched. */
    EXPECT(mw_endpoint_options_set_fetch_certificates(eo, 0, NULL) == MW_OK);
    EXPECT(mw_endpoint_options_set_account(eo, "acme", NULL) == MW_OK);

    /* No certificate supplied and none fetched: ours to retry (503). */
    EXPECT(mw_feedback_endpoint_open(&ep, t, NULL, eo, NULL) == MW_OK);
    EXPECT(mw_feedback_endpoint_handle(&out, ep, body, body_length, NULL) == MW_OK);
    EXPECT(mw_feedback_outcome_http_status(out) == 503);
    EXPECT(mw_error_code(mw_feedback_outcome_error(out)) == MW_ENOTFOUND);
    EXPECT(mw_feedback_outcome_envelope(out) == NULL && mw_feedback_outcome_report(out) == NULL);
    mw_feedback_outcome_free(out);
    out = NULL;
    mw_feedback_endpoint_free(ep);
    ep = NULL;

    EXPECT(mw_sns_options_new(&so, NULL) == MW_OK);
    EXPECT(mw_sns_options_add_certificate(so, url, pem, NULL) == MW_OK);
    EXPECT(mw_sns_options_add_topic_arn(so, topic, NULL) == MW_OK);
    EXPECT(mw_feedback_endpoint_open(&ep, t, so, eo, NULL) == MW_OK);
    /* Verified; "Hello world" is no feedback: taken, counting for nothing
     * (SNS would only deliver it again). */
    EXPECT(mw_feedback_endpoint_handle(&out, ep, body, body_length, NULL) == MW_OK);
    EXPECT(mw_feedback_outcome_http_status(out) == 200);
    EXPECT(strcmp(mw_sns_envelope_topic_arn(mw_feedback_outcome_envelope(out)), topic) == 0);
    EXPECT(mw_feedback_outcome_error(out) == NULL);
    EXPECT(mw_ingest_report_events(mw_feedback_outcome_report(out)) == 1);
    EXPECT(mw_ingest_report_hard_bounces(mw_feedback_outcome_report(out)) == 0);
    EXPECT(strlen(mw_feedback_outcome_message(out)) > 0);
    mw_feedback_outcome_free(out);
    out = NULL;
    /* Forged: 403 and the rejection's name. */
    {
        char *p = strstr(body, "Hello world");
        if (p != NULL) p[0] = 'J';
        EXPECT(mw_feedback_endpoint_handle(&out, ep, body, body_length, NULL) == MW_OK);
        EXPECT(mw_feedback_outcome_http_status(out) == 403);
        EXPECT(strcmp(mw_sns_rejection_name(mw_feedback_outcome_error(out)), "bad_signature") == 0);
        EXPECT(mw_feedback_outcome_envelope(out) == NULL);
        mw_feedback_outcome_free(out);
        out = NULL;
        if (p != NULL) p[0] = 'H';
    }
    /* An SES document without an envelope on an untrusted channel: 400. */
    ses_bounce(doc, sizeof doc, "ep-msg-1", "gone@example.org", 1, "ep-fb-1");
    EXPECT(mw_feedback_endpoint_handle(&out, ep, doc, strlen(doc), NULL) == MW_OK);
    EXPECT(mw_feedback_outcome_http_status(out) == 400);
    EXPECT(strcmp(mw_sns_rejection_name(mw_feedback_outcome_error(out)), "not_an_envelope") == 0);
    mw_feedback_outcome_free(out);
    out = NULL;

    /* A trusted raw channel: the bounce is committed, once. */
    EXPECT(mw_sns_options_set_trusted_raw(so, 1, NULL) == MW_OK);
    EXPECT(mw_feedback_endpoint_open(&raw, t, so, eo, NULL) == MW_OK);
    mw_tracker_free(t); /* the endpoint keeps the tracker open */
    t = NULL;
    EXPECT(mw_feedback_endpoint_handle(&out, raw, doc, strlen(doc), NULL) == MW_OK);
    EXPECT(mw_feedback_outcome_http_status(out) == 200);
    EXPECT(mw_feedback_outcome_error(out) == NULL);
    EXPECT(strcmp(mw_sns_envelope_type(mw_feedback_outcome_envelope(out)), "raw") == 0);
    EXPECT(mw_ingest_report_hard_bounces(mw_feedback_outcome_report(out)) == 1);
    EXPECT(mw_ingest_report_suppressed_count(mw_feedback_outcome_report(out)) == 1);
    EXPECT(strcmp(mw_suppression_account(mw_ingest_report_suppressed_get(mw_feedback_outcome_report(out), 0)),
                  "acme") == 0);
    mw_feedback_outcome_free(out);
    out = NULL;
    EXPECT(mw_feedback_endpoint_handle(&out, raw, doc, strlen(doc), NULL) == MW_OK);
    EXPECT(mw_feedback_outcome_http_status(out) == 200);
    EXPECT(mw_ingest_report_duplicates(mw_feedback_outcome_report(out)) == 1);
    EXPECT(mw_ingest_report_hard_bounces(mw_feedback_outcome_report(out)) == 0);
    mw_feedback_outcome_free(out);
    out = NULL;
    mw_feedback_endpoint_free(raw);
    EXPECT(mw_tracker_open(&t, path, NULL, NULL) == MW_OK);
    EXPECT(mw_tracker_stats(&st, t, "acme", NULL) == MW_OK);
    EXPECT(mw_account_stats_total_hard_bounces(st) == 1);
    mw_account_stats_free(st);

    /* Arguments. */
    EXPECT(mw_endpoint_options_set_auto_confirm(eo, 1, NULL) == MW_OK);
    EXPECT(mw_feedback_endpoint_open(&raw, t, NULL, eo, &err) == MW_EINVAL); /* no allow-list */
    EXPECT(strstr(mw_error_message(err), "allow-list") != NULL);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_feedback_endpoint_open(NULL, t, so, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_feedback_endpoint_open(&raw, NULL, so, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_feedback_endpoint_handle(NULL, ep, body, body_length, NULL) == MW_EINVAL);
    EXPECT(mw_feedback_endpoint_handle(&out, ep, NULL, 3, NULL) == MW_EINVAL);
    EXPECT(mw_feedback_endpoint_handle(&out, NULL, body, body_length, NULL) == MW_EINVAL);
    EXPECT(mw_endpoint_options_set_account(NULL, "a", NULL) == MW_EINVAL);
    EXPECT(mw_endpoint_options_set_ca_file(NULL, "a", NULL) == MW_EINVAL);
    EXPECT(mw_endpoint_options_set_ca_file(eo, "/etc/ssl/certs/ca-certificates.crt", NULL) == MW_OK);
    EXPECT(mw_endpoint_options_new(NULL, NULL) == MW_EINVAL);
    EXPECT(mw_feedback_outcome_http_status(NULL) == 0 && mw_feedback_outcome_confirmed(NULL) == 0);
    EXPECT(strcmp(mw_feedback_outcome_message(NULL), "") == 0);
    EXPECT(mw_feedback_outcome_envelope(NULL) == NULL && mw_feedback_outcome_report(NULL) == NULL);
    EXPECT(mw_feedback_outcome_error(NULL) == NULL);
    mw_feedback_outcome_free(NULL);
    mw_feedback_endpoint_free(ep);
    /* Closed: refused, not a crash. */
    EXPECT(mw_feedback_endpoint_handle(&out, ep, body, body_length, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "closed") != NULL);
    mw_error_free(err);
    mw_feedback_endpoint_free(ep);
    mw_feedback_endpoint_free(NULL);
    mw_endpoint_options_free(eo);
    mw_endpoint_options_free(NULL);
    mw_sns_options_free(so);
    mw_tracker_free(t);
done:
    free(body);
    free(pem);
}

int main(int argc, char **argv) {
    char dir[] = "/tmp/mw-capi-bounce-XXXXXX";
    char cmd[80];
    const int threaded = argc > 1 && strcmp(argv[1], "threads") == 0;
    if (mkdtemp(dir) == NULL) return 1;
    if (threaded) {
        test_callbacks(dir);
        test_registry_first(dir);
        test_threads(dir);
        test_endpoint_threads(dir);
        /* A handle destroyed on a library thread may still be closing its store. */
        {
            const struct timespec pause = {0, 50000000L};
            nanosleep(&pause, NULL);
        }
    } else {
        test_nulls();
        test_feedback();
        test_sns();
        test_tracker(dir);
        test_endpoint(dir);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
