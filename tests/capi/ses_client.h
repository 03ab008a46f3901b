/* An SES client for the local peers, shared by the C ABI tests that talk to
 * them: explicit (example) credentials, plain HTTP, two attempts. Include
 * after expect.h. */
#ifndef MW_TEST_SES_CLIENT_H
#define MW_TEST_SES_CLIENT_H

#include <mailwarden.h>

#include <stdio.h>
#include <stdlib.h>

#define SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

/* rate_limit 0 turns the send pacer (and its GetAccount) off. The peers
 * know SECRET for AKIDEXAMPLE and refuse any other signature. */
static mw_ses_client *open_client_with_secret(const char *endpoint, int rate_limit, const char *secret) {
    mw_ses_options *o = NULL;
    mw_ses_client *c = NULL;
    mw_error *err = NULL;
    EXPECT(mw_ses_options_new(&o, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_region(o, "us-east-1", NULL) == MW_OK);
    EXPECT(mw_ses_options_set_endpoint(o, endpoint, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_allow_plaintext(o, 1, NULL) == MW_OK);
    EXPECT(mw_ses_options_set_credentials(o, "AKIDEXAMPLE", secret, NULL, NULL) == MW_OK);
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

static mw_ses_client *open_client(const char *endpoint, int rate_limit) {
    return open_client_with_secret(endpoint, rate_limit, SECRET);
}

/* The exit status of a program whose remaining checks need peers that are
 * not there (named in what): the failures of the checks that did run are
 * reported, never thrown away; with none, the rest is skipped (77) when run
 * by hand, and failed under MW_REQUIRE_PEERS (scripts/test). */
static int missing_peers(const char *what) {
    const char *required = getenv("MW_REQUIRE_PEERS");
    fprintf(stderr, "%s are not running: run through the scripts in tests/peers, as ctest does\n", what);
    printf("%d checks, %d failures (the checks needing peers did not run)\n", checks, failures);
    if (failures != 0 || (required != NULL && *required != '\0')) return 1;
    return 77;
}

#endif /* MW_TEST_SES_CLIENT_H */
