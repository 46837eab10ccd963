/* Cohorts from lesion tables: the long table trial and registry data come in (one row per
 * patient, study date and lesion, the shape of CDISC SDTM TU/TR exports),
 *     patient_id,date,lesion_id,organ,role,nodal,diameter_mm,status,baseline
 * judged patient by patient with the same engine as a case, written as CSV or JSON Lines.
 *
 * Sizes and invariants:
 *   - Streaming. A patient's rows are contiguous; the patient is judged when the next one
 *     begins, so the working set is one patient's rows (at most CRLM_CASE_MAX_STUDIES x
 *     CRLM_CASE_MAX_LESIONS, as for a case) plus the CSV reader's chunk. All per-patient arrays
 *     are reused from patient to patient: no allocation per row, none per patient once the
 *     arrays have grown to the largest patient.
 *   - A patient whose rows are split (an id seen again after another patient) is refused. With
 *     sorted_ids (`--sorted`) that costs nothing: ids must increase, so the previous id is the
 *     only state and memory is independent of the file. Otherwise the set of finished ids is the
 *     only state that grows with the file: a 64-bit FNV-1a hash per patient in an
 *     open-addressing table, 16 bytes per patient at worst. Two different ids sharing a 64-bit
 *     hash would wrongly flag the second (probability about n^2 / 2^65, 3e-8 for a million
 *     patients); documented in docs/response.md.
 *   - A bad row marks its patient (one error record in the output, each bad row reported to
 *     the caller with its line), never the table. A broken CSV (an unclosed quote) cannot be
 *     resynchronised: the current patient is marked, the run stops with the reader's error.
 *
 * Values: dates YYYY-MM-DD, parsed by hand; organ and role as in the case format; `nodal`
 * true/false/1/0/yes/no or empty (derived from the organ); `diameter_mm` a number or empty/NA
 * (not measured); `status` as in the case format, plus `too_small` for a target present but
 * too small to measure; `baseline` true/false/1/0/yes/no or empty (false) marks the study.
 * There is no chemotherapy in the table, so the baseline is the marked study, else the
 * earliest, and progression on/after chemotherapy is not reported. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonw.h"
#include "response/response_internal.h"
#include "crlm/lesion_table.h"

enum {
    COL_PATIENT, COL_DATE, COL_LESION, COL_ORGAN, COL_ROLE, COL_NODAL, COL_DIAMETER, COL_STATUS,
    COL_BASELINE, NCOLS
};
static const char *const col_names[NCOLS] = {"patient_id", "date", "lesion_id", "organ", "role",
                                             "nodal", "diameter_mm", "status", "baseline"};

#define MAX_ROWS ((size_t)CRLM_CASE_MAX_STUDIES * CRLM_CASE_MAX_LESIONS)
#define MAX_IDS 1000
#define FLUSH_AT (64u * 1024u)

typedef struct row {
    long line;
    crlm_date date;
    uint32_t id;           /* interned lesion id */
    uint32_t order;        /* input order, to keep the sort stable */
    crlm_organ organ;
    crlm_role role;
    crlm_tri nodal;
    crlm_lesion_status status;
    double diameter_mm;
    bool too_small, baseline;
} row;

typedef struct idref {
    uint32_t off, len;
    crlm_role role;        /* role at first sight, to refuse a change */
    long line;             /* where it was first seen */
} idref;

typedef struct table {
    const crlm_recist_thresholds *t;
    const crlm_lesion_table_options *opt;
    crlm_lesion_table_summary *sum;
    crlm_buf *out;
    size_t col[NCOLS];
    size_t need_fields;
    /* the current patient */
    char *pid;
    size_t pid_len, pid_cap;
    bool have_patient, bad;
    crlm_error first_error;
    row *rows;
    size_t n_rows, rows_cap;
    char *pool;
    size_t pool_len, pool_cap;
    idref *ids;
    size_t n_ids, ids_cap;
    crlm_lesion *lesions;
    size_t lesions_cap;
    crlm_study *studies;
    size_t studies_cap;
    /* finished patients: the last id (sorted_ids) or the set of hashes */
    char *prev;
    size_t prev_len, prev_cap;
    bool have_prev;
    uint64_t *seen;
    size_t seen_count, seen_cap;
    /* reused result memory */
    crlm__scratch scratch;
    crlm_response *res;
} table;

static bool grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * size);
    if (!q)
        return false;
    *p = q;
    *cap = n;
    return true;
}

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

/* Adds h to the seen set; false when it was there already. *nomem on allocation failure. */
static bool seen_add(table *tb, uint64_t h, bool *nomem)
{
    if ((tb->seen_count + 1) * 2 > tb->seen_cap) {
        size_t cap = tb->seen_cap ? tb->seen_cap * 2 : 1024;
        uint64_t *n = calloc(cap, sizeof *n);
        if (!n) {
            *nomem = true;
            return true;
        }
        for (size_t i = 0; i < tb->seen_cap; i++)
            if (tb->seen[i]) {
                size_t j = (size_t)(tb->seen[i] & (cap - 1));
                while (n[j])
                    j = (j + 1) & (cap - 1);
                n[j] = tb->seen[i];
            }
        free(tb->seen);
        tb->seen = n;
        tb->seen_cap = cap;
    }
    size_t j = (size_t)(h & (tb->seen_cap - 1));
    while (tb->seen[j]) {
        if (tb->seen[j] == h)
            return false;
        j = (j + 1) & (tb->seen_cap - 1);
    }
    tb->seen[j] = h;
    tb->seen_count++;
    return true;
}

/* ---- output ---------------------------------------------------------------------------------- */

static void csv_quoted(crlm_buf *b, const char *s, size_t n)
{
    if (n == 0)
        return; /* s may be NULL (no patient id yet) */
    bool q = false;
    for (size_t i = 0; i < n && !q; i++)
        q = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!q) {
        crlm_buf_append(b, s, n);
        return;
    }
    crlm_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            crlm_buf_putc(b, '"');
        crlm_buf_putc(b, s[i]);
    }
    crlm_buf_putc(b, '"');
}

static void put_date(crlm_buf *b, crlm_date d)
{
    if (!CRLM_DATE_KNOWN(d))
        return;
    char s[11];
    crlm_date_format(d, s);
    crlm_buf_append(b, s, 10);
}

static void put_name(crlm_buf *b, const char *s)
{
    if (s)
        crlm_buf_puts(b, s);
}

/* CSV numbers: empty for unknown (R's read.csv reads it as NA). */
static void csv_tenths(crlm_buf *b, long t)
{
    if (t >= 0)
        crlm__buf_tenths(b, t);
}

static void csv_pct(crlm_buf *b, double x)
{
    if (isfinite(x))
        crlm__buf_pct(b, x);
}


static void json_pid(table *tb)
{
    char tmp[CRLM_CASE_MAX_STRING + 1];
    size_t n = tb->pid_len < CRLM_CASE_MAX_STRING ? tb->pid_len : CRLM_CASE_MAX_STRING;
    if (n)
        memcpy(tmp, tb->pid, n);
    tmp[n] = '\0';
    crlm_buf_json_string(tb->out, tmp);
}

static void write_error_record(table *tb)
{
    crlm_buf *b = tb->out;
    const crlm_error *e = &tb->first_error;
    if (tb->opt->jsonl) {
        crlm_buf_puts(b, "{\"patient_id\":");
        json_pid(tb);
        crlm_buf_printf(b, ",\"error\":{\"line\":%ld,\"expected\":", e->line);
        crlm_buf_json_string(b, e->expected);
        crlm_buf_puts(b, ",\"found\":");
        crlm_buf_json_string(b, e->found);
        crlm_buf_puts(b, "}}\n");
    } else {
        csv_quoted(b, tb->pid, tb->pid_len);
        char msg[400];
        int n = snprintf(msg, sizeof msg, "line %ld: expected %s, found %s", e->line, e->expected,
                         e->found);
        crlm_buf_puts(b, ",error,,,,,,,,,,");
        csv_quoted(b, msg, n < 0 ? 0 : (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
        crlm_buf_putc(b, '\n');
    }
}

static void write_result(table *tb, const crlm_response *r)
{
    crlm_buf *b = tb->out;
    if (tb->opt->jsonl) {
        crlm_buf_puts(b, "{\"patient_id\":");
        json_pid(tb);
        crlm_buf_putc(b, ',');
        crlm__response_series_json(b, r, false);
        crlm_buf_puts(b, ",\"best_change_pct\":");
        crlm__buf_pct(b, r->best_change_pct);
        crlm_buf_puts(b, "}\n");
        return;
    }
    for (size_t i = 0; i < r->n_timepoints; i++) {
        const crlm_response_timepoint *tp = &r->timepoints[i];
        csv_quoted(b, tb->pid, tb->pid_len);
        crlm_buf_puts(b, ",timepoint,");
        put_date(b, tp->date);
        crlm_buf_putc(b, ',');
        put_date(b, tp->baseline_date);
        crlm_buf_putc(b, ',');
        csv_tenths(b, tp->sum_tenths);
        crlm_buf_putc(b, ',');
        csv_pct(b, tp->change_from_baseline_pct);
        crlm_buf_putc(b, ',');
        csv_pct(b, tp->change_from_nadir_pct);
        crlm_buf_putc(b, ',');
        put_name(b, crlm_recist_name(tp->target));
        crlm_buf_putc(b, ',');
        put_name(b, crlm_recist_name(tp->non_target));
        crlm_buf_putc(b, ',');
        put_name(b, crlm_new_lesions_name(tp->new_lesions));
        crlm_buf_putc(b, ',');
        put_name(b, crlm_recist_name(tp->overall));
        crlm_buf_puts(b, ",\n");
    }
    csv_quoted(b, tb->pid, tb->pid_len);
    crlm_buf_puts(b, ",best,,");
    if (r->current_baseline != SIZE_MAX)
        put_date(b, r->baselines[r->current_baseline].date);
    crlm_buf_puts(b, ",,");
    csv_pct(b, r->best_change_pct);
    crlm_buf_puts(b, ",,,,,");
    put_name(b, crlm_recist_name(r->best_overall));
    crlm_buf_puts(b, ",\n");
}

static const char csv_header[] = "patient_id,record,date,baseline_date,sum_mm,"
                                 "change_from_baseline_pct,change_from_nadir_pct,target,"
                                 "non_target,new_lesions,overall,error\n";

/* ---- errors ---------------------------------------------------------------------------------- */

static void row_error(table *tb, long line, long column, crlm_status code, const char *expected,
                      const char *found)
{
    crlm_error e;
    crlm_error_set(&e, code, "", line, column, expected, found);
    /* The patient id by its length: a NUL byte in it is shown, not a cut. */
    crlm_error_escape(e.pointer, sizeof e.pointer, tb->pid, tb->pid_len);
    if (!tb->bad)
        tb->first_error = e;
    tb->bad = true;
    if (tb->opt->error)
        tb->opt->error(tb->opt->ctx, &e);
}

/* A lesion id for a message, by its length (a NUL byte in it is shown, not a cut). */
static const char *shown_id(const table *tb, size_t id, char buf[64])
{
    return crlm_error_escape(buf, 64, tb->pool + tb->ids[id].off, tb->ids[id].len);
}

static void field_error(table *tb, long line, size_t col, const crlm_csv_field *f,
                        const char *expected)
{
    char shown[96];
    crlm_csv_field_show(f, shown, sizeof shown);
    char exp[256];
    snprintf(exp, sizeof exp, "%.200s in %s", expected, col_names[col]);
    row_error(tb, line, (long)tb->col[col] + 1, CRLM_E_TYPE, exp, shown);
}

/* ---- parsing one row ------------------------------------------------------------------------- */

static bool parse_date(const crlm_csv_field *f, crlm_date *out)
{
    const char *s = f->ptr;
    if (f->len != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int v[8];
    static const int pos[8] = {0, 1, 2, 3, 5, 6, 8, 9};
    for (int i = 0; i < 8; i++) {
        char ch = s[pos[i]];
        if (ch < '0' || ch > '9')
            return false;
        v[i] = ch - '0';
    }
    int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], m = v[4] * 10 + v[5], d = v[6] * 10 + v[7];
    if (y < 1900 || !crlm_date_valid(y, m, d))
        return false;
    *out = crlm_date_from_ymd(y, m, d);
    return true;
}

static bool field_is(const crlm_csv_field *f, const char *s)
{
    size_t n = strlen(s);
    return f->len == n && memcmp(f->ptr, s, n) == 0;
}

/* -1 invalid, 0 empty, 1 false, 2 true */
static int parse_bool(const crlm_csv_field *f)
{
    if (f->len == 0)
        return 0;
    if (field_is(f, "true") || field_is(f, "1") || field_is(f, "yes") || field_is(f, "TRUE") ||
        field_is(f, "Y"))
        return 2;
    if (field_is(f, "false") || field_is(f, "0") || field_is(f, "no") || field_is(f, "FALSE") ||
        field_is(f, "N"))
        return 1;
    return -1;
}

static int parse_enum(crlm_enum_kind kind, const crlm_csv_field *f)
{
    char tmp[32];
    if (f->len == 0 || f->len >= sizeof tmp)
        return 0;
    memcpy(tmp, f->ptr, f->len);
    tmp[f->len] = '\0';
    return crlm_enum_parse(kind, tmp);
}

static bool intern(table *tb, const crlm_csv_field *f, crlm_role role, long line, uint32_t *out)
{
    for (size_t i = 0; i < tb->n_ids; i++)
        if (tb->ids[i].len == f->len && memcmp(tb->pool + tb->ids[i].off, f->ptr, f->len) == 0) {
            *out = (uint32_t)i;
            return true;
        }
    if (tb->n_ids >= MAX_IDS) {
        row_error(tb, line, (long)tb->col[COL_LESION] + 1, CRLM_E_LIMIT,
                  "at most 1000 distinct lesion ids per patient", "more");
        return false;
    }
    if (!grow((void **)&tb->ids, &tb->ids_cap, tb->n_ids + 1, sizeof *tb->ids) ||
        !grow((void **)&tb->pool, &tb->pool_cap, tb->pool_len + f->len + 1, 1))
        return false;
    idref *r = &tb->ids[tb->n_ids];
    r->off = (uint32_t)tb->pool_len;
    r->len = (uint32_t)f->len;
    r->role = role;
    r->line = line;
    memcpy(tb->pool + tb->pool_len, f->ptr, f->len);
    tb->pool[tb->pool_len + f->len] = '\0';
    tb->pool_len += f->len + 1;
    *out = (uint32_t)tb->n_ids++;
    return true;
}

static bool status_fits(crlm_role role, crlm_lesion_status s)
{
    switch (role) {
    case CRLM_ROLE_NON_TARGET:
        return s == CRLM_LS_PRESENT || s == CRLM_LS_ABSENT || s == CRLM_LS_UNEQUIVOCAL_PROGRESSION;
    case CRLM_ROLE_NEW: return s == CRLM_LS_UNEQUIVOCAL || s == CRLM_LS_EQUIVOCAL;
    default: return false;
    }
}

/* Returns false only for lack of memory. */
static bool add_row(table *tb, const crlm_csv_record *rec)
{
    long line = rec->line;
    const crlm_csv_field *F = rec->fields;
    row rw;
    memset(&rw, 0, sizeof rw);
    rw.line = line;
    rw.diameter_mm = NAN;
    const crlm_csv_field *f = &F[tb->col[COL_DATE]];
    if (!parse_date(f, &rw.date)) {
        field_error(tb, line, COL_DATE, f, "a date YYYY-MM-DD from 1900");
        return true;
    }
    int e = parse_enum(CRLM_ENUM_ORGAN, f = &F[tb->col[COL_ORGAN]]);
    if (!e) {
        field_error(tb, line, COL_ORGAN, f, "one of liver, lung, lymph_node, peritoneum, bone, adrenal, brain, other");
        return true;
    }
    rw.organ = (crlm_organ)e;
    e = parse_enum(CRLM_ENUM_ROLE, f = &F[tb->col[COL_ROLE]]);
    if (!e) {
        field_error(tb, line, COL_ROLE, f, "one of target, non_target, new");
        return true;
    }
    rw.role = (crlm_role)e;
    int b = parse_bool(f = &F[tb->col[COL_NODAL]]);
    if (b < 0) {
        field_error(tb, line, COL_NODAL, f, "true, false or empty");
        return true;
    }
    rw.nodal = b == 2 ? CRLM_TRI_TRUE : b == 1 ? CRLM_TRI_FALSE
               : rw.organ == CRLM_ORGAN_LYMPH_NODE ? CRLM_TRI_TRUE : CRLM_TRI_FALSE;
    f = &F[tb->col[COL_DIAMETER]];
    if (!crlm_csv_is_missing(f)) {
        if (!crlm_csv_parse_double(f->ptr, f->len, &rw.diameter_mm) || rw.diameter_mm < 0 ||
            rw.diameter_mm > 1000) {
            field_error(tb, line, COL_DIAMETER, f, "a diameter from 0 to 1000 mm or empty");
            return true;
        }
    }
    f = &F[tb->col[COL_STATUS]];
    if (f->len) {
        if (field_is(f, "too_small")) {
            if (rw.role != CRLM_ROLE_TARGET || CRLM_KNOWN(rw.diameter_mm)) {
                field_error(tb, line, COL_STATUS, f, "too_small only on a target without diameter_mm");
                return true;
            }
            rw.too_small = true;
        } else {
            e = parse_enum(CRLM_ENUM_LSTATUS, f);
            if (!e || !status_fits(rw.role, (crlm_lesion_status)e)) {
                field_error(tb, line, COL_STATUS, f,
                            rw.role == CRLM_ROLE_TARGET ? "too_small or empty for a target"
                            : rw.role == CRLM_ROLE_NEW  ? "unequivocal or equivocal"
                                                        : "present, absent or unequivocal_progression");
                return true;
            }
            rw.status = (crlm_lesion_status)e;
        }
    }
    b = parse_bool(f = &F[tb->col[COL_BASELINE]]);
    if (b < 0) {
        field_error(tb, line, COL_BASELINE, f, "true, false or empty");
        return true;
    }
    rw.baseline = b == 2;
    f = &F[tb->col[COL_LESION]];
    if (f->len == 0 || f->len > 64) {
        field_error(tb, line, COL_LESION, f, "a lesion id of 1 to 64 characters");
        return true;
    }
    size_t before = tb->n_ids;
    if (!intern(tb, f, rw.role, line, &rw.id))
        return !tb->bad ? false : true;
    if (rw.id < before && tb->ids[rw.id].role != rw.role) {
        char exp[256], id[64];
        snprintf(exp, sizeof exp, "role %s as lesion %s had on line %ld",
                 crlm_enum_name(CRLM_ENUM_ROLE, (int)tb->ids[rw.id].role), shown_id(tb, rw.id, id),
                 tb->ids[rw.id].line);
        field_error(tb, line, COL_ROLE, &F[tb->col[COL_ROLE]], exp);
        return true;
    }
    if (tb->n_rows >= MAX_ROWS) {
        row_error(tb, line, 1, CRLM_E_LIMIT, "at most 20000 rows per patient", "more");
        return true;
    }
    if (!grow((void **)&tb->rows, &tb->rows_cap, tb->n_rows + 1, sizeof *tb->rows))
        return false;
    rw.order = (uint32_t)tb->n_rows;
    tb->rows[tb->n_rows++] = rw;
    return true;
}

/* ---- judging one patient --------------------------------------------------------------------- */

static int cmp_row(const void *a, const void *b)
{
    const row *x = a, *y = b;
    if (x->date != y->date)
        return (x->date > y->date) - (x->date < y->date);
    return (x->order > y->order) - (x->order < y->order);
}

/* Returns false only for lack of memory. */
static bool finish_patient(table *tb)
{
    if (!tb->have_patient)
        return true;
    tb->have_patient = false;
    tb->sum->patients++;
    if (!tb->bad && tb->n_rows) {
        bool sorted = true;
        for (size_t i = 1; i < tb->n_rows && sorted; i++)
            sorted = tb->rows[i - 1].date <= tb->rows[i].date;
        if (!sorted)
            qsort(tb->rows, tb->n_rows, sizeof *tb->rows, cmp_row);
        if (!grow((void **)&tb->lesions, &tb->lesions_cap, tb->n_rows, sizeof *tb->lesions) ||
            !grow((void **)&tb->studies, &tb->studies_cap, tb->n_rows, sizeof *tb->studies))
            return false;
        size_t ns = 0;
        for (size_t i = 0; i < tb->n_rows && !tb->bad; i++) {
            const row *rw = &tb->rows[i];
            if (i == 0 || rw->date != tb->rows[i - 1].date) {
                if (ns == CRLM_CASE_MAX_STUDIES) {
                    row_error(tb, rw->line, 1, CRLM_E_LIMIT, "at most 200 studies per patient", "more");
                    break;
                }
                crlm_study *s = &tb->studies[ns++];
                memset(s, 0, sizeof *s);
                s->date = rw->date;
                s->slice_mm = NAN;
                s->lesions = &tb->lesions[i];
            }
            crlm_study *s = &tb->studies[ns - 1];
            for (size_t j = 0; j < s->n_lesions; j++)
                if (s->lesions[j].id == tb->pool + tb->ids[rw->id].off) {
                    char found[120], id[64];
                    char d[11];
                    crlm_date_format(rw->date, d);
                    snprintf(found, sizeof found, "lesion %s again on %s",
                             shown_id(tb, rw->id, id), d);
                    row_error(tb, rw->line, (long)tb->col[COL_LESION] + 1, CRLM_E_DUPLICATE,
                              "a lesion once per study date", found);
                    break;
                }
            if (s->n_lesions >= CRLM_CASE_MAX_LESIONS) {
                row_error(tb, rw->line, 1, CRLM_E_LIMIT, "at most 100 lesions per study", "more");
                break;
            }
            crlm_lesion *l = &tb->lesions[i];
            l->id = tb->pool + tb->ids[rw->id].off;
            l->organ = rw->organ;
            l->segment = CRLM_SEG_UNKNOWN;
            l->role = rw->role;
            l->nodal = rw->nodal;
            l->diameter_mm = rw->diameter_mm;
            l->too_small = rw->too_small;
            l->status = rw->status;
            l->count = 1;
            s->n_lesions++;
            s->baseline |= rw->baseline;
        }
        if (!tb->bad) {
            crlm_case c;
            memset(&c, 0, sizeof c);
            c.id = "";
            c.assessed_on = tb->studies[ns - 1].date;
            c.imaging_known = true;
            c.n_studies = ns;
            c.studies = tb->studies;
            c.plan.planned_on = CRLM_DATE_UNKNOWN;
            crlm__scratch_reset(&tb->scratch);
            memset(tb->res, 0, offsetof(crlm_response, checks));
            tb->res->checks.count = 0;
            crlm__rmem m = {NULL, &tb->scratch};
            if (crlm__response_build(&c, tb->t, &m, tb->res, false) != CRLM_OK)
                return false;
            write_result(tb, tb->res);
            if (tb->opt->waterfall && isfinite(tb->res->best_change_pct)) {
                size_t cap = tb->sum->n_waterfall; /* grow by doubling at powers of two */
                if ((cap & (cap - 1)) == 0) {
                    size_t ncap = cap ? cap * 2 : 256;
                    crlm_waterfall_point *w = realloc(tb->sum->waterfall, ncap * sizeof *w);
                    if (!w)
                        return false;
                    tb->sum->waterfall = w;
                }
                tb->sum->waterfall[tb->sum->n_waterfall++] =
                    (crlm_waterfall_point){tb->res->best_change_pct, tb->res->best_overall};
            }
        }
    }
    if (tb->bad) {
        tb->sum->patients_with_errors++;
        write_error_record(tb);
    }
    tb->n_rows = tb->n_ids = tb->pool_len = 0;
    tb->bad = false;
    return true;
}

static crlm_status maybe_flush(table *tb, bool final)
{
    if (tb->out->failed)
        return CRLM_E_NOMEM;
    if ((final || tb->out->len >= FLUSH_AT) && tb->opt->flush && !tb->opt->flush(tb->opt->ctx, tb->out))
        return CRLM_E_IO;
    return CRLM_OK;
}

static crlm_status start_patient(table *tb, const crlm_csv_field *f, long line)
{
    if (!grow((void **)&tb->pid, &tb->pid_cap, f->len + 1, 1))
        return CRLM_E_NOMEM;
    memcpy(tb->pid, f->ptr, f->len);
    tb->pid[f->len] = '\0';
    tb->pid_len = f->len;
    tb->have_patient = true;
    tb->bad = false;
    if (f->len == 0) {
        row_error(tb, line, (long)tb->col[COL_PATIENT] + 1, CRLM_E_MISSING, "a patient id",
                  "an empty field");
        return CRLM_OK;
    }
    if (tb->opt->sorted_ids) {
        /* tb->prev holds the previous patient's id, tb->pid already the new one */
        size_t n = tb->prev_len < f->len ? tb->prev_len : f->len;
        int c = tb->have_prev ? memcmp(tb->prev, f->ptr, n) : -1;
        bool ordered = !tb->have_prev || c < 0 || (c == 0 && tb->prev_len < f->len);
        if (!grow((void **)&tb->prev, &tb->prev_cap, f->len + 1, 1))
            return CRLM_E_NOMEM;
        if (!ordered) {
            char found[160];
            snprintf(found, sizeof found, "patient %.60s after %.60s", tb->pid, tb->prev);
            row_error(tb, line, (long)tb->col[COL_PATIENT] + 1, CRLM_E_ORDER,
                      "patient ids in increasing order (sort the table by patient_id, or use --any-order)", found);
        }
        memcpy(tb->prev, f->ptr, f->len);
        tb->prev[f->len] = '\0';
        tb->prev_len = f->len;
        tb->have_prev = true;
        return CRLM_OK;
    }
    bool nomem = false;
    if (!seen_add(tb, fnv1a(f->ptr, f->len), &nomem) && !nomem) {
        char found[160];
        snprintf(found, sizeof found, "patient %.60s again after other patients", tb->pid);
        row_error(tb, line, (long)tb->col[COL_PATIENT] + 1, CRLM_E_ORDER,
                  "the rows of a patient together", found);
    }
    return nomem ? CRLM_E_NOMEM : CRLM_OK;
}

static crlm_status read_header(table *tb, crlm_csv_reader *csv, crlm_errors *errs)
{
    crlm_csv_record rec;
    crlm_status st = crlm_csv_next(csv, &rec, errs);
    if (st != CRLM_OK)
        return st;
    for (size_t c = 0; c < NCOLS; c++)
        tb->col[c] = SIZE_MAX;
    for (size_t i = 0; i < rec.count; i++) {
        const crlm_csv_field *f = &rec.fields[i];
        size_t n = f->len;
        const char *p = f->ptr;
        if (i == 0 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) { /* a BOM the reader kept */
            p += 3;
            n -= 3;
        }
        for (size_t c = 0; c < NCOLS; c++)
            if (tb->col[c] == SIZE_MAX && strlen(col_names[c]) == n && memcmp(col_names[c], p, n) == 0)
                tb->col[c] = i;
    }
    tb->need_fields = 0;
    for (size_t c = 0; c < NCOLS; c++) {
        if (tb->col[c] == SIZE_MAX) {
            char exp[256];
            snprintf(exp, sizeof exp, "a header naming the column %s", col_names[c]);
            crlm_error e;
            crlm_error_set(&e, CRLM_E_MISSING, "", rec.count ? rec.line : 1, 0, exp,
                           rec.count ? "no such column" : "an empty input");
            if (errs)
                crlm_errors_add(errs, e.code, "", e.line, 0, e.expected, e.found);
            if (tb->opt->error)
                tb->opt->error(tb->opt->ctx, &e);
            return CRLM_E_MISSING;
        }
        if (tb->col[c] + 1 > tb->need_fields)
            tb->need_fields = tb->col[c] + 1;
    }
    return CRLM_OK;
}

crlm_status crlm_lesion_table_run(crlm_csv_reader *csv, const crlm_profile *p,
                                  const crlm_lesion_table_options *opt,
                                  crlm_lesion_table_summary *summary)
{
    memset(summary, 0, sizeof *summary);
    crlm_recist_thresholds t;
    crlm_recist_thresholds_from_profile(p, &t);
    crlm_buf out = {0};
    table tb;
    memset(&tb, 0, sizeof tb);
    tb.t = &t;
    tb.opt = opt;
    tb.sum = summary;
    tb.out = &out;
    tb.res = malloc(sizeof *tb.res);
    if (!tb.res)
        return CRLM_E_NOMEM;
    crlm_errors errs = {0};
    crlm_status st = read_header(&tb, csv, &errs);
    if (st != CRLM_OK && st != CRLM_E_MISSING && opt->error)
        for (size_t i = 0; i < errs.count; i++)
            opt->error(opt->ctx, &errs.items[i]);
    crlm_errors_free(&errs);
    if (st == CRLM_OK) {
        if (!opt->jsonl)
            crlm_buf_puts(&out, csv_header);
        crlm_csv_record rec;
        for (;;) {
            crlm_errors e2 = {0};
            st = crlm_csv_next(csv, &rec, &e2);
            if (st != CRLM_OK) {
                /* the CSV itself is broken: mark the patient being read and stop */
                const crlm_error *ce = e2.count ? &e2.items[0] : NULL;
                if (!tb.have_patient) {
                    tb.have_patient = true;
                    tb.pid_len = 0;
                }
                row_error(&tb, ce ? ce->line : 0, ce ? ce->column : 0, st,
                          ce ? ce->expected : "well-formed CSV", ce ? ce->found : "a read error");
                crlm_errors_free(&e2);
                if (!finish_patient(&tb))
                    st = CRLM_E_NOMEM;
                break;
            }
            crlm_errors_free(&e2);
            if (rec.count == 0) {
                st = finish_patient(&tb) ? CRLM_OK : CRLM_E_NOMEM;
                break;
            }
            summary->rows++;
            const crlm_csv_field *pf = rec.count > tb.col[COL_PATIENT] ? &rec.fields[tb.col[COL_PATIENT]] : NULL;
            static const crlm_csv_field empty = {"", 0};
            if (!pf)
                pf = &empty;
            if (!tb.have_patient || pf->len != tb.pid_len || memcmp(pf->ptr, tb.pid, pf->len) != 0) {
                if (!finish_patient(&tb) || (st = maybe_flush(&tb, false)) != CRLM_OK ||
                    (st = start_patient(&tb, pf, rec.line)) != CRLM_OK) {
                    if (st == CRLM_OK)
                        st = CRLM_E_NOMEM;
                    break;
                }
            }
            if (rec.count < tb.need_fields) {
                char exp[64], found[64];
                snprintf(exp, sizeof exp, "at least %zu fields", tb.need_fields);
                snprintf(found, sizeof found, "%zu", rec.count);
                row_error(&tb, rec.line, 0, CRLM_E_MISSING, exp, found);
                continue;
            }
            if (tb.bad)
                continue; /* the patient is already marked; skip the work */
            if (!add_row(&tb, &rec)) {
                st = CRLM_E_NOMEM;
                break;
            }
        }
    }
    crlm_status fs = maybe_flush(&tb, true);
    if (st == CRLM_OK)
        st = fs;
    crlm_buf_free(&out);
    free(tb.pid);
    free(tb.rows);
    free(tb.pool);
    free(tb.ids);
    free(tb.lesions);
    free(tb.studies);
    free(tb.seen);
    free(tb.prev);
    free(tb.res);
    crlm__scratch_free(&tb.scratch);
    return st;
}

/* ---- memory front door ----------------------------------------------------------------------- */

typedef struct mem_ctx {
    crlm_buf *out;
    crlm_errors *errors;
} mem_ctx;

static bool mem_flush(void *ctx, crlm_buf *b)
{
    mem_ctx *m = ctx;
    crlm_buf_append(m->out, b->data ? b->data : "", b->len);
    crlm_buf_reset(b);
    return !m->out->failed;
}

static void mem_error(void *ctx, const crlm_error *e)
{
    mem_ctx *m = ctx;
    crlm_errors_add(m->errors, e->code, e->pointer, e->line, e->column, e->expected, e->found);
}

crlm_status crlm_lesion_table_run_memory(const char *data, size_t len, const crlm_profile *p,
                                         bool jsonl, crlm_buf *out, crlm_errors *errors,
                                         crlm_lesion_table_summary *summary)
{
    crlm_csv_reader *csv = NULL;
    memset(summary, 0, sizeof *summary);
    crlm_status st = crlm_csv_open_memory(&csv, data, len, NULL, errors);
    if (st != CRLM_OK)
        return st;
    mem_ctx m = {out, errors};
    crlm_lesion_table_options opt = {.jsonl = jsonl, .flush = mem_flush, .error = mem_error, .ctx = &m};
    st = crlm_lesion_table_run(csv, p, &opt, summary);
    crlm_csv_close(csv);
    return st;
}

void crlm_lesion_table_summary_free(crlm_lesion_table_summary *s)
{
    if (!s)
        return;
    free(s->waterfall);
    s->waterfall = NULL;
    s->n_waterfall = 0;
}
