/* Reading a whole file, shared by the C ABI tests. */
#ifndef MW_TEST_READ_FILE_H
#define MW_TEST_READ_FILE_H

#include <stdio.h>
#include <stdlib.h>

/* The whole file at path, NUL-terminated (free()), its size in *length
 * (length may be NULL); NULL when unreadable. */
static char *read_file(const char *path, size_t *length) {
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long size;
    if (f == NULL) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        data = (char *)malloc((size_t)size + 1);
        if (data != NULL && fread(data, 1, (size_t)size, f) != (size_t)size) {
            free(data);
            data = NULL;
        }
        if (data != NULL) {
            data[size] = '\0';
            if (length != NULL) *length = (size_t)size;
        }
    }
    fclose(f);
    return data;
}

#endif /* MW_TEST_READ_FILE_H */
