/* Reads the used columns of a cohort CSV into crlm_surv_data in one pass.
 *
 * Why this shape: only the columns the analysis names are looked at; each kept row costs a
 * double for the time, a byte for the status, an int per level column and a double per
 * numeric covariate, with arrays sized once from the input's size when the caller gives it
 * (spec->size_hint_bytes: untouched pages cost nothing, and no copy on growth), else grown
 * x4 then x2 (no per-row allocation). Numbers go
 * through crlm_csv_parse_double (no strtod for ordinary values).
 *
 * Rules (R's conventions, spec/report-format.md): a row with a missing value (empty or NA)
 * in any used column is dropped and counted. A covariate whose non-missing values are all
 * numbers is numeric; one non-number makes it a factor, expanded into treatment contrasts
 * against the first level in sorted order, named "column=level". Values that were read as
 * numbers before the first non-number are named by their shortest decimal form ("1.0"
 * becomes level "1"). The event column is 0/1, or R's 1/2 coding when every value is 1 or 2;
 * a mixture of 0 and 2 is refused as ambiguous (name the event value instead). A named event
 * value (COLUMN=VALUE) that no complete row has, or that is itself a missing value (empty,
 * NA), is refused with the values the column has: it would silently censor everyone.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crlm/survival.h"
#include "survival/surv_internal.h"

#define MAX_LEVELS 100000
#define MAX_VALUE_ERRORS 20

enum col_role { ROLE_TIME, ROLE_EVENT, ROLE_GROUP, ROLE_STRATA, ROLE_COV };

typedef struct used_col {
    const char *name;
    size_t csv_index;
    enum col_role role;
    bool factor;        /* covariate turned factor (group/strata are always levels) */
    double *num;        /* numeric covariate values */
    int *lev;           /* level ids */
    crlm__intern levels;
    char **names;       /* factor covariates: level names in sorted order */
    size_t nnames;
} used_col;

typedef struct reader_state {
    used_col *cols;
    size_t ncols;
    size_t n, cap;
    double *time;
    unsigned char *status;
    size_t nvalue_errors;
    long line_with_0, line_with_2;
    bool event_numeric;
    double event_num;
    /* --event COL=VALUE: whether a complete row had VALUE, and until one did, the first
     * distinct values seen (at most EVENT_VALUES_SHOWN, plus whether there were more) */
    bool event_seen, event_more;
    crlm__intern event_values;
} reader_state;

#define EVENT_VALUES_SHOWN 5

static void add_value_error(reader_state *st, crlm_errors *errors, crlm_status code, long line,
                            const used_col *c, const char *expected, const crlm_csv_field *f)
{
    char found[80], exp[160];
    crlm_csv_field_show(f, found, sizeof found);
    snprintf(exp, sizeof exp, "%s in column \"%s\"", expected, c->name);
    crlm_errors_add(errors, code, "", line, (long)c->csv_index + 1, exp, found);
    st->nvalue_errors++;
}

static bool grow_rows(reader_state *st, size_t first_cap)
{
    /* x4 while small, then x2: fewer copies of the column arrays on big cohorts */
    size_t cap = st->cap ? (st->cap < ((size_t)1 << 20) ? st->cap * 4 : st->cap * 2)
                         : (first_cap > 4096 ? first_cap : 4096);
    double *t = realloc(st->time, cap * sizeof *t);
    if (!t)
        return false;
    st->time = t;
    unsigned char *s = realloc(st->status, cap);
    if (!s)
        return false;
    st->status = s;
    for (size_t j = 0; j < st->ncols; j++) {
        used_col *c = &st->cols[j];
        if (c->role == ROLE_COV && !c->factor) {
            double *v = realloc(c->num, cap * sizeof *v);
            if (!v)
                return false;
            c->num = v;
        } else if (c->role == ROLE_GROUP || c->role == ROLE_STRATA || c->role == ROLE_COV) {
            int *v = realloc(c->lev, cap * sizeof *v);
            if (!v)
                return false;
            c->lev = v;
        }
    }
    st->cap = cap;
    return true;
}

/* A numeric covariate meets its first non-number: earlier values become levels. */
static bool make_factor(reader_state *st, used_col *c)
{
    int *lev = malloc((st->cap ? st->cap : 1) * sizeof *lev);
    if (!lev)
        return false;
    for (size_t i = 0; i < st->n; i++) {
        char tmp[40];
        crlm__fmt_double(c->num[i], tmp, sizeof tmp);
        long id = crlm__intern_add(&c->levels, tmp, strlen(tmp));
        if (id < 0) {
            free(lev);
            return false;
        }
        lev[i] = (int)id;
    }
    free(c->num);
    c->num = NULL;
    c->lev = lev;
    c->factor = true;
    return true;
}

static bool field_equals(const crlm_csv_field *f, const char *s)
{
    size_t n = strlen(s);
    return f->len == n && memcmp(f->ptr, s, n) == 0;
}

/* Reorders level ids so that id order is the sorted level order; fills names. */
static bool sort_levels(used_col *c, size_t n, char ***names_out, size_t *count_out)
{
    size_t L = c->levels.count;
    int *rank = malloc((L ? L : 1) * sizeof *rank);
    char **names = calloc(L ? L : 1, sizeof *names);
    if (!rank || !names || !crlm__intern_sorted_ranks(&c->levels, rank)) {
        free(rank);
        free(names);
        return false;
    }
    for (size_t i = 0; i < L; i++) {
        names[rank[i]] = crlm__strdup(crlm__intern_str(&c->levels, i));
        if (!names[rank[i]]) {
            for (size_t k = 0; k < L; k++)
                free(names[k]);
            free(names);
            free(rank);
            return false;
        }
    }
    for (size_t i = 0; i < n; i++)
        c->lev[i] = rank[c->lev[i]];
    free(rank);
    *names_out = names;
    *count_out = L;
    return true;
}

static void free_names(char **names, size_t n)
{
    if (!names)
        return;
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

void crlm_surv_data_free(crlm_surv_data *d)
{
    if (!d)
        return;
    free(d->time);
    free(d->status);
    free(d->group);
    free_names(d->group_names, d->ngroups);
    free(d->strata);
    free_names(d->strata_names, d->nstrata);
    free(d->x);
    free_names(d->x_names, d->p);
    free(d);
}

static crlm_status nomem(crlm_errors *errors)
{
    crlm_errors_add(errors, CRLM_E_NOMEM, "", 0, 0, "memory for the cohort", "none");
    return CRLM_E_NOMEM;
}

/* Builds the output from the accumulated columns; takes ownership of the arrays. */
static crlm_status finish(reader_state *st, crlm_surv_data *d, crlm_errors *errors)
{
    size_t n = st->n;
    d->n = n;
    d->time = st->time;
    d->status = st->status;
    st->time = NULL;
    st->status = NULL;
    /* count design columns */
    size_t p = 0;
    for (size_t j = 0; j < st->ncols; j++) {
        used_col *c = &st->cols[j];
        if (c->role == ROLE_GROUP || c->role == ROLE_STRATA || (c->role == ROLE_COV && c->factor)) {
            char **names = NULL;
            size_t L = 0;
            if (!sort_levels(c, n, &names, &L))
                return nomem(errors);
            if (c->role == ROLE_GROUP) {
                d->group = c->lev;
                d->group_names = names;
                d->ngroups = L;
                c->lev = NULL;
            } else if (c->role == ROLE_STRATA) {
                d->strata = c->lev;
                d->strata_names = names;
                d->nstrata = L;
                c->lev = NULL;
            } else {
                /* level names in sorted order; kept as a list (not re-interned: two levels
                 * that differ only after a NUL byte must stay two columns) */
                c->names = names;
                c->nnames = L;
                p += L > 0 ? L - 1 : 0;
            }
        } else if (c->role == ROLE_COV) {
            p++;
        }
    }
    d->p = p;
    if (p > 0) {
        d->x = malloc(p * (n ? n : 1) * sizeof *d->x);
        d->x_names = calloc(p, sizeof *d->x_names);
        if (!d->x || !d->x_names)
            return nomem(errors);
        size_t k = 0;
        for (size_t j = 0; j < st->ncols; j++) {
            used_col *c = &st->cols[j];
            if (c->role != ROLE_COV)
                continue;
            if (!c->factor) {
                if (n) /* with no complete row the column was never allocated */
                    memcpy(d->x + k * n, c->num, n * sizeof *d->x);
                d->x_names[k] = crlm__strdup(c->name);
                if (!d->x_names[k])
                    return nomem(errors);
                k++;
                continue;
            }
            for (size_t l = 1; l < c->nnames; l++) {
                double *col = d->x + k * n;
                for (size_t i = 0; i < n; i++)
                    col[i] = c->lev[i] == (int)l ? 1.0 : 0.0;
                const char *lv = c->names[l];
                size_t len = strlen(c->name) + strlen(lv) + 2;
                d->x_names[k] = malloc(len);
                if (!d->x_names[k])
                    return nomem(errors);
                snprintf(d->x_names[k], len, "%s=%s", c->name, lv);
                k++;
            }
        }
    }
    return CRLM_OK;
}

/* --event COL=VALUE where no complete row has VALUE would censor every patient and report
 * "no events": refused, naming the column and the values it has (a bounded list). */
static crlm_status no_event_value(const reader_state *st, const crlm_surv_spec *spec,
                                  long header_line, crlm_errors *errors)
{
    char exp[200], found[160];
    snprintf(exp, sizeof exp, "at least one complete row with \"%.60s\" in column \"%.60s\"",
             spec->event_value, spec->event_col);
    int len = snprintf(found, sizeof found, "none of %zu; its values are ", st->n);
    size_t shown = st->event_values.count < EVENT_VALUES_SHOWN ? st->event_values.count
                                                               : EVENT_VALUES_SHOWN;
    for (size_t i = 0; i < shown && len > 0 && (size_t)len < sizeof found; i++) {
        char one[40];
        crlm_csv_field f = {crlm__intern_str(&st->event_values, i), st->event_values.len[i]};
        crlm_csv_field_show(&f, one, sizeof one);
        len += snprintf(found + len, sizeof found - (size_t)len, "%s%s", i ? ", " : "", one);
    }
    if (st->event_more && len > 0 && (size_t)len < sizeof found)
        snprintf(found + len, sizeof found - (size_t)len, " and more");
    crlm_errors_add(errors, CRLM_E_ARGUMENT, "", header_line, (long)st->cols[1].csv_index + 1,
                    exp, found);
    return CRLM_E_ARGUMENT;
}

crlm_status crlm_surv_data_read(crlm_csv_reader *r, const crlm_surv_spec *spec,
                                crlm_surv_data **out, crlm_errors *errors)
{
    if (!out)
        return CRLM_E_ARGUMENT;
    *out = NULL;
    if (!r || !spec || !spec->time_col || !spec->event_col ||
        (spec->ncovariates && !spec->covariates)) {
        crlm_errors_add(errors, CRLM_E_ARGUMENT, "", 0, 0, "time and event column names",
                        "none");
        return CRLM_E_ARGUMENT;
    }
    crlm_csv_record rec;
    crlm_status status = crlm_csv_next(r, &rec, errors);
    if (status != CRLM_OK)
        return status;
    if (rec.count == 0) {
        crlm_errors_add(errors, CRLM_E_MISSING, "", 1, 1, "a header row", "an empty file");
        return CRLM_E_MISSING;
    }
    size_t ncsv = rec.count;
    long header_line = rec.line;

    reader_state st = {0};
    st.line_with_0 = st.line_with_2 = 0;
    size_t ncols = 2u + (spec->group_col ? 1u : 0u) + (spec->strata_col ? 1u : 0u) + spec->ncovariates;
    st.cols = calloc(ncols, sizeof *st.cols);
    crlm_surv_data *d = calloc(1, sizeof *d);
    if (!st.cols || !d) {
        free(st.cols);
        free(d);
        return nomem(errors);
    }
    st.ncols = ncols;
    size_t k = 0;
    st.cols[k++] = (used_col){.name = spec->time_col, .role = ROLE_TIME};
    st.cols[k++] = (used_col){.name = spec->event_col, .role = ROLE_EVENT};
    if (spec->group_col)
        st.cols[k++] = (used_col){.name = spec->group_col, .role = ROLE_GROUP};
    if (spec->strata_col)
        st.cols[k++] = (used_col){.name = spec->strata_col, .role = ROLE_STRATA};
    for (size_t i = 0; i < spec->ncovariates; i++)
        st.cols[k++] = (used_col){.name = spec->covariates[i], .role = ROLE_COV};
    for (size_t j = 0; j < ncols; j++) {
        bool found = false;
        for (size_t i = 0; i < ncsv && !found; i++)
            if (field_equals(&rec.fields[i], st.cols[j].name)) {
                st.cols[j].csv_index = i;
                found = true;
            }
        if (!found) {
            char exp[200];
            snprintf(exp, sizeof exp, "a column named \"%s\" in the header", st.cols[j].name);
            crlm_errors_add(errors, CRLM_E_MISSING, "", header_line, 0, exp, "no such column");
            status = CRLM_E_MISSING;
        }
    }
    /* A data row has at least one byte per field (the comma or line end): with the input's
     * size known, one allocation holds every row and the arrays are never copied. */
    size_t first_cap = spec->size_hint_bytes / (ncsv ? ncsv : 1) + 1;
    if (first_cap > ((size_t)1 << 31))
        first_cap = 0; /* implausible: grow instead */
    if (spec->event_value) {
        st.event_numeric =
            crlm_csv_parse_double(spec->event_value, strlen(spec->event_value), &st.event_num);
        crlm_csv_field ev = {spec->event_value, strlen(spec->event_value)};
        if (crlm_csv_is_missing(&ev)) {
            /* an empty or NA field is a missing value: its rows are dropped, so this value
             * could only ever censor every patient */
            char exp[200], found[96];
            snprintf(exp, sizeof exp, "an event value for column \"%s\" (COLUMN=VALUE)",
                     spec->event_col);
            snprintf(found, sizeof found, "%s, which marks a missing value",
                     ev.len ? "\"NA\"" : "an empty value");
            crlm_errors_add(errors, CRLM_E_ARGUMENT, "", 0, 0, exp, found);
            status = CRLM_E_ARGUMENT;
        }
    }

    while (status == CRLM_OK) {
        crlm_status rs = crlm_csv_next(r, &rec, errors);
        if (rs != CRLM_OK) {
            status = rs;
            break;
        }
        if (rec.count == 0)
            break;
        if (rec.count != ncsv) {
            char exp[64], found[64];
            snprintf(exp, sizeof exp, "%zu fields as in the header", ncsv);
            snprintf(found, sizeof found, "%zu fields", rec.count);
            crlm_errors_add(errors, CRLM_E_SYNTAX, "", rec.line,
                            (long)(rec.count < ncsv ? rec.count : ncsv + 1), exp, found);
            status = CRLM_E_SYNTAX;
            break;
        }
        bool missing = false;
        for (size_t j = 0; j < ncols && !missing; j++)
            missing = crlm_csv_is_missing(&rec.fields[st.cols[j].csv_index]);
        if (missing) {
            d->dropped_missing++;
            continue;
        }
        if (st.n == st.cap && !grow_rows(&st, first_cap)) {
            status = nomem(errors);
            break;
        }
        size_t i = st.n;
        bool bad = false;
        for (size_t j = 0; j < ncols && status == CRLM_OK; j++) {
            used_col *c = &st.cols[j];
            const crlm_csv_field *f = &rec.fields[c->csv_index];
            double v;
            switch (c->role) {
            case ROLE_TIME:
                if (!crlm_csv_parse_double(f->ptr, f->len, &v)) {
                    add_value_error(&st, errors, CRLM_E_TYPE, rec.line, c, "a number", f);
                    bad = true;
                } else if (v < 0) {
                    add_value_error(&st, errors, CRLM_E_RANGE, rec.line, c,
                                    "a time >= 0", f);
                    bad = true;
                } else {
                    st.time[i] = v;
                }
                break;
            case ROLE_EVENT:
                if (spec->event_value) {
                    bool eq;
                    if (st.event_numeric && crlm_csv_parse_double(f->ptr, f->len, &v))
                        eq = v == st.event_num;
                    else
                        eq = field_equals(f, spec->event_value);
                    st.status[i] = eq ? 1 : 0;
                    if (eq) {
                        st.event_seen = true;
                    } else if (!st.event_seen && !st.event_more) {
                        if (crlm__intern_add(&st.event_values, f->ptr, f->len) < 0)
                            status = nomem(errors);
                        st.event_more = st.event_values.count > EVENT_VALUES_SHOWN;
                    }
                } else if (!crlm_csv_parse_double(f->ptr, f->len, &v) ||
                           (v != 0 && v != 1 && v != 2)) {
                    add_value_error(&st, errors, CRLM_E_RANGE, rec.line, c,
                                    "0/1 or 1/2 (or use --event COLUMN=VALUE)", f);
                    bad = true;
                } else {
                    st.status[i] = (unsigned char)v;
                    if (v == 0 && !st.line_with_0)
                        st.line_with_0 = rec.line;
                    if (v == 2 && !st.line_with_2)
                        st.line_with_2 = rec.line;
                }
                break;
            case ROLE_COV:
                if (!c->factor) {
                    if (crlm_csv_parse_double(f->ptr, f->len, &v)) {
                        c->num[i] = v;
                        break;
                    }
                    if (!make_factor(&st, c)) {
                        status = nomem(errors);
                        break;
                    }
                }
                /* fall through: a factor value */
                /* FALLTHROUGH */
            case ROLE_GROUP:
            case ROLE_STRATA: {
                long id = crlm__intern_add(&c->levels, f->ptr, f->len);
                if (id < 0) {
                    status = nomem(errors);
                    break;
                }
                if (c->levels.count > MAX_LEVELS) {
                    char exp[200], found[64];
                    snprintf(exp, sizeof exp, "at most %d distinct values in column \"%s\"",
                             MAX_LEVELS, c->name);
                    snprintf(found, sizeof found, "more");
                    crlm_errors_add(errors, CRLM_E_LIMIT, "", rec.line,
                                    (long)c->csv_index + 1, exp, found);
                    status = CRLM_E_LIMIT;
                    break;
                }
                c->lev[i] = (int)id;
                break;
            }
            }
        }
        if (status != CRLM_OK)
            break;
        if (bad) {
            if (st.nvalue_errors >= MAX_VALUE_ERRORS)
                break;
            continue;
        }
        st.n++;
    }
    if (status == CRLM_OK && st.nvalue_errors > 0)
        status = CRLM_E_TYPE;
    if (status == CRLM_OK && !spec->event_value && st.line_with_2) {
        if (st.line_with_0) {
            char found[120];
            snprintf(found, sizeof found, "0 on line %ld and 2 on line %ld", st.line_with_0,
                     st.line_with_2);
            crlm_errors_add(errors, CRLM_E_CONFLICT, "", st.line_with_2,
                            (long)st.cols[1].csv_index + 1,
                            "0/1 or 1/2 coding in the event column (or --event COLUMN=VALUE)",
                            found);
            status = CRLM_E_CONFLICT;
        } else {
            for (size_t i = 0; i < st.n; i++) /* R's Surv: 1 censored, 2 event */
                st.status[i] = st.status[i] == 2 ? 1 : 0;
        }
    }
    if (status == CRLM_OK && spec->event_value && !st.event_seen && st.n > 0)
        status = no_event_value(&st, spec, header_line, errors);
    if (status == CRLM_OK)
        status = finish(&st, d, errors);
    crlm__intern_free(&st.event_values);
    free(st.time);
    free(st.status);
    for (size_t j = 0; j < st.ncols; j++) {
        free(st.cols[j].num);
        free(st.cols[j].lev);
        crlm__intern_free(&st.cols[j].levels);
        free_names(st.cols[j].names, st.cols[j].nnames);
    }
    free(st.cols);
    if (status != CRLM_OK) {
        crlm_surv_data_free(d);
        return status;
    }
    *out = d;
    return CRLM_OK;
}
