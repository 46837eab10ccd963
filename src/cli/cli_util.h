/* What every subcommand needs: opening and reading inputs within limits, printing errors in
 * the one format the spec fixes (`FILE: /pointer: expected ..., found ...`), loading a
 * profile, and writing standard output (files go through cli_output.h). */
#ifndef CRLM_CLI_UTIL_H
#define CRLM_CLI_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "crlm/buf.h"
#include "crlm/case.h"
#include "crlm/error.h"
#include "crlm/profile.h"

/* Opens an input ("-" is standard input). On failure prints why, leaves errno saying why
 * (EISDIR for a directory) and returns NULL: a missing, unreadable or directory input is the
 * caller's input error (exit 2). */
FILE *crlm_cli_open_input(const char *path);
/* Reads a whole input (as crlm_cli_open_input) of at most max bytes, never holding more than
 * max + 2 bytes of memory for it. On success *data is a malloc'd NUL-terminated copy the
 * caller frees. On failure prints why and returns false; *input_error tells an input error
 * (exit 2: no such file, a directory, over the limit) from a failure (exit 1). */
bool crlm_cli_read_file(const char *path, size_t max, char **data, size_t *len, bool *input_error);
/* Splits a comma-separated option value in place into at most `max` items; returns the count,
 * or 0 when an item is empty or there are too many. */
size_t crlm_cli_split_list(char *s, const char **items, size_t max);
/* Prints one diagnostic line on stderr: the formatted text escaped as crlm_error_escape does,
 * so a file name or a value quoted in it can never break the line or reach the terminal as a
 * control sequence, then a line end. Every message of the front door goes through it. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void crlm_cli_error(const char *fmt, ...);
/* The one printer of input errors: "SOURCE: /pointer: expected X, found Y" (or line and
 * column), one error a line whatever the texts hold (crlm_error_format escapes them). */
void crlm_cli_print_error(FILE *f, const char *source, const crlm_error *e);
void crlm_cli_print_errors(FILE *f, const char *source, const crlm_errors *e);
/* The case in the file at path ("-" is standard input), read as every command reads one; on
 * failure prints why and returns NULL with *status the exit code (2 invalid, 1 failure). The
 * caller frees the case. */
crlm_case *crlm_cli_read_case(const char *path, const crlm_profile *p, int *status);
/* The profile named by path, or the built-in default when path is NULL. Prints errors and
 * returns NULL on failure; *status is the exit code to use (2 invalid, 1 failure). */
crlm_profile *crlm_cli_load_profile(const char *path, int *status);
/* Prepares the heap of a process that will allocate, free and reallocate column-sized arrays
 * (survival analysis): freed memory is kept for reuse instead of being returned to the system,
 * and about `expected_bytes` of heap are marked for transparent huge pages, so the arrays fault
 * in by 2 MiB instead of 4 KiB (half the run time on 10^6 rows under a hypervisor). Only the
 * front door may do this: it changes the whole process. No-op where unsupported. */
void crlm_cli_prepare_heap(size_t expected_bytes);
/* Writes the buffer to stdout and flushes; false (after printing why, once) on failure. */
bool crlm_cli_write_stdout(const crlm_buf *b);
/* Reports a failed write to stdout (errno value err), once per process. */
void crlm_cli_stdout_failed(int err);
/* Closes stdout and returns rc, or 1 after a message when anything written to it was lost
 * (a full disk, /dev/full, a closed descriptor): main's last call, for every command. */
int crlm_cli_finish(int rc);

#endif
