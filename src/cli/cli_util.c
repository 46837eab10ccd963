/* Shared plumbing of the subcommands (see cli_util.h). */
#define _DEFAULT_SOURCE /* madvise */
#include "cli/cli_util.h"

#include <errno.h>
#if defined(__GLIBC__)
#include <malloc.h>
#include <stdint.h>
#include <sys/mman.h>
#endif
#include <stdlib.h>
#include <string.h>
#include "crlm/profile_read.h"

bool crlm_cli_read_file(const char *path, size_t max, char **data, size_t *len, bool *too_large)
{
    *data = NULL;
    *len = 0;
    *too_large = false;
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        /* A path that does not name a readable file is the caller's input error. */
        fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
        *too_large = true;
        return false;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    bool ok = buf != NULL;
    while (ok) {
        if (n == cap) {
            if (cap > max) {
                *too_large = true;
                fprintf(stderr, "%s: expected at most %zu bytes, found more\n", path, max);
                ok = false;
                break;
            }
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                ok = false;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                fprintf(stderr, "%s: read error: %s\n", path, strerror(errno));
                ok = false;
            }
            break;
        }
    }
    if (ok && n > max) {
        *too_large = true;
        fprintf(stderr, "%s: expected at most %zu bytes, found %zu\n", path, max, n);
        ok = false;
    }
    if (!is_stdin)
        fclose(f);
    if (!ok) {
        free(buf);
        return false;
    }
    if (n == cap) {
        char *nb = realloc(buf, cap + 1);
        if (!nb) {
            free(buf);
            return false;
        }
        buf = nb;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return true;
}

void crlm_cli_print_errors(FILE *f, const char *source, const crlm_errors *e)
{
    char line[640];
    for (size_t i = 0; i < e->count; i++) {
        crlm_error_format(&e->items[i], line, sizeof line);
        fprintf(f, "%s: %s\n", source, line);
    }
    if (e->dropped)
        fprintf(f, "%s: ... and %zu more errors\n", source, e->dropped);
}

crlm_profile *crlm_cli_load_profile(const char *path, int *status)
{
    *status = 0;
    if (!path) {
        crlm_profile *p = crlm_profile_default_new();
        if (!p) {
            fprintf(stderr, "crlm: out of memory loading the default profile\n");
            *status = 1;
        }
        return p;
    }
    char *text;
    size_t len;
    bool too_large;
    if (!crlm_cli_read_file(path, 1u << 20, &text, &len, &too_large)) {
        *status = too_large ? 2 : 1;
        return NULL;
    }
    crlm_errors errs = {0};
    crlm_profile *p = NULL;
    crlm_status st = crlm_profile_read(text, len, &p, &errs);
    free(text);
    if (st != CRLM_OK) {
        crlm_cli_print_errors(stderr, path, &errs);
        if (st == CRLM_E_NOMEM)
            fprintf(stderr, "%s: out of memory\n", path);
        *status = st == CRLM_E_NOMEM ? 1 : 2;
    }
    crlm_errors_free(&errs);
    return p;
}

bool crlm_cli_write_stdout(const crlm_buf *b)
{
    if (b->failed) {
        fprintf(stderr, "crlm: out of memory while writing the output\n");
        return false;
    }
    if ((b->len && fwrite(b->data, 1, b->len, stdout) != b->len) || fflush(stdout) != 0) {
        fprintf(stderr, "crlm: cannot write the output: %s\n", strerror(errno));
        return false;
    }
    return true;
}

bool crlm_cli_write_file(const char *path, const crlm_buf *b)
{
    if (b->failed) {
        fprintf(stderr, "crlm: out of memory while writing %s\n", path);
        return false;
    }
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (!tmp)
        return false;
    snprintf(tmp, n, "%s.tmp~", path);
    FILE *f = fopen(tmp, "wb");
    bool ok = f && (b->len == 0 || fwrite(b->data, 1, b->len, f) == b->len);
    if (f && fclose(f) != 0)
        ok = false;
    if (ok && rename(tmp, path) != 0)
        ok = false;
    if (!ok) {
        fprintf(stderr, "%s: cannot write: %s\n", path, strerror(errno));
        remove(tmp);
    }
    free(tmp);
    return ok;
}

void crlm_cli_prepare_heap(size_t expected_bytes)
{
#if defined(__GLIBC__)
    /* Everything from the brk heap, never trimmed: freed arrays are reused without new faults. */
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, INT32_MAX);
#if defined(MADV_HUGEPAGE)
    /* Grow the heap once to the expected size, mark that range for huge pages, and give it
     * back to malloc: the flag stays with the addresses, which later allocations reuse.
     * Untouched pages cost nothing, so an overestimate is harmless. */
    const size_t cap = (size_t)8 << 30;
    if (expected_bytes < ((size_t)64 << 20))
        return;
    if (expected_bytes > cap)
        expected_bytes = cap;
    char *p = malloc(expected_bytes);
    if (!p)
        return;
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t start = ((uintptr_t)p + huge - 1) & ~(huge - 1);
    uintptr_t end = ((uintptr_t)p + expected_bytes) & ~(huge - 1);
    if (end > start)
        (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
    free(p);
#endif
#else
    (void)expected_bytes;
#endif
}

size_t crlm_cli_split_list(char *s, const char **items, size_t max)
{
    size_t n = 0;
    char *p = s;
    for (;;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (!*p || n == max)
            return 0;
        items[n++] = p;
        if (!comma)
            return n;
        p = comma + 1;
    }
}
