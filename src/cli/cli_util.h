/* What every subcommand needs: reading inputs within limits, printing errors in the one
 * format the spec fixes (`FILE: /pointer: expected ..., found ...`), loading a profile, and
 * writing a finished output in one piece. */
#ifndef CRLM_CLI_UTIL_H
#define CRLM_CLI_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "crlm/buf.h"
#include "crlm/error.h"
#include "crlm/profile.h"

/* Reads a whole file ("-" is standard input) of at most max bytes. On success *data is a
 * malloc'd NUL-terminated copy the caller frees. On failure prints why and returns false;
 * *too_large tells an input error (over the limit, or no such file) from an I/O failure. */
bool crlm_cli_read_file(const char *path, size_t max, char **data, size_t *len, bool *too_large);
/* Splits a comma-separated option value in place into at most `max` items; returns the count,
 * or 0 when an item is empty or there are too many. */
size_t crlm_cli_split_list(char *s, const char **items, size_t max);
/* Prints each error as "SOURCE: /pointer: expected X, found Y" (or line and column). */
void crlm_cli_print_errors(FILE *f, const char *source, const crlm_errors *e);
/* The profile named by path, or the built-in default when path is NULL. Prints errors and
 * returns NULL on failure; *status is the exit code to use (2 invalid, 1 failure). */
crlm_profile *crlm_cli_load_profile(const char *path, int *status);
/* Writes the buffer to a new file via a temporary name and a rename, so a failed run never
 * leaves half a file; false (after printing why) on failure. */
bool crlm_cli_write_file(const char *path, const crlm_buf *b);
/* Prepares the heap of a process that will allocate, free and reallocate column-sized arrays
 * (survival analysis): freed memory is kept for reuse instead of being returned to the system,
 * and about `expected_bytes` of heap are marked for transparent huge pages, so the arrays fault
 * in by 2 MiB instead of 4 KiB (half the run time on 10^6 rows under a hypervisor). Only the
 * front door may do this: it changes the whole process. No-op where unsupported. */
void crlm_cli_prepare_heap(size_t expected_bytes);
/* Writes the buffer to stdout and flushes; false (after printing why) on failure. */
bool crlm_cli_write_stdout(const crlm_buf *b);

#endif
