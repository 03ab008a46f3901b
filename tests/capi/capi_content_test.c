/* Content checks through the C ABI, from plain C99: the options (and their
 * refusals), a message whose links two blocklists served by unbound list,
 * refuse or ignore (MW_TEST_DNS, tests/capi/content/zones), an HTML-only
 * message with a script, mw_sanitize_html, the JSON, NULL arguments.
 * Compiled with -std=c99 -pedantic -Werror. */
#include <mailwarden.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"

static const char links_message[] =
    "From: News <news@example.org>\r\n"
    "To: ann@example.net\r\n"
    "Subject: This week\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "Read https://spam-site.example/offer and https://www.refused-site.example/x\r\n"
    "or http://203.0.113.10/login, and our own https://clean-site.example/news.\r\n";

static const char html_message[] =
    "From: News <news@example.org>\r\n"
    "To: ann@example.net\r\n"
    "Subject: This week\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<html><body><p>Hello <b>Ann</b>,</p><script>steal()</script>"
    "<p><a href=\"https://clean-site.example/news\" onclick=\"x()\">the news</a></p></body></html>\r\n";

static mw_resolver *open_resolver(void) {
    mw_resolver_options *options = NULL;
    mw_resolver *resolver = NULL;
    EXPECT(mw_resolver_options_new(&options, NULL) == MW_OK);
    EXPECT(mw_resolver_options_add_server(options, getenv("MW_TEST_DNS"), NULL) == MW_OK);
    EXPECT(mw_resolver_open(&resolver, options, NULL) == MW_OK);
    mw_resolver_options_free(options);
    return resolver;
}

static const mw_content_link *link_to(const mw_content_report *report, const char *domain) {
    size_t i;
    for (i = 0; i < mw_content_report_link_count(report); ++i) {
        const mw_content_link *link = mw_content_report_link_get(report, i);
        if (strcmp(mw_content_link_domain(link), domain) == 0 || strcmp(mw_content_link_ip(link), domain) == 0)
            return link;
    }
    return NULL;
}

static void test_options(void) {
    mw_content_options *options = NULL;
    mw_error *err = NULL;
    EXPECT(mw_content_options_new(NULL, NULL) == MW_EINVAL);
    EXPECT(mw_content_options_set_resolver(NULL, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_content_options_add_blocklist(NULL, "a", "a.test", MW_BLOCKLIST_DOMAIN, MW_CONTENT_SEVERITY_BLOCK, NULL) ==
           MW_EINVAL);
    EXPECT(mw_content_options_new(&options, NULL) == MW_OK);
    EXPECT(mw_content_options_add_blocklist(options, "dbl", "dbl.dnsbl.test", MW_BLOCKLIST_DOMAIN,
                                            MW_CONTENT_SEVERITY_BLOCK, NULL) == MW_OK);
    EXPECT(mw_content_options_add_blocklist(options, "dbl", "other.test", MW_BLOCKLIST_DOMAIN,
                                            MW_CONTENT_SEVERITY_BLOCK, &err) == MW_EINVAL);
    EXPECT(err != NULL && strstr(mw_error_message(err), "already") != NULL);
    mw_error_free(err);
    EXPECT(mw_content_options_add_blocklist(options, "", "x.test", MW_BLOCKLIST_DOMAIN, 0, NULL) == MW_EINVAL);
    EXPECT(mw_content_options_add_blocklist(options, "x", "x.test", 7, 0, NULL) == MW_EINVAL);
    EXPECT(mw_content_options_add_blocklist(options, "x", "x.test", MW_BLOCKLIST_IP, 3, NULL) == MW_EINVAL);
    err = NULL;
    EXPECT(mw_content_options_add_blocklist_code(options, "nope", "127.0.0.2", "spam", &err) == MW_EINVAL);
    EXPECT(err != NULL && strstr(mw_error_message(err), "nope") != NULL);
    mw_error_free(err);
    EXPECT(mw_content_options_add_blocklist_code(options, "dbl", "10.0.0.1", "spam", NULL) == MW_EINVAL);
    EXPECT(mw_content_options_add_blocklist_code(options, "dbl", "not an address", "spam", NULL) == MW_EINVAL);
    EXPECT(mw_content_options_add_blocklist_code(options, "dbl", "127.0.1.2", NULL, NULL) == MW_EINVAL);
    EXPECT(mw_content_options_add_blocklist_refusal(options, "dbl", "::1", NULL) == MW_EINVAL);
    EXPECT(mw_content_options_set_spamd(options, "127.0.0.1", 783, 1000, 5.0, 4.0, NULL) == MW_EINVAL);
    EXPECT(mw_content_options_set_spamd(options, "", 783, 1000, 5.0, 10.0, NULL) == MW_EINVAL);
    EXPECT(mw_content_options_set_spamd(options, "127.0.0.1", 0, 1000, 5.0, 10.0, NULL) == MW_EINVAL);
    EXPECT(mw_content_options_set_max_links(options, 0, NULL) == MW_EINVAL);
    EXPECT(mw_content_options_set_max_message_bytes(options, 0, NULL) == MW_EINVAL);
    EXPECT(mw_content_options_set_max_concurrent_lookups(options, 0, NULL) == MW_EINVAL);
    EXPECT(mw_content_options_add_shortener(options, "", NULL) == MW_EINVAL);
    mw_content_options_free(options);
    mw_content_options_free(NULL);
    EXPECT(strcmp(mw_content_verdict_name(MW_CONTENT_REVIEW), "review") == 0);
    EXPECT(strcmp(mw_content_severity_name(MW_CONTENT_SEVERITY_BLOCK), "block") == 0);
    EXPECT(mw_content_verdict_name(3) == NULL && mw_content_severity_name(-1) == NULL);
}

static void test_blocklists(mw_resolver *resolver) {
    mw_content_options *options = NULL;
    mw_content_report *report = NULL;
    const mw_content_link *link;
    char *json = NULL;
    EXPECT(mw_content_options_new(&options, NULL) == MW_OK);
    EXPECT(mw_content_options_set_resolver(options, resolver, NULL) == MW_OK);
    EXPECT(mw_content_options_add_blocklist(options, "dbl", "dbl.dnsbl.test", MW_BLOCKLIST_DOMAIN,
                                            MW_CONTENT_SEVERITY_BLOCK, NULL) == MW_OK);
    EXPECT(mw_content_options_add_blocklist_code(options, "dbl", "127.0.1.2", "spam domain", NULL) == MW_OK);
    EXPECT(mw_content_options_add_blocklist(options, "ipbl", "ip.dnsbl.test", MW_BLOCKLIST_IP,
                                            MW_CONTENT_SEVERITY_REVIEW, NULL) == MW_OK);
    EXPECT(mw_content_check(&report, links_message, sizeof links_message - 1, options, NULL) == MW_OK);
    EXPECT(mw_content_report_verdict(report) == MW_CONTENT_BLOCK);
    EXPECT(mw_content_report_has_finding(report, "link.listed"));
    EXPECT(mw_content_report_has_finding(report, "dnsbl.refused"));
    link = link_to(report, "spam-site.example");
    EXPECT(link != NULL && mw_content_link_listed_count(link) == 1);
    EXPECT(link != NULL && strcmp(mw_content_link_listed_get(link, 0), "dbl: spam domain") == 0);
    EXPECT(link != NULL && strcmp(mw_content_link_source(link), "text") == 0);
    link = link_to(report, "www.refused-site.example");
    EXPECT(link != NULL && mw_content_link_listed_count(link) == 0 && mw_content_link_unknown_count(link) >= 1);
    EXPECT(link != NULL && strcmp(mw_content_link_unknown_get(link, 0), "dbl") == 0);
    link = link_to(report, "203.0.113.10");
    EXPECT(link != NULL && mw_content_link_listed_count(link) == 1);
    link = link_to(report, "clean-site.example");
    EXPECT(link != NULL && mw_content_link_listed_count(link) == 0 && mw_content_link_unknown_count(link) == 0);
    EXPECT(mw_content_link_listed_get(link, 5)[0] == '\0');
    EXPECT(mw_content_report_has_spam_score(report) == 0);
    EXPECT(mw_content_report_sanitized_html(report) == NULL);
    EXPECT(mw_content_report_to_json(&json, report, NULL) == MW_OK);
    EXPECT(json != NULL && strstr(json, "\"verdict\":\"block\"") != NULL);
    EXPECT(json != NULL && strstr(json, "dbl: spam domain") != NULL);
    mw_string_free(json);
    mw_content_report_free(report);
    mw_content_options_free(options);
}

static void test_html(void) {
    static const char dirty[] = "<p onmouseover=x()>hi<iframe src=//evil></iframe></p>";
    mw_content_report *report = NULL;
    const char *safe;
    char *html = NULL, *text = NULL;
    EXPECT(mw_content_check(&report, html_message, sizeof html_message - 1, NULL, NULL) == MW_OK);
    EXPECT(mw_content_report_verdict(report) == MW_CONTENT_REVIEW);
    EXPECT(mw_content_report_has_finding(report, "html.only"));
    safe = mw_content_report_sanitized_html(report);
    EXPECT(safe != NULL && strstr(safe, "<script") == NULL && strstr(safe, "onclick") == NULL);
    EXPECT(safe != NULL && strstr(safe, "https://clean-site.example/news") != NULL);
    EXPECT(mw_content_report_text_alternative(report) != NULL &&
           strstr(mw_content_report_text_alternative(report), "Hello Ann") != NULL);
    EXPECT(mw_content_report_finding_severity(report, 1000) == -1);
    EXPECT(mw_content_report_finding_id(report, 1000)[0] == '\0');
    mw_content_report_free(report);

    EXPECT(mw_sanitize_html(&html, &text, dirty, sizeof dirty - 1, NULL) == MW_OK);
    EXPECT(html != NULL && strstr(html, "hi") != NULL && strstr(html, "iframe") == NULL &&
           strstr(html, "onmouseover") == NULL);
    EXPECT(text != NULL && strstr(text, "hi") != NULL);
    mw_string_free(html);
    mw_string_free(text);
    html = NULL;
    EXPECT(mw_sanitize_html(&html, NULL, "", 0, NULL) == MW_OK);
    mw_string_free(html);
    EXPECT(mw_sanitize_html(NULL, NULL, "x", 1, NULL) == MW_EINVAL);
    EXPECT(mw_sanitize_html(&html, NULL, NULL, 1, NULL) == MW_EINVAL);
}

static void test_null_arguments(void) {
    mw_content_report *report = NULL;
    mw_error *err = NULL;
    char *json = NULL;
    EXPECT(mw_content_check(NULL, "x", 1, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_content_check(&report, NULL, 3, NULL, NULL) == MW_EINVAL);
    EXPECT(mw_content_check(&report, "", 0, NULL, &err) == MW_EINVAL);
    EXPECT(err != NULL && strstr(mw_error_message(err), "empty") != NULL);
    mw_error_free(err);
    EXPECT(report == NULL);
    EXPECT(mw_content_report_verdict(NULL) == -1);
    EXPECT(mw_content_report_finding_count(NULL) == 0 && mw_content_report_link_count(NULL) == 0);
    EXPECT(mw_content_report_link_get(NULL, 0) == NULL);
    EXPECT(mw_content_link_url(NULL)[0] == '\0' && mw_content_link_obfuscated(NULL) == 0);
    EXPECT(mw_content_report_has_finding(NULL, "x") == 0);
    EXPECT(mw_content_report_to_json(&json, NULL, NULL) == MW_EINVAL);
    mw_content_report_free(NULL);
}

int main(void) {
    const char *dns = getenv("MW_TEST_DNS");
    mw_resolver *resolver;
    test_options();
    test_null_arguments();
    test_html();
    EXPECT(dns != NULL && *dns != '\0'); /* run through run-with-unbound.sh */
    if (dns != NULL && *dns != '\0') {
        resolver = open_resolver();
        test_blocklists(resolver);
        mw_resolver_free(resolver);
    }
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
