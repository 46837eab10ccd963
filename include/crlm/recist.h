/* Response to chemotherapy: RECIST 1.1 over serial imaging, Chun's CT morphologic response and
 * CEA kinetics, computed from one case (EVIDENCE: eisenhauer-2009, chun-2009, seed:27).
 *
 * crlm_response_compute is a pure function of (case, profile). Its result owns all of its
 * memory in one arena and is freed by crlm_response_free; it borrows nothing from the case
 * (lesion ids are copied), so it may outlive it. Clinical indeterminacy (a time point not
 * evaluable, no imaging after a line, an unknown CEA) is a value in the result, never an error:
 * the only failure is running out of memory.
 *
 * How the engine reads RECIST (every choice is argued in docs/response.md):
 *   - diameters are held in tenths of a millimetre (long) and every cut-off is an exact integer
 *     comparison; percentages in the profile are read as tenths of a percent;
 *   - each line of chemotherapy has its own baseline (the latest study marked baseline on or
 *     before its start, else the last study on or before its start) and its own nadir; a study
 *     belongs to the latest line that started strictly before it; without chemotherapy the
 *     marked (else the earliest) study is the baseline of every later study;
 *   - target response is tested in the order NE, CR, PD, PR, SD; the time-point table is
 *     Eisenhauer 2009 table 4 (target disease) and table 5 (non-target disease only);
 *   - continuing PR (profile continuing_pr_rule, the RECIST working group's clarification):
 *     once a time point of a baseline's series is PR or CR (confirmed, when confirmation is
 *     on), a later target SD is PR until a time point is PD.
 *
 * Also the building blocks (target response from sums in tenths, the time-point table, best
 * overall response) are exported with crlm_recist_ names so tests and other front doors can use
 * them directly. The cohort reader for lesion tables (one CSV row per patient, study and
 * lesion) is at the end of this header.
 */
#ifndef CRLM_RECIST_H
#define CRLM_RECIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "crlm/buf.h"
#include "crlm/case.h"
#include "crlm/checks.h"
#include "crlm/error.h"
#include "crlm/profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One response category, shared by the target, non-target, overall and best responses. 0 is
 * unknown (written as null). NONE means "no disease of that kind at baseline" (target: no
 * target lesions; non-target: no non-target lesions and no elevated marker). NON_CR_NON_PD is
 * the overall answer for disease with non-target lesions only (Eisenhauer 2009 table 5). */
typedef enum crlm_recist {
    CRLM_RECIST_UNKNOWN = 0,
    CRLM_RECIST_CR,
    CRLM_RECIST_PR,
    CRLM_RECIST_SD,
    CRLM_RECIST_NON_CR_NON_PD,
    CRLM_RECIST_PD,
    CRLM_RECIST_NE,
    CRLM_RECIST_NONE,
    CRLM_RECIST_COUNT__
} crlm_recist;

/* New lesions at a time point. EQUIVOCAL: only equivocal new lesions, none confirmed later. */
typedef enum crlm_new_lesions {
    CRLM_NEW_UNKNOWN = 0, CRLM_NEW_NO, CRLM_NEW_YES, CRLM_NEW_EQUIVOCAL
} crlm_new_lesions;

typedef enum crlm_line_status {
    CRLM_LINE_UNKNOWN = 0, CRLM_LINE_RESPONSE, CRLM_LINE_STABLE, CRLM_LINE_PROGRESSION,
    CRLM_LINE_NOT_EVALUABLE
} crlm_line_status;

/* Chun 2009: optimal (group 3 or 2 to 1), incomplete (3 to 2), none (no change or worse). */
typedef enum crlm_morph_response {
    CRLM_MORPH_RESPONSE_UNKNOWN = 0, CRLM_MORPH_RESPONSE_OPTIMAL, CRLM_MORPH_RESPONSE_INCOMPLETE,
    CRLM_MORPH_RESPONSE_NONE
} crlm_morph_response;

/* JSON spellings ("cr", "non_cr_non_pd", "yes", "progression", "optimal"...); NULL for the
 * unknown value (the writer prints null). Static strings. */
const char *crlm_recist_name(crlm_recist r);
const char *crlm_new_lesions_name(crlm_new_lesions n);
const char *crlm_line_status_name(crlm_line_status s);
const char *crlm_morph_response_name(crlm_morph_response m);

/* ---- Building blocks (pure, exact integer arithmetic) ------------------------------------ */

/* The profile's RECIST thresholds as integers: millimetres in tenths, percentages in tenths
 * of a percent (30 % -> 300), days as days. */
typedef struct crlm_recist_thresholds {
    long pr_decrease_pct_tenths;  /* 300: PR when the sum is >= 30.0 % under the baseline */
    long pd_increase_pct_tenths;  /* 200: PD when >= 20.0 % over the nadir ... */
    long pd_increase_tenths;      /* 50: ... and >= 5.0 mm over it */
    long too_small_tenths;        /* 50: a target too small to measure counts 5.0 mm */
    long node_normal_under_tenths; /* 100: a node is normal under 10.0 mm short axis */
    long node_target_tenths;      /* 150: a node is target-eligible from 15.0 mm */
    long measurable_tenths;       /* 100: a non-nodal lesion is measurable from 10.0 mm */
    int max_targets, max_targets_per_organ;
    bool confirmation;            /* CR/PR need a confirming time point (off by default) */
    int confirmation_min_days;    /* 28 */
    int sd_min_days;              /* 42: SD counts for the best response from day 42 */
    bool continuing_pr;           /* once PR (confirmed, with confirmation) is reached, a
                                     later SD by arithmetic stays PR until PD (the RECIST
                                     working group's clarification; on by default) */
    double cea_upper_normal_ng_ml; /* 5 */
    int cea_after_imaging_max_days; /* 14: a CEA this many days after a scan still counts */
} crlm_recist_thresholds;

void crlm_recist_thresholds_from_profile(const crlm_profile *p, crlm_recist_thresholds *t);

/* What the target response needs from one time point. Sums are in tenths of a mm. */
typedef struct crlm_recist_target_input {
    long baseline_tenths;  /* the baseline sum */
    long nadir_tenths;     /* the smallest complete sum since the baseline, baseline included,
                              before this time point */
    long measured_tenths;  /* the sum of the targets measured at this time point */
    bool all_assessed;     /* every baseline target was measured (else measured is partial) */
    bool all_gone;         /* every non-nodal target is 0 and every target node is under the
                              normal size (only meaningful when all_assessed) */
} crlm_recist_target_input;

/* Target response, tests in the order NE, CR, PD, PR, SD (EVIDENCE: eisenhauer-2009):
 *   NE  when a target was not assessed, unless the measured part alone already meets PD;
 *   CR  when all_gone (a sum of nodes under 10 mm need not be 0);
 *   PD  when 1000 * (cur - nadir) >= pd_pct_tenths * nadir and cur - nadir >= pd_tenths;
 *   PR  when 1000 * (base - cur) >= pr_pct_tenths * base;
 *   SD  otherwise.
 * *cr_and_pd (may be NULL) is set when CR won over PD arithmetic (a node 3 -> 9 mm): RECIST
 * does not settle this, CR-first is the usual reading, a reader should look. */
crlm_recist crlm_recist_target_response(const crlm_recist_thresholds *t,
                                        const crlm_recist_target_input *in, bool *cr_and_pd);

/* The time-point table (Eisenhauer 2009 tables 4 and 5). target NONE means non-target disease
 * only. EQUIVOCAL new lesions count as none (re-image; a later confirmation back-dates PD). */
crlm_recist crlm_recist_overall(crlm_recist target, crlm_recist non_target,
                                crlm_new_lesions new_lesions);

/* Best overall response over the time points of one line (dates in days, in date order),
 * up to and including the first PD. SD and non-CR/non-PD count only from sd_min_days after the
 * baseline. With confirmation, a CR (PR) counts only when a later time point at least
 * confirmation_min_days later is CR (PR or CR); an unconfirmed one counts as SD when the SD
 * duration is met. With no time point (n == 0): NE when there is a baseline (baseline_date
 * known: RECIST counts a patient without an evaluable follow-up as not evaluable), UNKNOWN
 * when there is none (nothing to judge). */
crlm_recist crlm_recist_best_overall(const crlm_recist_thresholds *t, crlm_date baseline_date,
                                     const crlm_date *dates, const crlm_recist *overall,
                                     size_t n);

/* ---- The result of one case ---------------------------------------------------------------- */

/* One target lesion at one study. */
typedef struct crlm_response_lesion {
    const char *id;          /* owned by the result */
    crlm_organ organ;
    bool nodal;
    long diameter_tenths;    /* -1: not assessed at this study */
    bool too_small;          /* counted as the profile's too-small size */
} crlm_response_lesion;

/* The baseline of a line (or of the untreated series). */
typedef struct crlm_response_baseline {
    crlm_date date;
    int line;                /* line number, -1 without chemotherapy */
    long sum_tenths;         /* -1 unknown (a target without a baseline measurement) */
    double sum_mm;           /* NaN unknown */
    size_t n_targets;
    const crlm_response_lesion *targets; /* in the order of the baseline study */
    size_t n_non_targets;
    crlm_morphology morphology;
} crlm_response_baseline;

typedef struct crlm_response_timepoint {
    crlm_date date;
    int line;                /* -1 without chemotherapy */
    size_t baseline;         /* index into crlm_response.baselines */
    crlm_date baseline_date;
    long sum_tenths;         /* -1 when a target was not assessed */
    double sum_mm;           /* NaN when a target was not assessed */
    long measured_tenths;    /* the sum of the targets that were measured */
    long nadir_tenths;       /* the nadir this time point was judged against; -1 unknown */
    double change_from_baseline_pct; /* rounded to 0.1; NaN when unknown */
    double change_from_nadir_pct;    /* rounded to 0.1; NaN when unknown */
    crlm_recist target, non_target, overall;
    crlm_new_lesions new_lesions;
    bool needs_review;       /* CR and PD arithmetic both held (CR was kept) */
    bool pd_backdated;       /* PD dated here by an equivocal new lesion confirmed later */
    bool pr_continued;       /* target SD by arithmetic, PR by the continuing-PR rule */
    bool on_chemotherapy;    /* the study falls within its line (start < date <= end) */
    crlm_morphology morphology;
    size_t n_targets;
    const crlm_response_lesion *targets; /* same order as the baseline's targets */
} crlm_response_timepoint;

typedef struct crlm_response_line {
    int line;
    crlm_date started_on, ended_on;
    crlm_date baseline_date; /* CRLM_DATE_UNKNOWN: no study before the line */
    crlm_line_status status;
    crlm_recist best_overall;
    crlm_morph_response morphologic_response;
    crlm_tri progression_on_chemotherapy;
    crlm_tri progression_after_chemotherapy;
} crlm_response_line;

typedef struct crlm_cea_trend {
    size_t n;                /* values used (on or before assessed_on) */
    crlm_date first_on, last_on;
    double first_ng_ml, last_ng_ml;
    double change_pct;       /* 100 (last - first) / first, NaN when unknown or first is 0 */
    /* ln 2 / slope of a least-squares fit of ln(CEA) on days, over the values from the nadir
     * (the lowest value, the latest one on ties) to the last value, when at least two values
     * are positive and the slope is positive; NaN otherwise (not rising, too few values). */
    double doubling_time_days;
    size_t doubling_points;  /* values the fit used */
    crlm_tri normalized;     /* the last value is under the upper normal limit */
} crlm_cea_trend;

typedef struct crlm_response {
    size_t n_baselines;
    const crlm_response_baseline *baselines;
    size_t n_timepoints;
    const crlm_response_timepoint *timepoints; /* date order */
    /* The baseline of the line the last time point belongs to (the last baseline when there
     * is no time point); SIZE_MAX when there is none. */
    size_t current_baseline;
    crlm_recist best_overall;       /* over the latest line's time points; NE: a baseline
                                       and no evaluable follow-up; UNKNOWN: no baseline and
                                       no time point */
    double best_change_pct;         /* the lowest change from baseline in that line, NaN */
    size_t n_lines;
    const crlm_response_line *lines;
    crlm_tri progression_on_chemotherapy;
    crlm_tri progression_after_chemotherapy;
    crlm_cea_trend cea;
    crlm_checks checks;             /* recist_selection, equivocal_new_lesion, recist_review */
} crlm_response;

/* Computes the response of a case. On success *out is a new result to free with
 * crlm_response_free. Returns CRLM_E_NOMEM (and *out NULL) only when memory runs out. */
crlm_status crlm_response_compute(const crlm_case *c, const crlm_profile *p, crlm_response **out);
void crlm_response_free(crlm_response *r); /* NULL is a no-op */

/* The report's `response` object (spec/report-format.md), one line. Checks are not written:
 * the report merges r->checks into its own list. */
void crlm_response_write_json(const crlm_response *r, crlm_buf *out);
/* The lesion table per baseline: each study's target diameters, sum, changes and categories. */
void crlm_response_write_text(const crlm_response *r, const crlm_case *c, crlm_buf *out);
/* A spider plot of the latest line: each target's and the sum's % change from baseline over
 * weeks, with +20 % and -30 % reference lines. A self-contained SVG document. */
void crlm_response_write_spider_svg(const crlm_response *r, const crlm_case *c, crlm_buf *out);


/* One patient of a cohort's waterfall plot (the lesion-table reader, crlm/lesion_table.h, keeps
 * them). */
typedef struct crlm_waterfall_point {
    double best_change_pct;  /* finite */
    crlm_recist best_overall;
} crlm_waterfall_point;

/* A waterfall plot: one bar per patient (best change from baseline, sorted from the largest
 * increase to the largest decrease), coloured by best overall response, with -30 % and +20 %
 * lines. A self-contained SVG document. */
void crlm_waterfall_write_svg(const crlm_waterfall_point *points, size_t n, const char *title,
                              crlm_buf *out);

#ifdef __cplusplus
}
#endif
#endif
