/* A streaming line reader with a length limit, for JSON Lines (`crlm batch`).
 *
 * Lines are read by length, never by strlen: a NUL byte is an ordinary byte of its line, so a
 * line holding one is still a line (and its reader sees every byte of it). A line ends at LF;
 * a CR just before the LF (or before the end of the input) is dropped, so CRLF files read as
 * LF files; a last line without a line end counts. A line longer than the limit is returned
 * once, flagged, with its length, and the reader goes on at the next line: memory stays at the
 * limit whatever the input. Reading a file never waits for more input than the current line,
 * so a producer can feed cases one at a time. A reader: it sits in the io layer. */
#ifndef CRLM_LINES_H
#define CRLM_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "crlm/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct crlm_lines crlm_lines;

typedef struct crlm_line {
    const char *text; /* the line without its line end, followed by a NUL; may hold NUL bytes;
                         owned by the reader, valid until the next call; NULL when too_long */
    size_t len;       /* its length in bytes (the whole line's, when too_long; saturates) */
    long number;      /* 1-based line number */
    bool too_long;    /* longer than the reader's limit: text is NULL */
} crlm_line;

/* A reader of fp (not closed by the reader), or of len bytes at data (not copied: they must
 * outlive the reader), with lines of at most max_line bytes (line end excluded). On success
 * *out owns a new reader (free with crlm_lines_close); CRLM_E_NOMEM or CRLM_E_ARGUMENT. */
crlm_status crlm_lines_open_file(crlm_lines **out, FILE *fp, size_t max_line);
crlm_status crlm_lines_open_memory(crlm_lines **out, const char *data, size_t len,
                                   size_t max_line);
/* The next line into *line: true, or false at the end of the input or after a read error
 * (crlm_lines_status then tells them apart). Blank lines are lines too. */
bool crlm_lines_next(crlm_lines *r, crlm_line *line);
/* CRLM_OK, or CRLM_E_IO once a read failed (errno is left as the failed read set it). */
crlm_status crlm_lines_status(const crlm_lines *r);
/* The reader's line limit (max_line as opened). */
size_t crlm_lines_max(const crlm_lines *r);
/* A line holding only spaces, tabs and CRs (or nothing): what `crlm batch` skips. */
bool crlm_line_blank(const crlm_line *line);
void crlm_lines_close(crlm_lines *r);

#ifdef __cplusplus
}
#endif
#endif
