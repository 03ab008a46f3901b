/* SQLite files for registries under test, in a private folder that
 * temp_db_cleanup() removes: a real file (journal, WAL, locking) as an
 * application would use, not an in-memory database. Needs
 * _POSIX_C_SOURCE 200809L (mkdtemp). */
#ifndef MW_TEST_TEMP_DB_H
#define MW_TEST_TEMP_DB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char temp_db_dir[64] = "";
static int temp_db_count = 0;

/* A fresh database path (static storage: copy it before the next call);
 * NULL when no folder can be made. */
static const char *temp_db_path(void) {
    static char path[128];
    const char *tmp = getenv("TMPDIR");
    if (temp_db_dir[0] == '\0') {
        snprintf(temp_db_dir, sizeof temp_db_dir, "%s/mw-capi-XXXXXX", tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
        if (mkdtemp(temp_db_dir) == NULL) {
            temp_db_dir[0] = '\0';
            return NULL;
        }
    }
    snprintf(path, sizeof path, "%s/registry-%d.db", temp_db_dir, ++temp_db_count);
    return path;
}

/* Removes every database made (with its -wal and -shm files) and the folder. */
static void temp_db_cleanup(void) {
    static const char *const suffixes[3] = {"", "-wal", "-shm"};
    char path[160];
    int i, k;
    if (temp_db_dir[0] == '\0') return;
    for (i = 1; i <= temp_db_count; ++i)
        for (k = 0; k < 3; ++k) {
            snprintf(path, sizeof path, "%s/registry-%d.db%s", temp_db_dir, i, suffixes[k]);
            unlink(path);
        }
    rmdir(temp_db_dir);
}

#endif /* MW_TEST_TEMP_DB_H */
