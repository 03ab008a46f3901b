/* The expectation counter shared by the C ABI tests: EXPECT records and
 * reports a failed condition without stopping, and the program ends with the
 * "N passed, N failed" line. */
#ifndef MW_TEST_EXPECT_H
#define MW_TEST_EXPECT_H

#include <stdio.h>

static int failures = 0;
static int checks = 0;

#define EXPECT(cond)                                                                       \
    do {                                                                                   \
        ++checks;                                                                          \
        if (!(cond)) {                                                                     \
            ++failures;                                                                    \
            fprintf(stderr, "%s:%d: expectation failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                                  \
    } while (0)

#endif /* MW_TEST_EXPECT_H */
