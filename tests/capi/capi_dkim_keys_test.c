/* DKIM keys kept as files through the C ABI, from plain C99: a registry whose
 * local transport signs with them (mw_registry_options_set_dkim_keys), the
 * mail checked with mw_message_check, and the domain report listing and
 * checking each selector's record (mw_domain_check_with_keys) — against
 * unbound serving the RFC 8463 keys of football.example.com (MW_TEST_DNS). */
#define _POSIX_C_SOURCE 200809L
#include <mailwarden.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "expect.h"

/* The Ed25519 private key of RFC 8463 Appendix A.2 as PKCS#8; its public key
 * is what brisbane._domainkey.football.example.com publishes. */
static const char rfc8463_ed25519_pem[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
    "-----END PRIVATE KEY-----\n";

static const int64_t start = 1796000000; /* 2026-11-30 */

static char root[64];

static void write_text(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    EXPECT(f != NULL);
    if (f == NULL) return;
    fputs(text, f);
    fclose(f);
}

static void key_file(char *path, size_t size, const char *folder, const char *selector) {
    snprintf(path, size, "%s/%s/football.example.com/%s.pem", root, folder, selector);
}

static void make_folder(const char *folder, const char *const *selectors, size_t count) {
    char path[256];
    size_t i;
    snprintf(path, sizeof path, "%s/%s", root, folder);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/%s/football.example.com", root, folder);
    mkdir(path, 0700);
    for (i = 0; i < count; ++i) {
        key_file(path, sizeof path, folder, selectors[i]);
        write_text(path, rfc8463_ed25519_pem);
    }
}

static mw_resolver *open_resolver(void) {
    mw_resolver_options *options = NULL;
    mw_resolver *resolver = NULL;
    EXPECT(mw_resolver_options_new(&options, NULL) == MW_OK);
    EXPECT(mw_resolver_options_add_server(options, getenv("MW_TEST_DNS"), NULL) == MW_OK);
    EXPECT(mw_resolver_open(&resolver, options, NULL) == MW_OK);
    mw_resolver_options_free(options);
    return resolver;
}

static const mw_domain_record *record_named(const mw_domain_report *report, const char *name) {
    size_t i;
    for (i = 0; i < mw_domain_report_record_count(report); ++i) {
        const mw_domain_record *record = mw_domain_report_record_get(report, i);
        if (strcmp(mw_domain_record_name(record), name) == 0) return record;
    }
    return NULL;
}

static int has_finding(const mw_domain_report *report, const char *id) {
    size_t i;
    for (i = 0; i < mw_domain_report_finding_count(report); ++i)
        if (strcmp(mw_domain_finding_id(mw_domain_report_finding_get(report, i)), id) == 0) return 1;
    return 0;
}

static void test_domain_report(mw_resolver *resolver) {
    static const char *const selectors[3] = {"brisbane", "test", "unpublished"};
    mw_domain_report *report = NULL;
    const mw_domain_record *record;
    mw_error *err = NULL;
    char folder[160], path[256];

    make_folder("report", selectors, 3);
    snprintf(folder, sizeof folder, "%s/report", root);
    EXPECT(mw_domain_check_with_keys(&report, resolver, "football.example.com", NULL, NULL, 0, NULL, folder, &err) ==
           MW_OK);
    EXPECT(err == NULL);
    record = record_named(report, "brisbane._domainkey.football.example.com");
    EXPECT(record != NULL && strcmp(mw_domain_record_type(record), "TXT") == 0);
    EXPECT(record != NULL && mw_domain_record_status(record) == MW_RECORD_OK);
    EXPECT(record != NULL && strstr(mw_domain_record_value(record), "k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=") != NULL);
    record = record_named(report, "test._domainkey.football.example.com");
    EXPECT(record != NULL && mw_domain_record_status(record) == MW_RECORD_MISMATCH); /* an RSA key is there */
    EXPECT(record != NULL && mw_domain_record_found_count(record) == 1);
    record = record_named(report, "unpublished._domainkey.football.example.com");
    EXPECT(record != NULL && mw_domain_record_status(record) == MW_RECORD_MISSING);
    EXPECT(has_finding(report, "dkim.key_mismatch") && has_finding(report, "dkim.key_missing"));
    EXPECT(mw_domain_report_verdict(report) == MW_VERDICT_FAIL);
    mw_domain_report_free(report);
    report = NULL;

    /* Another domain's keys are not listed; no folder is the plain report. */
    EXPECT(mw_domain_check_with_keys(&report, resolver, "example.org", NULL, NULL, 0, NULL, folder, NULL) == MW_OK);
    EXPECT(record_named(report, "brisbane._domainkey.example.org") == NULL);
    mw_domain_report_free(report);
    report = NULL;
    EXPECT(mw_domain_check_with_keys(&report, resolver, "football.example.com", NULL, NULL, 0, NULL, NULL, NULL) ==
           MW_OK);
    EXPECT(record_named(report, "brisbane._domainkey.football.example.com") == NULL);
    EXPECT(has_finding(report, "dkim.no_tokens"));
    mw_domain_report_free(report);
    report = NULL;

    key_file(path, sizeof path, "report", "broken");
    write_text(path, "not a key\n");
    EXPECT(mw_domain_check_with_keys(&report, resolver, "football.example.com", NULL, NULL, 0, NULL, folder, &err) ==
           MW_EINVAL);
    EXPECT(report == NULL);
    EXPECT(err != NULL && strstr(mw_error_message(err), "broken.pem") != NULL);
    mw_error_free(err);
    EXPECT(mw_domain_check_with_keys(NULL, resolver, "football.example.com", NULL, NULL, 0, NULL, folder, NULL) ==
           MW_EINVAL);
    EXPECT(mw_domain_check_with_keys(&report, NULL, "football.example.com", NULL, NULL, 0, NULL, folder, NULL) ==
           MW_EINVAL);
}

static char *read_only_mail(const char *outbox_new) {
    DIR *dir = opendir(outbox_new);
    struct dirent *entry;
    char path[512], *text = NULL;
    long size;
    FILE *f;
    int found = 0;
    EXPECT(dir != NULL);
    if (dir == NULL) return NULL;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "%s/%s", outbox_new, entry->d_name);
        ++found;
    }
    closedir(dir);
    EXPECT(found == 1);
    f = fopen(path, "rb");
    if (f == NULL) return NULL;
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    text = calloc((size_t)size + 1, 1);
    if (text != NULL && fread(text, 1, (size_t)size, f) != (size_t)size) text[0] = '\0';
    fclose(f);
    return text;
}

static mw_registry *open_registry(const char *store, const char *outbox, const char *keys, mw_error **err) {
    mw_registry_options *options = NULL;
    mw_registry *registry = NULL;
    EXPECT(mw_registry_options_new(&options, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_store_path(options, store, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_outbox(options, outbox, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_allow_special_use(options, 1, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_manual_clock(options, start, NULL) == MW_OK);
    EXPECT(mw_registry_options_set_dkim_keys(options, keys, NULL) == MW_OK);
    mw_registry_open(&registry, options, err);
    mw_registry_options_free(options);
    return registry;
}

static void test_signing_registry(mw_resolver *resolver) {
    static const char *const selectors[1] = {"brisbane"};
    const char *to[1] = {"reader@example.net"};
    char keys[160], store[160], outbox[160], outbox_new[200], path[256];
    char *link = NULL, *message = NULL, *id = NULL, *mail;
    mw_registry *registry;
    mw_sender *sender = NULL;
    mw_message_check_options *check_options = NULL;
    mw_message_report *report = NULL;
    const mw_dkim_check *check;
    mw_error *err = NULL;

    make_folder("signing", selectors, 1);
    snprintf(keys, sizeof keys, "%s/signing", root);
    snprintf(store, sizeof store, "%s/registry.db", root);
    snprintf(outbox, sizeof outbox, "%s/outbox", root);
    snprintf(outbox_new, sizeof outbox_new, "%s/new", outbox);
    registry = open_registry(store, outbox, keys, &err);
    EXPECT(registry != NULL && err == NULL);
    if (registry == NULL) return;
    EXPECT(mw_registry_add(&sender, registry, "news@football.example.com", "News", NULL, &err) == MW_OK);
    if (err != NULL) fprintf(stderr, "add: %s\n", mw_error_message(err));
    mw_error_free(err);
    err = NULL;
    mw_sender_free(sender);
    EXPECT(mw_registry_last_link(&link, registry, "news@football.example.com", NULL) == MW_OK);
    EXPECT(mw_registry_confirm(&message, registry, link, NULL) == MW_OK);
    mw_string_free(link);
    mw_string_free(message);
    /* The verification mail is SES's, not the customer's: unsigned. */
    mail = read_only_mail(outbox_new);
    EXPECT(mail != NULL && strstr(mail, "DKIM-Signature") == NULL);
    free(mail);
    snprintf(path, sizeof path, "%s/moved", root);
    mkdir(path, 0700);
    {
        DIR *dir = opendir(outbox_new);
        struct dirent *entry;
        char from[512], into[512];
        while (dir != NULL && (entry = readdir(dir)) != NULL) {
            if (entry->d_name[0] == '.') continue;
            snprintf(from, sizeof from, "%s/%s", outbox_new, entry->d_name);
            snprintf(into, sizeof into, "%s/%s", path, entry->d_name);
            EXPECT(rename(from, into) == 0);
        }
        if (dir != NULL) closedir(dir);
    }

    EXPECT(mw_registry_send(&id, registry, "news@football.example.com", to, 1, "Issue 1", "Hello.", NULL, NULL, NULL) ==
           MW_OK);
    mw_string_free(id);
    mail = read_only_mail(outbox_new);
    EXPECT(mail != NULL && strncmp(mail, "DKIM-Signature:", 15) == 0);
    EXPECT(mw_message_check_options_new(&check_options, NULL) == MW_OK);
    EXPECT(mw_message_check_options_set_resolver(check_options, resolver, NULL) == MW_OK);
    EXPECT(mw_message_check_options_set_now(check_options, start + 60, NULL) == MW_OK);
    if (mail != NULL)
        EXPECT(mw_message_check(&report, mail, strlen(mail), NULL, NULL, NULL, check_options, NULL) == MW_OK);
    EXPECT(mw_message_report_dkim_count(report) == 1);
    check = mw_message_report_dkim_get(report, 0);
    EXPECT(strcmp(mw_dkim_check_result(check), "pass") == 0);
    EXPECT(strcmp(mw_dkim_check_algorithm(check), "ed25519-sha256") == 0);
    EXPECT(strcmp(mw_dkim_check_selector(check), "brisbane") == 0);
    mw_message_report_free(report);
    mw_message_check_options_free(check_options);
    free(mail);
    mw_registry_free(registry);

    /* A key file that is not a key fails the open, naming it. */
    key_file(path, sizeof path, "signing", "broken");
    write_text(path, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    err = NULL;
    registry = open_registry(store, outbox, keys, &err);
    EXPECT(registry == NULL);
    EXPECT(mw_error_code(err) == MW_EINVAL && strstr(mw_error_message(err), "broken.pem") != NULL);
    mw_error_free(err);
    EXPECT(mw_registry_options_set_dkim_keys(NULL, keys, NULL) == MW_EINVAL);
}

int main(void) {
    const char *dns = getenv("MW_TEST_DNS");
    const char *tmp = getenv("TMPDIR");
    mw_resolver *resolver;
    char command[128];
    EXPECT(dns != NULL && *dns != '\0'); /* run through run-with-unbound.sh */
    snprintf(root, sizeof root, "%s/mw-dkim-keys-XXXXXX", tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
    if (dns == NULL || *dns == '\0' || mkdtemp(root) == NULL) return 1;
    resolver = open_resolver();
    test_domain_report(resolver);
    test_signing_registry(resolver);
    mw_resolver_free(resolver);
    snprintf(command, sizeof command, "rm -rf '%s'", root);
    EXPECT(system(command) == 0);
    printf("%d passed, %d failed\n", checks - failures, failures);
    return failures == 0 ? 0 : 1;
}
