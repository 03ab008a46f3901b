/* EXPECT for threads: the counters of expect.h are plain ints, so checks
 * made on other threads report through one lock. Needs pthreads. */
#ifndef MW_TEST_EXPECT_LOCKED_H
#define MW_TEST_EXPECT_LOCKED_H

#include <pthread.h>
#include <stdio.h>

#include "expect.h"

static pthread_mutex_t report_lock = PTHREAD_MUTEX_INITIALIZER;

static void expect_locked(int ok, const char *what) {
    pthread_mutex_lock(&report_lock);
    ++checks;
    if (!ok) {
        ++failures;
        fprintf(stderr, "expectation failed in a thread: %s\n", what);
    }
    pthread_mutex_unlock(&report_lock);
}

#endif /* MW_TEST_EXPECT_LOCKED_H */
