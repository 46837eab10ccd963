/* A streaming CSV record reader (RFC 4180) for cohort and lesion tables.
 *
 * Why it exists: cohorts can be millions of rows, so the reader never holds more than one
 * record (plus one read chunk) in memory and never allocates per field. Each call to
 * crlm_csv_next returns the fields of one record as (pointer, length) slices into the
 * reader's own buffer; the slices stay valid until the next call or crlm_csv_close.
 *
 * What it accepts: comma-separated fields, optional double-quoted fields that may hold commas,
 * line breaks and doubled quotes (`""` reads as `"`), LF, CRLF or lone CR line ends, a final
 * line with or without a line end, an optional UTF-8 byte order mark. Completely blank lines
 * are skipped (as R's read.csv does). A quote inside an unquoted field, text after a closing
 * quote, or a quote still open at the end of the input is a syntax error naming the line and
 * column. A record longer than max_record_bytes (default 1 MiB) or with more than max_fields
 * fields (default 4096) is an E_LIMIT error: memory never grows without bound.
 *
 * The reader does not interpret values: "NA" and empty fields are data here; the helper
 * crlm_csv_is_missing says what the cohort readers treat as missing.
 *
 * Usage:
 *     crlm_csv_reader *r = NULL;
 *     crlm_errors errs = {0};
 *     if (crlm_csv_open_file(&r, fp, NULL, &errs) != CRLM_OK) ...;
 *     crlm_csv_record rec;
 *     while (crlm_csv_next(r, &rec, &errs) == CRLM_OK && rec.count > 0) {
 *         // rec.fields[i].ptr / .len, rec.line = 1-based line where the record starts;
 *         // rec.quoted[i] is not provided: a quoted empty field "" is still an empty field.
 *     }
 *     crlm_csv_close(r);   // the caller still owns and closes fp
 */
#ifndef CRLM_CSV_H
#define CRLM_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "crlm/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct crlm_csv_field {
    const char *ptr; /* into the reader's buffer; not NUL-terminated */
    size_t len;
} crlm_csv_field;

typedef struct crlm_csv_record {
    const crlm_csv_field *fields; /* owned by the reader, valid until the next call */
    size_t count;                 /* 0 at the end of the input */
    long line;                    /* 1-based line on which the record starts */
} crlm_csv_record;

typedef struct crlm_csv_options {
    size_t max_record_bytes; /* 0 = default 1 MiB */
    size_t max_fields;       /* 0 = default 4096 */
} crlm_csv_options;

typedef struct crlm_csv_reader crlm_csv_reader;

/* Opens a reader over fp (read from its current position; the caller keeps ownership of fp).
 * opt may be NULL for the defaults. On success *out is a reader to free with crlm_csv_close. */
crlm_status crlm_csv_open_file(crlm_csv_reader **out, FILE *fp, const crlm_csv_options *opt,
                               crlm_errors *errors);
/* Opens a reader over len bytes at data (copied chunk by chunk, so data need not be
 * NUL-terminated; it must stay valid while the reader is used). */
crlm_status crlm_csv_open_memory(crlm_csv_reader **out, const char *data, size_t len,
                                 const crlm_csv_options *opt, crlm_errors *errors);
/* Reads the next record. CRLM_OK with rec->count == 0 means the input is finished. Errors:
 * E_SYNTAX (quotes), E_LIMIT (record too long, too many fields), E_IO, E_NOMEM, each added
 * to errors with the line and the 1-based column (field number). After an error the reader
 * stays in the error state and returns the same status. */
crlm_status crlm_csv_next(crlm_csv_reader *r, crlm_csv_record *rec, crlm_errors *errors);
/* NULL-safe. */
void crlm_csv_close(crlm_csv_reader *r);

/* True for the values crlm treats as missing: the empty field and "NA". */
bool crlm_csv_is_missing(const crlm_csv_field *f);

/* Parses a whole field as a finite decimal number (leading/trailing blanks allowed, as are
 * "+1", "1e3", ".5"; "NaN", "Inf", hex and empty are not). Integers and short decimals are
 * converted exactly without strtod; longer ones fall back to strtod, so the result is always
 * the correctly rounded double. Returns false when the field is not such a number. */
bool crlm_csv_parse_double(const char *s, size_t len, double *out);

/* Formats a field for error messages: quoted, escaped as crlm_error_escape does (a NUL byte is
 * \u0000, a byte that is not UTF-8 \xHH), at most ~64 bytes. Writes into buf (size >= 8) and
 * returns buf. */
const char *crlm_csv_field_show(const crlm_csv_field *f, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
