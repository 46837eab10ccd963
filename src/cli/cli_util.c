/* Shared plumbing of the subcommands (see cli_util.h). */
#include "cli/cli_util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

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
