/* The resolver, domain report and SPF functions of the C ABI from plain C99,
 * against unbound serving tests/peers/unbound/auth-zones (MW_TEST_DNS, set
 * by run-with-unbound.sh): every function, including NULL and invalid
 * arguments. Compiled with -std=c99 -pedantic -Werror. */
#include <mailwarden.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"

#define EXPECT_STR(got, want) EXPECT(strcmp((got), (want)) == 0)

static int starts_with(const char *s, const char *prefix) {
    return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

static mw_resolver *open_test_resolver(void) {
    const char *server = getenv("MW_TEST_DNS");
    mw_resolver_options *options = NULL;
    mw_resolver *resolver = NULL;
    mw_error *err = NULL;
    EXPECT(server != NULL);
    if (server == NULL) return NULL;
    EXPECT(mw_resolver_options_new(&options, &err) == MW_OK);
    EXPECT(mw_resolver_options_add_server(options, server, &err) == MW_OK);
    EXPECT(mw_resolver_options_set_timeout_ms(options, 2000, &err) == MW_OK);
    EXPECT(mw_resolver_options_set_tries(options, 2, &err) == MW_OK);
    EXPECT(mw_resolver_options_set_cache(options, 1, &err) == MW_OK);
    EXPECT(mw_resolver_open(&resolver, options, &err) == MW_OK);
    EXPECT(err == NULL);
    mw_resolver_options_free(options);
    return resolver;
}

static void test_resolver_options(void) {
    mw_resolver_options *options = NULL;
    mw_resolver *resolver = NULL;
    mw_error *err = NULL;

    EXPECT(mw_resolver_options_new(NULL, &err) == MW_EINVAL);
    EXPECT(mw_error_code(err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "out") != NULL);
    mw_error_free(err);
    err = NULL;

    EXPECT(mw_resolver_options_add_server(NULL, "127.0.0.1", NULL) == MW_EINVAL);
    EXPECT(mw_resolver_options_set_timeout_ms(NULL, 10, NULL) == MW_EINVAL);
    EXPECT(mw_resolver_options_set_tries(NULL, 1, NULL) == MW_EINVAL);
    EXPECT(mw_resolver_options_set_cache(NULL, 1, NULL) == MW_EINVAL);

    EXPECT(mw_resolver_options_new(&options, NULL) == MW_OK);
    EXPECT(mw_resolver_options_add_server(options, NULL, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "server") != NULL);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_resolver_options_set_timeout_ms(options, 0, NULL) == MW_EINVAL);
    EXPECT(mw_resolver_options_set_tries(options, 0, NULL) == MW_EINVAL);

    /* A malformed server address is refused when opening. */
    EXPECT(mw_resolver_options_add_server(options, "not an address", NULL) == MW_OK);
    EXPECT(mw_resolver_open(&resolver, options, &err) == MW_EINVAL);
    EXPECT(resolver == NULL);
    EXPECT(err != NULL && strlen(mw_error_message(err)) > 0);
    mw_error_free(err);
    err = NULL;
    mw_resolver_options_free(options);

    EXPECT(mw_resolver_open(NULL, NULL, NULL) == MW_EINVAL);
    /* NULL options: the system's servers; opening works without asking anything. */
    EXPECT(mw_resolver_open(&resolver, NULL, &err) == MW_OK);
    mw_resolver_free(resolver);
    mw_resolver_free(NULL);
    mw_resolver_options_free(NULL);
}

static void test_names(void) {
    EXPECT_STR(mw_verdict_name(MW_VERDICT_PASS), "pass");
    EXPECT_STR(mw_verdict_name(MW_VERDICT_WARN), "warn");
    EXPECT_STR(mw_verdict_name(MW_VERDICT_FAIL), "fail");
    EXPECT(mw_verdict_name(3) == NULL);
    EXPECT(mw_verdict_name(-1) == NULL);
    EXPECT_STR(mw_severity_name(MW_SEVERITY_INFO), "info");
    EXPECT_STR(mw_severity_name(MW_SEVERITY_WARNING), "warning");
    EXPECT_STR(mw_severity_name(MW_SEVERITY_ERROR), "error");
    EXPECT(mw_severity_name(7) == NULL);
    EXPECT_STR(mw_record_status_name(MW_RECORD_OK), "ok");
    EXPECT_STR(mw_record_status_name(MW_RECORD_MISSING), "missing");
    EXPECT_STR(mw_record_status_name(MW_RECORD_MISMATCH), "mismatch");
    EXPECT_STR(mw_record_status_name(MW_RECORD_UNKNOWN), "unknown");
    EXPECT(mw_record_status_name(4) == NULL);
    EXPECT_STR(mw_spf_result_name(MW_SPF_NONE), "none");
    EXPECT_STR(mw_spf_result_name(MW_SPF_NEUTRAL), "neutral");
    EXPECT_STR(mw_spf_result_name(MW_SPF_PASS), "pass");
    EXPECT_STR(mw_spf_result_name(MW_SPF_FAIL), "fail");
    EXPECT_STR(mw_spf_result_name(MW_SPF_SOFTFAIL), "softfail");
    EXPECT_STR(mw_spf_result_name(MW_SPF_TEMPERROR), "temperror");
    EXPECT_STR(mw_spf_result_name(MW_SPF_PERMERROR), "permerror");
    EXPECT(mw_spf_result_name(7) == NULL);
    EXPECT(mw_spf_result_name(-1) == NULL);
}

static void test_good_domain(mw_resolver *resolver) {
    const char *tokens[] = {"good1", "good2", "good3"};
    mw_domain_report *report = NULL;
    mw_error *err = NULL;
    char *json = NULL;
    size_t i;

    EXPECT(mw_domain_check(&report, resolver, "Good.Test.", NULL, tokens, 3, NULL, &err) == MW_OK);
    EXPECT(err == NULL);
    if (report == NULL) return;
    EXPECT_STR(mw_domain_report_domain(report), "good.test");
    EXPECT_STR(mw_domain_report_region(report), "us-east-1");
    EXPECT(mw_domain_report_verdict(report) == MW_VERDICT_PASS);
    EXPECT(mw_domain_report_finding_count(report) == 0);
    EXPECT(mw_domain_report_record_count(report) == 5);
    EXPECT_STR(mw_domain_record_purpose(mw_domain_report_record_get(report, 0)), "spf");
    EXPECT_STR(mw_domain_record_name(mw_domain_report_record_get(report, 0)), "good.test");
    EXPECT_STR(mw_domain_record_type(mw_domain_report_record_get(report, 0)), "TXT");
    EXPECT_STR(mw_domain_record_value(mw_domain_report_record_get(report, 0)), "v=spf1 include:amazonses.com ~all");
    EXPECT(mw_domain_record_status(mw_domain_report_record_get(report, 0)) == MW_RECORD_OK);
    EXPECT(mw_domain_record_found_count(mw_domain_report_record_get(report, 0)) == 1);
    EXPECT_STR(mw_domain_record_found_get(mw_domain_report_record_get(report, 0), 0), "v=spf1 include:amazonses.com ~all");
    for (i = 1; i <= 3; ++i) {
        char name[64], value[64];
        sprintf(name, "good%u._domainkey.good.test", (unsigned)i);
        sprintf(value, "good%u.dkim.amazonses.com", (unsigned)i);
        EXPECT_STR(mw_domain_record_purpose(mw_domain_report_record_get(report, i)), "dkim");
        EXPECT_STR(mw_domain_record_name(mw_domain_report_record_get(report, i)), name);
        EXPECT_STR(mw_domain_record_type(mw_domain_report_record_get(report, i)), "CNAME");
        EXPECT_STR(mw_domain_record_value(mw_domain_report_record_get(report, i)), value);
        EXPECT(mw_domain_record_status(mw_domain_report_record_get(report, i)) == MW_RECORD_OK);
        EXPECT_STR(mw_domain_record_found_get(mw_domain_report_record_get(report, i), 0), value);
    }
    EXPECT_STR(mw_domain_record_purpose(mw_domain_report_record_get(report, 4)), "dmarc");
    EXPECT_STR(mw_domain_record_name(mw_domain_report_record_get(report, 4)), "_dmarc.good.test");
    EXPECT_STR(mw_domain_record_value(mw_domain_report_record_get(report, 4)),
               "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@good.test; adkim=r; aspf=r");
    EXPECT_STR(mw_domain_record_found_get(mw_domain_report_record_get(report, 4), 0), "v=DMARC1; p=reject; rua=mailto:dmarc@good.test");

    /* Out of range: neutral values. */
    EXPECT_STR(mw_domain_record_purpose(mw_domain_report_record_get(report, 5)), "");
    EXPECT_STR(mw_domain_record_name(mw_domain_report_record_get(report, 5)), "");
    EXPECT_STR(mw_domain_record_type(mw_domain_report_record_get(report, 5)), "");
    EXPECT_STR(mw_domain_record_value(mw_domain_report_record_get(report, 5)), "");
    EXPECT(mw_domain_record_status(mw_domain_report_record_get(report, 5)) == -1);
    EXPECT(mw_domain_record_found_count(mw_domain_report_record_get(report, 5)) == 0);
    EXPECT_STR(mw_domain_record_found_get(mw_domain_report_record_get(report, 0), 1), "");
    EXPECT_STR(mw_domain_record_found_get(mw_domain_report_record_get(report, 9), 0), "");
    EXPECT_STR(mw_domain_finding_id(mw_domain_report_finding_get(report, 0)), "");
    EXPECT(mw_domain_finding_severity(mw_domain_report_finding_get(report, 0)) == -1);
    EXPECT_STR(mw_domain_finding_message(mw_domain_report_finding_get(report, 0)), "");

    EXPECT(mw_domain_report_to_json(&json, report, &err) == MW_OK);
    EXPECT(starts_with(json, "{\"domain\":\"good.test\",\"region\":\"us-east-1\",\"verdict\":\"pass\","));
    EXPECT(json != NULL && strstr(json, "\"findings\":[]") != NULL);
    mw_string_free(json);
    mw_domain_report_free(report);
}

static void test_findings(mw_resolver *resolver) {
    const char *tokens[] = {"weak", "absent"};
    mw_domain_report *report = NULL;
    mw_error *err = NULL;
    char *json = NULL;

    /* DKIM: a weak key (warning) and a missing CNAME (error); a custom MAIL
     * FROM whose MX points at another region's feedback host. */
    EXPECT(mw_domain_check(&report, resolver, "dkim.test", "eu-west-1", tokens, 2, "bounce.good.test", &err) == MW_OK);
    if (report == NULL) return;
    EXPECT_STR(mw_domain_report_region(report), "eu-west-1");
    EXPECT(mw_domain_report_verdict(report) == MW_VERDICT_FAIL);
    EXPECT(mw_domain_report_record_count(report) == 5);
    EXPECT_STR(mw_domain_record_purpose(mw_domain_report_record_get(report, 0)), "mail_from_spf");
    EXPECT_STR(mw_domain_record_name(mw_domain_report_record_get(report, 0)), "bounce.good.test");
    EXPECT(mw_domain_record_status(mw_domain_report_record_get(report, 2)) == MW_RECORD_MISSING);
    EXPECT(mw_domain_record_found_count(mw_domain_report_record_get(report, 2)) == 0);
    EXPECT_STR(mw_domain_record_purpose(mw_domain_report_record_get(report, 4)), "mail_from_mx");
    EXPECT_STR(mw_domain_record_type(mw_domain_report_record_get(report, 4)), "MX");
    EXPECT_STR(mw_domain_record_value(mw_domain_report_record_get(report, 4)), "10 feedback-smtp.eu-west-1.amazonses.com");
    EXPECT(mw_domain_record_status(mw_domain_report_record_get(report, 4)) == MW_RECORD_MISMATCH);
    EXPECT_STR(mw_domain_record_found_get(mw_domain_report_record_get(report, 4), 0), "10 feedback-smtp.us-east-1.amazonses.com");
    EXPECT(mw_domain_report_finding_count(report) == 3);
    EXPECT_STR(mw_domain_finding_id(mw_domain_report_finding_get(report, 0)), "dkim.key_weak");
    EXPECT(mw_domain_finding_severity(mw_domain_report_finding_get(report, 0)) == MW_SEVERITY_WARNING);
    EXPECT(strstr(mw_domain_finding_message(mw_domain_report_finding_get(report, 0)), "1024") != NULL);
    EXPECT_STR(mw_domain_finding_id(mw_domain_report_finding_get(report, 1)), "dkim.cname_missing");
    EXPECT(mw_domain_finding_severity(mw_domain_report_finding_get(report, 1)) == MW_SEVERITY_ERROR);
    EXPECT_STR(mw_domain_finding_id(mw_domain_report_finding_get(report, 2)), "mail_from.mx_mismatch");
    EXPECT(mw_domain_report_to_json(&json, report, NULL) == MW_OK);
    EXPECT(json != NULL && strstr(json, "{\"id\":\"dkim.key_weak\",\"severity\":\"warning\",") != NULL);
    mw_string_free(json);
    mw_domain_report_free(report);

    /* A refused DMARC name: unknown, with a warning (auth-zones.conf). */
    report = NULL;
    EXPECT(mw_domain_check(&report, resolver, "flaky.test", "", NULL, 0, "", NULL) == MW_OK);
    if (report == NULL) return;
    EXPECT_STR(mw_domain_report_region(report), "us-east-1");
    EXPECT(mw_domain_report_verdict(report) == MW_VERDICT_WARN);
    EXPECT(mw_domain_record_status(mw_domain_report_record_get(report, 1)) == MW_RECORD_UNKNOWN);
    EXPECT_STR(mw_domain_finding_id(mw_domain_report_finding_get(report, 0)), "dkim.no_tokens");
    EXPECT(mw_domain_finding_severity(mw_domain_report_finding_get(report, 0)) == MW_SEVERITY_INFO);
    EXPECT_STR(mw_domain_finding_id(mw_domain_report_finding_get(report, 1)), "dns.temporary_failure");
    mw_domain_report_free(report);
}

static void test_domain_check_errors(mw_resolver *resolver) {
    const char *with_null[] = {"good1", NULL};
    mw_domain_report *report = NULL;
    mw_error *err = NULL;
    char *json = NULL;

    EXPECT(mw_domain_check(NULL, resolver, "good.test", NULL, NULL, 0, NULL, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "out") != NULL);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_domain_check(&report, NULL, "good.test", NULL, NULL, 0, NULL, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "resolver") != NULL);
    mw_error_free(err);
    err = NULL;
    EXPECT(mw_domain_check(&report, resolver, NULL, NULL, NULL, 0, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_domain_check(&report, resolver, "", NULL, NULL, 0, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_domain_check(&report, resolver, "good.test", NULL, NULL, 2, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_domain_check(&report, resolver, "good.test", NULL, with_null, 2, NULL, NULL) == MW_EINVAL);
    EXPECT(report == NULL);

    EXPECT(mw_domain_report_to_json(NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_domain_report_to_json(&json, NULL, &err) == MW_EINVAL);
    EXPECT(mw_error_code(err) == MW_EINVAL);
    mw_error_free(err);
    EXPECT(json == NULL);

    /* Accessors on NULL. */
    EXPECT_STR(mw_domain_report_domain(NULL), "");
    EXPECT_STR(mw_domain_report_region(NULL), "");
    EXPECT(mw_domain_report_verdict(NULL) == -1);
    EXPECT(mw_domain_report_record_count(NULL) == 0);
    EXPECT_STR(mw_domain_record_purpose(mw_domain_report_record_get(NULL, 0)), "");
    EXPECT_STR(mw_domain_record_name(mw_domain_report_record_get(NULL, 0)), "");
    EXPECT_STR(mw_domain_record_type(mw_domain_report_record_get(NULL, 0)), "");
    EXPECT_STR(mw_domain_record_value(mw_domain_report_record_get(NULL, 0)), "");
    EXPECT(mw_domain_record_status(mw_domain_report_record_get(NULL, 0)) == -1);
    EXPECT(mw_domain_record_found_count(mw_domain_report_record_get(NULL, 0)) == 0);
    EXPECT_STR(mw_domain_record_found_get(mw_domain_report_record_get(NULL, 0), 0), "");
    EXPECT(mw_domain_report_finding_count(NULL) == 0);
    EXPECT_STR(mw_domain_finding_id(mw_domain_report_finding_get(NULL, 0)), "");
    EXPECT(mw_domain_finding_severity(mw_domain_report_finding_get(NULL, 0)) == -1);
    EXPECT_STR(mw_domain_finding_message(mw_domain_report_finding_get(NULL, 0)), "");
    mw_domain_report_free(NULL);
}

static void test_spf(mw_resolver *resolver) {
    mw_spf_outcome *outcome = NULL;
    mw_error *err = NULL;
    char *json = NULL;

    EXPECT(mw_spf_check(&outcome, resolver, "199.255.192.10", "bounce@good.test", "mta.good.test", &err) == MW_OK);
    if (outcome == NULL) return;
    EXPECT(mw_spf_outcome_result(outcome) == MW_SPF_PASS);
    EXPECT_STR(mw_spf_outcome_domain(outcome), "good.test");
    EXPECT_STR(mw_spf_outcome_explanation(outcome), "");
    EXPECT_STR(mw_spf_outcome_matched(outcome), "include:amazonses.com");
    EXPECT_STR(mw_spf_outcome_problem(outcome), "");
    EXPECT(mw_spf_outcome_lookups(outcome) == 1);
    EXPECT(mw_spf_outcome_void_lookups(outcome) == 0);
    EXPECT(mw_spf_outcome_to_json(&json, outcome, &err) == MW_OK);
    EXPECT(starts_with(json, "{\"result\":\"pass\",\"domain\":\"good.test\","));
    EXPECT(json != NULL && strstr(json, "\"lookups\":1") != NULL);
    mw_string_free(json);
    json = NULL;
    mw_spf_outcome_free(outcome);

    outcome = NULL;
    EXPECT(mw_spf_check(&outcome, resolver, "198.51.100.7", "x@no-ses.test", NULL, NULL) == MW_OK);
    if (outcome == NULL) return;
    EXPECT(mw_spf_outcome_result(outcome) == MW_SPF_FAIL);
    EXPECT_STR(mw_spf_outcome_explanation(outcome), "198.51.100.7 is not one of no-ses.test's designated mail servers");
    EXPECT_STR(mw_spf_outcome_matched(outcome), "-all");
    mw_spf_outcome_free(outcome);

    /* The null sender: the HELO name is checked. */
    outcome = NULL;
    EXPECT(mw_spf_check(&outcome, resolver, "2001:db8::1", NULL, "good.test", NULL) == MW_OK);
    EXPECT(mw_spf_outcome_result(outcome) == MW_SPF_SOFTFAIL);
    EXPECT_STR(mw_spf_outcome_domain(outcome), "good.test");
    mw_spf_outcome_free(outcome);

    outcome = NULL;
    EXPECT(mw_spf_check(&outcome, resolver, "192.0.2.1", "x@multi-spf.test", "", NULL) == MW_OK);
    EXPECT(mw_spf_outcome_result(outcome) == MW_SPF_PERMERROR);
    EXPECT(strlen(mw_spf_outcome_problem(outcome)) > 0);
    mw_spf_outcome_free(outcome);

    outcome = NULL;
    EXPECT(mw_spf_check(&outcome, resolver, "203.0.113.5", "x@voids.test", "", NULL) == MW_OK);
    EXPECT(mw_spf_outcome_result(outcome) == MW_SPF_PERMERROR);
    EXPECT(mw_spf_outcome_void_lookups(outcome) == 3);
    mw_spf_outcome_free(outcome);

    /* Errors. */
    outcome = NULL;
    EXPECT(mw_spf_check(&outcome, resolver, "999.1.1.1", "x@good.test", NULL, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "999.1.1.1") != NULL);
    mw_error_free(err);
    err = NULL;
    EXPECT(outcome == NULL);
    EXPECT(mw_spf_check(NULL, resolver, "192.0.2.1", "x@good.test", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_spf_check(&outcome, NULL, "192.0.2.1", "x@good.test", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_spf_check(&outcome, resolver, NULL, "x@good.test", NULL, &err) == MW_EINVAL);
    EXPECT(strstr(mw_error_message(err), "ip") != NULL);
    mw_error_free(err);
    EXPECT(outcome == NULL);
    EXPECT(mw_spf_outcome_to_json(NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_spf_outcome_to_json(&json, NULL, NULL) == MW_EINVAL);
    EXPECT(json == NULL);

    EXPECT(mw_spf_outcome_result(NULL) == -1);
    EXPECT_STR(mw_spf_outcome_domain(NULL), "");
    EXPECT_STR(mw_spf_outcome_explanation(NULL), "");
    EXPECT_STR(mw_spf_outcome_matched(NULL), "");
    EXPECT_STR(mw_spf_outcome_problem(NULL), "");
    EXPECT(mw_spf_outcome_lookups(NULL) == 0);
    EXPECT(mw_spf_outcome_void_lookups(NULL) == 0);
    mw_spf_outcome_free(NULL);
}

int main(void) {
    mw_resolver *resolver;
    test_resolver_options();
    test_names();
    resolver = open_test_resolver();
    if (resolver != NULL) {
        test_good_domain(resolver);
        test_findings(resolver);
        test_domain_check_errors(resolver);
        test_spf(resolver);
        mw_resolver_free(resolver);
    }
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
