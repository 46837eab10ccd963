/* Shared plumbing of the subcommands (see cli_util.h). */
#define _DEFAULT_SOURCE /* madvise */
#include "cli/cli_util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#if defined(__GLIBC__)
#include <malloc.h>
#include <stdint.h>
#include <sys/mman.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "crlm/case_read.h"
#include "crlm/profile_read.h"

FILE *crlm_cli_open_input(const char *path)
{
    if (strcmp(path, "-") == 0)
        return stdin;
    FILE *f = fopen(path, "rb");
    int err = errno;
    if (f) {
        /* fopen opens a directory for reading on Linux; the first read would then fail as an
         * I/O error, when the mistake is the caller's. */
        struct stat st;
        if (fstat(fileno(f), &st) != 0 || !S_ISDIR(st.st_mode))
            return f;
        fclose(f);
        err = EISDIR;
    }
    crlm_cli_error("%s: cannot open: %s", path, strerror(err));
    errno = err;
    return NULL;
}

bool crlm_cli_read_file(const char *path, size_t max, char **data, size_t *len, bool *input_error)
{
    *data = NULL;
    *len = 0;
    *input_error = false;
    FILE *f = crlm_cli_open_input(path);
    if (!f) {
        *input_error = true;
        return false;
    }
    /* The buffer holds cap bytes of input and a NUL. It grows by doubling but never past
     * max + 1 bytes of input: reading the byte after the limit is how an input over the limit
     * is told, so /dev/zero costs the limit and no more. A regular file's size is the first
     * guess, so the usual case is one allocation. */
    size_t cap = 4096;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 0 &&
        (uintmax_t)st.st_size < max)
        cap = (size_t)st.st_size + 1;
    if (cap > max + 1)
        cap = max + 1;
    size_t n = 0;
    char *buf = malloc(cap + 1);
    bool ok = buf != NULL, nomem = buf == NULL;
    while (ok) {
        if (n == cap) {
            if (cap > max) {
                *input_error = true;
                crlm_cli_error("%s: expected at most %zu bytes, found more", path, max);
                ok = false;
                break;
            }
            size_t ncap = cap <= (max + 1) / 2 ? cap * 2 : max + 1;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                ok = false;
                nomem = true;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                crlm_cli_error("%s: read error: %s", path, strerror(errno));
                ok = false;
            }
            break;
        }
    }
    if (nomem)
        crlm_cli_error("%s: out of memory", path);
    if (f != stdin)
        fclose(f);
    if (!ok) {
        free(buf);
        return false;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return true;
}

void crlm_cli_error(const char *fmt, ...)
{
    int saved = errno;
    char text[4096], line[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    size_t len = n < 0 ? 0 : (size_t)n < sizeof text ? (size_t)n : sizeof text - 1;
    crlm_error_escape(line, sizeof line, text, len);
    fprintf(stderr, "%s\n", line);
    errno = saved;
}

void crlm_cli_print_error(FILE *f, const char *source, const crlm_error *e)
{
    /* Room for every field (crlm_error_format never cuts a character in half); the source is
     * a file name from the command line, escaped like the rest. */
    char line[4096], src[1024];
    crlm_error_format(e, line, sizeof line);
    crlm_error_escape(src, sizeof src, source, strlen(source));
    fprintf(f, "%s: %s\n", src, line);
}

void crlm_cli_print_errors(FILE *f, const char *source, const crlm_errors *e)
{
    for (size_t i = 0; i < e->count; i++)
        crlm_cli_print_error(f, source, &e->items[i]);
    if (e->dropped) {
        char src[1024];
        crlm_error_escape(src, sizeof src, source, strlen(source));
        fprintf(f, "%s: ... and %zu more errors\n", src, e->dropped);
    }
}

/* Prints why a reader refused path; the exit status (1 out of memory, 2 invalid input). */
static int reader_failed(const char *path, crlm_status st, const crlm_errors *errs)
{
    crlm_cli_print_errors(stderr, path, errs);
    if (st == CRLM_E_NOMEM)
        crlm_cli_error("%s: out of memory", path);
    return st == CRLM_E_NOMEM ? 1 : 2;
}

crlm_case *crlm_cli_read_case(const char *path, const crlm_profile *p, int *status)
{
    char *text;
    size_t len;
    bool input_error;
    *status = 0;
    if (!crlm_cli_read_file(path, CRLM_CASE_MAX_BYTES, &text, &len, &input_error)) {
        *status = input_error ? 2 : 1;
        return NULL;
    }
    crlm_errors errs = {0};
    crlm_case *c = NULL;
    crlm_status st = crlm_case_read(text, len, p, &c, &errs);
    free(text);
    if (st != CRLM_OK)
        *status = reader_failed(path, st, &errs);
    crlm_errors_free(&errs);
    return c;
}

crlm_profile *crlm_cli_load_profile(const char *path, int *status)
{
    *status = 0;
    if (!path) {
        crlm_profile *p = crlm_profile_default_new();
        if (!p) {
            crlm_cli_error("crlm: out of memory loading the default profile");
            *status = 1;
        }
        return p;
    }
    char *text;
    size_t len;
    bool input_error;
    if (!crlm_cli_read_file(path, 1u << 20, &text, &len, &input_error)) {
        *status = input_error ? 2 : 1;
        return NULL;
    }
    crlm_errors errs = {0};
    crlm_profile *p = NULL;
    crlm_status st = crlm_profile_read(text, len, &p, &errs);
    free(text);
    if (st != CRLM_OK)
        *status = reader_failed(path, st, &errs);
    crlm_errors_free(&errs);
    return p;
}

/* Set once a failed write to stdout was reported, so it is reported once. */
static bool stdout_failed;

bool crlm_cli_write_stdout(const crlm_buf *b)
{
    if (b->failed) {
        crlm_cli_error("crlm: out of memory while writing the output");
        return false;
    }
    if (stdout_failed)
        return false;
    if ((b->len && fwrite(b->data, 1, b->len, stdout) != b->len) || fflush(stdout) != 0) {
        crlm_cli_stdout_failed(errno);
        return false;
    }
    return true;
}

void crlm_cli_stdout_failed(int err)
{
    if (!stdout_failed)
        crlm_cli_error("crlm: cannot write the standard output: %s", strerror(err));
    stdout_failed = true;
}

int crlm_cli_finish(int rc)
{
    /* The flush reports a buffered write that fails now; the close, what a file system
     * reports only then (NFS, quotas). A descriptor the caller closed (`>&-`) costs nothing
     * when nothing was written to it: the flush had nothing to send. */
    errno = 0;
    bool bad = fflush(stdout) != 0 || ferror(stdout) != 0;
    int err = errno;
    if (fclose(stdout) != 0 && errno != EBADF && !bad) {
        bad = true;
        err = errno;
    }
    if (bad || stdout_failed) {
        crlm_cli_stdout_failed(err ? err : EIO);
        return 1;
    }
    return rc;
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
