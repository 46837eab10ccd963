/* The core of `crlm batch`, apart from its command line so the fuzz target (fuzz/batch_lines.c)
 * runs the very code the command runs: JSON Lines in, one record out per input line. */
#ifndef CRLM_CLI_BATCH_H
#define CRLM_CLI_BATCH_H

#include <stdbool.h>

#include "crlm/buf.h"
#include "crlm/error.h"
#include "crlm/lines.h"
#include "crlm/profile.h"

typedef struct crlm_cli_batch {
    const crlm_profile *profile;
    /* Writes out and empties it; false stops the batch (after the callback said why). */
    bool (*flush)(void *ctx, crlm_buf *out);
    void *ctx;
    crlm_buf out;      /* records not yet flushed; owned, freed by crlm_cli_batch_free */
    crlm_errors errs;  /* scratch, owned */
    bool any_invalid;  /* a line was not a valid case */
    long records;      /* records written */
} crlm_cli_batch;

/* Bytes of records buffered before a flush. */
#define CRLM_CLI_BATCH_FLUSH_BYTES ((size_t)1 << 16)

/* Every line of r as one record each: a crlm-report/1 object for a valid case, a crlm-error/1
 * object naming source and the line otherwise (a line over the limit, a NUL byte, bad JSON,
 * an invalid case); blank lines (spaces, tabs, CRs only) give none. Flushes as it goes and at
 * the end. False when a flush failed or the input could not be read (reported on stderr). */
bool crlm_cli_batch_lines(crlm_cli_batch *b, crlm_lines *r, const char *source);
/* One crlm-error/1 record (line 0) for an input that could not be opened at all, flushed;
 * false when the flush failed. */
bool crlm_cli_batch_file_error(crlm_cli_batch *b, const char *source, const char *expected,
                               const char *found);
void crlm_cli_batch_free(crlm_cli_batch *b);

#endif
