#include <mailwarden.h>

#include <stdio.h>
#include <string.h>

int main(void) {
    mw_address_result *r = NULL;
    if (mw_address_check(&r, "a@iana.org", 10, NULL, NULL) != MW_OK) return 1;
    printf("%s %s\n", mw_version(), mw_address_result_normalized(r));
    int ok = mw_address_result_verdict(r) == MW_ADDRESS_VALID;
    mw_address_result_free(r);
    return ok ? 0 : 1;
}
