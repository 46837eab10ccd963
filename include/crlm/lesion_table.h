/* RECIST for a cohort from its lesion table: a CSV reader that groups rows by patient, builds
 * each patient's studies and judges them with the response engine (crlm/recist.h). A cohort
 * layer: above the CSV reader and the response module, below the front doors. */
#ifndef CRLM_LESION_TABLE_H
#define CRLM_LESION_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "crlm/buf.h"
#include "crlm/csv.h"
#include "crlm/error.h"
#include "crlm/profile.h"
#include "crlm/recist.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The long table trial and registry data come in (the shape of CDISC SDTM TU/TR exports):
 *   patient_id,date,lesion_id,organ,role,nodal,diameter_mm,status,baseline
 * one row per patient, study date and lesion; the header names the columns (any order, other
 * columns ignored). A patient's rows are contiguous; the patient is judged when the next
 * patient begins, so memory is bounded by one patient's rows. See docs/response.md. */

typedef struct crlm_lesion_table_options {
    bool jsonl;              /* JSON Lines, one object per patient; else CSV */
    bool waterfall;          /* keep (best change, best response) per patient for the SVG */
    /* Patient ids come in strictly increasing byte order (SDTM exports sorted by USUBJID): a
     * split patient is then caught by comparing with the previous id, in constant memory.
     * Otherwise a set of 64-bit hashes of the finished ids (16 bytes a patient) catches it. */
    bool sorted_ids;
    /* Called with the output buffer whenever it holds at least 64 KiB, and once at the end;
     * it must consume (and may reset) the buffer. Returns false to stop with E_IO. */
    bool (*flush)(void *ctx, crlm_buf *out);
    /* Called for each bad row: e->line, e->expected, e->found; e->pointer holds the patient
     * id. May be NULL. */
    void (*error)(void *ctx, const crlm_error *e);
    void *ctx;
} crlm_lesion_table_options;

typedef struct crlm_lesion_table_summary {
    size_t rows, patients, patients_with_errors;
    size_t n_waterfall;
    crlm_waterfall_point *waterfall; /* owned by the summary (malloc'd); see _summary_free */
} crlm_lesion_table_summary;

/* Reads every record of `csv` (the reader stays the caller's) and writes the per-patient
 * results through opt->flush. Bad rows mark their patient (an error record in the output and
 * a call of opt->error), never the whole table. Returns CRLM_OK when the table was read to the
 * end (even with bad patients: see summary->patients_with_errors), E_SYNTAX/E_LIMIT when the
 * CSV itself is broken (the rest cannot be read), E_MISSING for a header without the required
 * columns, E_IO when flush failed, E_NOMEM. */
crlm_status crlm_lesion_table_run(crlm_csv_reader *csv, const crlm_profile *p,
                                  const crlm_lesion_table_options *opt,
                                  crlm_lesion_table_summary *summary);
/* Convenience over a memory buffer: the output is appended to `out` (no flush callback
 * needed), errors to `errors`. For tests and the fuzz target. */
crlm_status crlm_lesion_table_run_memory(const char *data, size_t len, const crlm_profile *p,
                                         bool jsonl, crlm_buf *out, crlm_errors *errors,
                                         crlm_lesion_table_summary *summary);
void crlm_lesion_table_summary_free(crlm_lesion_table_summary *s); /* NULL-safe */

#ifdef __cplusplus
}
#endif
#endif
