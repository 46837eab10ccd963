/* The review's decision process as rules (Araujo 2022, the seed; rule ids are stable and are
 * listed with their evidence in docs/rules.md, which a test keeps in step with this table).
 *
 * The flow, in the order the review argues it:
 *   1. a symptomatic primary in place is treated first (seed:3);
 *   2. unresectable extrahepatic disease means systemic therapy, not liver surgery (seed:9);
 *   3. untreated disease: resectable -> by the Fong score, 0-2 upfront resection, 3-5
 *      perioperative chemotherapy (seed:6, seed:3, seed:13); extended hepatectomy -> chemotherapy
 *      to spare parenchyma is an option; unresectable -> conversion chemotherapy with the regimen
 *      chosen by RAS and sidedness (seed:19-25); an inadequate remnant alone -> augmentation
 *      (portal vein embolization or two-stage, seed:10);
 *   4. after chemotherapy with response or stable disease: resect when resectable (seed:28,
 *      seed:29), augment the remnant when only the remnant fails, otherwise continue conversion;
 *   5. progression on chemotherapy: progression on second line -> systemic therapy (seed:9);
 *      otherwise second-line chemotherapy and restaging, and resection despite progression for
 *      patients who meet the profile's selection limits (the review's size, number and marker
 *      criteria, seed:2, seed:29, conclusion), with the less favourable prognosis stated.
 * Every branch that turns on an unknown input stops at insufficient_data and names it.
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pathway/facts.h"

static const crlm_rule_info rules[] = {
    {"symptomatic_primary_first", "primary.symptomatic, primary.resected_on", "seed:3",
     "primary_first", "A symptomatic primary still in place is treated first (resection or diversion), then systemic chemotherapy."},
    {"extrahepatic_unresectable_systemic", "extrahepatic", "seed:9, seed:4",
     "systemic_therapy", "Unresectable extrahepatic disease: not a candidate for liver resection now."},
    {"chemotherapy_history_unknown", "chemotherapy", "seed:18, seed:29",
     "insufficient_data", "Whether chemotherapy was given decides the branch; unknown history stops the decision."},
    {"response_unknown", "imaging, chemotherapy", "seed:18, seed:27, seed:29",
     "insufficient_data", "After chemotherapy the response decides the branch; without an evaluable restaging it is unknown."},
    {"resectability_unknown", "plan, volumetry, patient", "seed:5, seed:7, seed:8",
     "insufficient_data", "Resectability (margin, two contiguous segments, vessels, biliary drainage, remnant) is not known."},
    {"extrahepatic_status_unknown", "extrahepatic", "seed:9",
     "insufficient_data", "Before any resection the extrahepatic status must be known."},
    {"crs_low_upfront", "fong_crs", "seed:6, seed:3",
     "upfront_resection", "Resectable, asymptomatic, Fong 0-2: upfront resection, then postoperative chemotherapy."},
    {"crs_high_neoadjuvant", "fong_crs", "seed:6, seed:3, seed:13",
     "perioperative_chemotherapy", "Resectable, asymptomatic, Fong 3-5: preoperative (perioperative) chemotherapy is preferred."},
    {"crs_unknown", "fong_crs", "seed:6, seed:3",
     "insufficient_data", "The Fong score spans low and high risk: its missing inputs decide the timing."},
    {"extended_hepatectomy_parenchyma_sparing", "plan.procedure", "seed:3",
     "option: perioperative_chemotherapy", "Before an extended (major) hepatectomy, preoperative chemotherapy can spare parenchyma whatever the score."},
    {"unresectable_conversion", "liver.resectable", "seed:19, seed:20, seed:10",
     "conversion_chemotherapy", "Initially unresectable: conversion chemotherapy with a high-response regimen, restaging for resectability."},
    {"remnant_inadequate_augment", "liver.adequate, plan", "seed:10, seed:8, shindoh-2013",
     "remnant_augmentation", "Resectable but for the remnant: portal vein embolization or a two-stage hepatectomy first."},
    {"response_resect", "response.lines, liver.resectable", "seed:28, seed:29, seed:18",
     "resection_after_chemotherapy", "Response or stable disease on chemotherapy and resectable: resection."},
    {"not_yet_resectable_continue", "response.lines, liver.resectable", "seed:19, seed:10",
     "conversion_chemotherapy", "Controlled but not yet resectable: continue conversion chemotherapy and restage."},
    {"progression_on_second_line_systemic", "response.lines", "seed:9",
     "systemic_therapy", "Progression on second-line chemotherapy: worse survival after resection; systemic therapy."},
    {"progression_second_line_restage", "response.lines", "seed:9, seed:29, seed:31",
     "second_line_then_restage", "Progression on first-line chemotherapy: change to second-line and restage."},
    {"progressor_selected_for_resection",
     "liver_tumor_count, largest_diameter, cea, extrahepatic, plan.expected_margin, liver.adequate",
     "seed:2, seed:29, seed:9, seed:33", "resection_despite_progression",
     "A progressing patient within the profile's size, number and CEA limits, no extrahepatic disease, R0 and an adequate remnant: resection may be offered despite a less favourable prognosis."},
    {"progressor_selection_unknown",
     "liver_tumor_count, largest_diameter, cea, extrahepatic, plan.expected_margin, liver.adequate",
     "seed:2, seed:29", "insufficient_data",
     "Whether a progressing patient meets the selection limits is unknown."},
    {"regimen_perioperative_doublet", "liver.resectable", "seed:13, seed:17, seed:16",
     "regimen", "Resectable disease: a doublet (FOLFOX or CAPOX); no anti-EGFR perioperatively (New EPOC)."},
    {"regimen_conversion_ras_wt_left", "molecular.kras, molecular.nras, primary.site", "seed:20, seed:21, seed:25",
     "regimen", "RAS wild-type, left-sided: doublet plus anti-EGFR (best response and R0 rate)."},
    {"regimen_conversion_ras_mutant_or_right", "molecular.kras, molecular.nras, primary.site", "seed:20, seed:25",
     "regimen", "RAS-mutant or right-sided: doublet or FOLFOXIRI plus bevacizumab; anti-EGFR brings no benefit."},
    {"regimen_ras_or_side_unknown", "molecular.kras, molecular.nras, primary.site", "seed:20, seed:25",
     "regimen", "RAS or sidedness unknown: a bevacizumab-based regimen until anti-EGFR eligibility is shown."},
    {"regimen_second_line", "chemotherapy.agents", "seed:9, seed:31",
     "regimen", "Second-line chemotherapy: switch the cytotoxic backbone."},
};

const crlm_rule_info *crlm_pathway_rules(size_t *n)
{
    *n = sizeof rules / sizeof rules[0];
    return rules;
}

const char *crlm_pathway_name(crlm_pathway_code c)
{
    static const char *const names[] = {
        NULL,
#define N(id, name) name,
        CRLM_PATHWAY_TABLE(N)
#undef N
    };
    return (unsigned)c < CRLM_PATH_COUNT ? names[c] : NULL;
}

const char *crlm_regimen_name(crlm_regimen r)
{
    static const char *const names[] = {
#define N(id, name) name,
        CRLM_REGIMEN_TABLE(N)
#undef N
    };
    return (unsigned)r < CRLM_REGIMEN_COUNT ? names[r] : NULL;
}

const char *crlm_avoid_name(crlm_avoid a)
{
    static const char *const names[] = {
#define N(id, name) name,
        CRLM_AVOID_TABLE(N)
#undef N
    };
    return (unsigned)a < CRLM_AVOID_COUNT ? names[a] : NULL;
}

typedef struct ctx {
    const crlm_pathway_input *in;
    crlm__facts f;
    crlm_pathway *out;
} ctx;

static const crlm_rule_info *rule(const char *id)
{
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (strcmp(rules[i].id, id) == 0)
            return &rules[i];
    return NULL; /* unreachable: ids below are the table's */
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void because(ctx *x, const char *id, const char *fmt, ...)
{
    crlm_pathway *o = x->out;
    if (o->n_rationale >= CRLM_RATIONALE_MAX)
        return;
    const crlm_rule_info *r = rule(id);
    crlm_rationale *ra = &o->rationale[o->n_rationale++];
    ra->rule = r ? r->id : id;
    ra->evidence = r ? r->evidence : "";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ra->text, sizeof ra->text, fmt, ap);
    va_end(ap);
}

static void need(ctx *x, const char *input)
{
    char *m = x->out->missing;
    size_t n = strlen(m);
    if (strstr(m, input))
        return;
    snprintf(m + n, sizeof x->out->missing - n, "%s%s", n ? ", " : "", input);
}

static void recommend(ctx *x, crlm_pathway_code c) { x->out->recommendation = c; }
static void option(ctx *x, crlm_pathway_code c) { x->out->options |= 1u << c; }
static void suggest(ctx *x, crlm_regimen r) { x->out->suggested |= 1u << r; }
static void avoid(ctx *x, crlm_avoid a) { x->out->avoid |= 1u << a; }

static const char *tri_word(crlm_tri t)
{
    return t == CRLM_TRI_TRUE ? "yes" : t == CRLM_TRI_FALSE ? "no" : "unknown";
}

/* --- regimens ------------------------------------------------------------------------------ */
static void regimen_systemic(ctx *x)
{
    const crlm_case *c = x->in->c;
    const char *ras = crlm_enum_name(CRLM_ENUM_MUTATION, (int)c->molecular.ras);
    const char *side = c->primary.side == CRLM_SIDE_LEFT    ? "left"
                       : c->primary.side == CRLM_SIDE_RIGHT ? "right"
                                                            : "unknown";
    switch (x->f.ras_wt_left) {
    case CRLM_TRI_TRUE:
        suggest(x, CRLM_REGIMEN_DOUBLET_ANTI_EGFR);
        because(x, "regimen_conversion_ras_wt_left",
                "RAS wild type, %s-sided primary: doublet plus anti-EGFR.", side);
        break;
    case CRLM_TRI_FALSE:
        suggest(x, CRLM_REGIMEN_DOUBLET_BEVACIZUMAB);
        suggest(x, CRLM_REGIMEN_FOLFOXIRI_BEVACIZUMAB);
        avoid(x, CRLM_AVOID_ANTI_EGFR);
        because(x, "regimen_conversion_ras_mutant_or_right",
                "RAS %s, %s-sided primary: doublet or FOLFOXIRI plus bevacizumab; no anti-EGFR.",
                ras ? ras : "unknown", side);
        break;
    default:
        suggest(x, CRLM_REGIMEN_DOUBLET_BEVACIZUMAB);
        suggest(x, CRLM_REGIMEN_FOLFOXIRI_BEVACIZUMAB);
        avoid(x, CRLM_AVOID_ANTI_EGFR);
        because(x, "regimen_ras_or_side_unknown",
                "RAS %s, side %s: anti-EGFR needs a RAS wild-type left-sided tumour; test "
                "extended RAS and confirm the site before considering it.",
                ras ? ras : "unknown", side);
        break;
    }
}

static void regimen_perioperative(ctx *x, const char *when)
{
    suggest(x, CRLM_REGIMEN_DOUBLET);
    avoid(x, CRLM_AVOID_ANTI_EGFR_PERIOPERATIVE);
    because(x, "regimen_perioperative_doublet",
            "%s: FOLFOX or CAPOX; no cetuximab or panitumumab around the resection.", when);
}

static void regimen_second_line(ctx *x)
{
    suggest(x, CRLM_REGIMEN_SECOND_LINE);
    if (x->f.ras_mutant_or_right != CRLM_TRI_FALSE)
        avoid(x, CRLM_AVOID_ANTI_EGFR);
    const crlm_chemo_line *l = x->f.latest_line;
    because(x, "regimen_second_line",
            "After progression on line %d (%s): change the cytotoxic backbone%s.",
            l ? l->line : 1, l && l->regimen ? l->regimen : "regimen not recorded",
            x->f.ras_mutant_or_right != CRLM_TRI_FALSE
                ? "; anti-EGFR only for a proven RAS wild-type left-sided tumour"
                : "");
}

/* --- gates --------------------------------------------------------------------------------- */

/* Extrahepatic status must be known before a resection is recommended. */
static bool extrahepatic_known(ctx *x)
{
    if (x->f.ehd_unresectable != CRLM_TRI_UNKNOWN)
        return true;
    need(x, x->in->c->extrahepatic_known ? "extrahepatic[].resectable" : "extrahepatic");
    because(x, "extrahepatic_status_unknown",
            "Extrahepatic disease is %s: a resection cannot be advised without it.",
            x->in->c->extrahepatic_known ? "present with unknown resectability" : "not recorded");
    recommend(x, CRLM_PATH_INSUFFICIENT_DATA);
    return false;
}

/* Names the liver inputs that leave resectability unknown. */
static void need_liver(ctx *x)
{
    unsigned m = x->in->liver->missing;
    for (int i = 0; i < CRLM_LIVER_INPUT_COUNT; i++)
        if ((m & (1u << i)) && i != CRLM_LIVER_IN_PVE_VOLUMETRY)
            need(x, crlm_liver_input_name((crlm_liver_input)i));
}

static void describe_liver(const crlm_liver *l, char *buf, size_t size)
{
    if (CRLM_KNOWN(l->sflr_pct)) {
        if (l->threshold_min_pct == l->threshold_max_pct)
            snprintf(buf, size, "sFLR %.1f %% (threshold %.0f %%, %s)", l->sflr_pct,
                     l->threshold_min_pct, l->threshold_reason);
        else
            snprintf(buf, size, "sFLR %.1f %% (threshold %.0f-%.0f %%, %s)", l->sflr_pct,
                     l->threshold_min_pct, l->threshold_max_pct, l->threshold_reason);
    } else {
        snprintf(buf, size, "sFLR unknown");
    }
}

/* Resectable -> true; remnant-only failure -> augmentation; other failure -> false; unknown
 * stops with insufficient_data. Returns the liver's resectability. */
static crlm_tri judge_resectability(ctx *x, bool after_chemo)
{
    const crlm_liver *l = x->in->liver;
    crlm_tri tech = x->in->liver->technically_resectable;
    char lv[160];
    describe_liver(l, lv, sizeof lv);
    if (tech == CRLM_TRI_FALSE) {
        const crlm_plan *p = &x->in->c->plan;
        because(x, after_chemo ? "not_yet_resectable_continue" : "unresectable_conversion",
                "Not resectable as planned: expected margin %s, %d contiguous remnant segments, "
                "inflow/outflow preserved %s, biliary drainage preserved %s.",
                crlm_enum_name(CRLM_ENUM_MARGIN, (int)p->expected_margin)
                    ? crlm_enum_name(CRLM_ENUM_MARGIN, (int)p->expected_margin)
                    : "unknown",
                p->remnant_contiguous_segments, tri_word(p->inflow_outflow_preserved),
                tri_word(p->biliary_drainage_preserved));
        recommend(x, CRLM_PATH_CONVERSION_CHEMOTHERAPY);
        option(x, CRLM_PATH_SYSTEMIC_THERAPY);
        regimen_systemic(x);
        return CRLM_TRI_FALSE;
    }
    if (tech == CRLM_TRI_TRUE && l->adequate == CRLM_TRI_FALSE) {
        because(x, "remnant_inadequate_augment",
                "Technically resectable, but the remnant is too small: %s. Portal vein "
                "embolization or a two-stage hepatectomy first.", lv);
        recommend(x, CRLM_PATH_REMNANT_AUGMENTATION);
        if (!after_chemo)
            option(x, CRLM_PATH_CONVERSION_CHEMOTHERAPY);
        return CRLM_TRI_FALSE;
    }
    if (tech == CRLM_TRI_TRUE && l->adequate == CRLM_TRI_TRUE)
        return CRLM_TRI_TRUE;
    need_liver(x);
    because(x, "resectability_unknown",
            "Resectability cannot be judged: technical criteria %s, remnant adequate %s (%s).",
            tri_word(tech), tri_word(l->adequate), lv);
    recommend(x, CRLM_PATH_INSUFFICIENT_DATA);
    return CRLM_TRI_UNKNOWN;
}

/* --- branches ------------------------------------------------------------------------------ */
static void untreated(ctx *x)
{
    crlm_tri res = judge_resectability(x, false);
    if (res != CRLM_TRI_TRUE || !extrahepatic_known(x))
        return;
    const crlm_score *fong = &x->in->now->fong;
    const crlm_case *c = x->in->c;
    bool extended = c->plan.procedure == CRLM_PROC_MAJOR_HEPATECTOMY ||
                    c->plan.procedure == CRLM_PROC_TWO_STAGE_HEPATECTOMY;
    char score[48];
    if (crlm_score_known(fong))
        snprintf(score, sizeof score, "Fong %d", fong->min);
    else
        snprintf(score, sizeof score, "Fong %d-%d", fong->min, fong->max);
    if (fong->risk == CRLM_RISK_LOW) {
        recommend(x, CRLM_PATH_UPFRONT_RESECTION);
        option(x, CRLM_PATH_PERIOPERATIVE_CHEMOTHERAPY);
        because(x, "crs_low_upfront",
                "Resectable and asymptomatic with %s (low risk, 0-2): resection first, then "
                "postoperative chemotherapy.", score);
        regimen_perioperative(x, "Postoperative chemotherapy");
    } else if (fong->risk == CRLM_RISK_HIGH) {
        recommend(x, CRLM_PATH_PERIOPERATIVE_CHEMOTHERAPY);
        option(x, CRLM_PATH_UPFRONT_RESECTION);
        because(x, "crs_high_neoadjuvant",
                "Resectable and asymptomatic with %s (high risk, 3-5): preoperative "
                "chemotherapy, restaging, then resection.", score);
        regimen_perioperative(x, "Perioperative chemotherapy");
    } else {
        recommend(x, CRLM_PATH_INSUFFICIENT_DATA);
        option(x, CRLM_PATH_UPFRONT_RESECTION);
        option(x, CRLM_PATH_PERIOPERATIVE_CHEMOTHERAPY);
        char names[160] = "";
        for (int i = 0; i < CRLM_INPUT_COUNT; i++)
            if (fong->missing & (1u << i)) {
                size_t n = strlen(names);
                snprintf(names + n, sizeof names - n, "%s%s", n ? ", " : "",
                         crlm_input_name((crlm_input)i));
                char what[64];
                snprintf(what, sizeof what, "fong_crs.%s", crlm_input_name((crlm_input)i));
                need(x, what);
            }
        because(x, "crs_unknown",
                "%s spans low and high risk; the timing of chemotherapy turns on: %s.", score,
                names);
        return;
    }
    if (extended && fong->risk == CRLM_RISK_LOW) {
        option(x, CRLM_PATH_PERIOPERATIVE_CHEMOTHERAPY);
        because(x, "extended_hepatectomy_parenchyma_sparing",
                "A %s is planned: preoperative chemotherapy can spare parenchyma whatever the "
                "score.", crlm_enum_name(CRLM_ENUM_PROCEDURE, (int)c->plan.procedure));
    }
}

static void controlled(ctx *x)
{
    const crlm_response_line *rl = x->f.latest_response;
    crlm_tri res = judge_resectability(x, true);
    if (res != CRLM_TRI_TRUE || !extrahepatic_known(x))
        return;
    recommend(x, CRLM_PATH_RESECTION_AFTER_CHEMOTHERAPY);
    because(x, "response_resect",
            "Line %d: %s (best response %s); resectable with an adequate remnant: resect, "
            "ideally as soon as resectable to limit liver injury.",
            rl ? rl->line : 0, crlm_line_status_name(rl ? rl->status : CRLM_LINE_UNKNOWN),
            crlm_recist_name(rl ? rl->best_overall : CRLM_RECIST_UNKNOWN)
                ? crlm_recist_name(rl->best_overall)
                : "unknown");
    regimen_perioperative(x, "Postoperative chemotherapy");
}

typedef struct criterion {
    const char *name;
    crlm_tri met;
    char detail[96];
} criterion;

static void progressing(ctx *x)
{
    const crlm_case *c = x->in->c;
    const crlm_profile *p = x->in->p;
    if (x->f.progression_second_line == CRLM_TRI_TRUE) {
        recommend(x, CRLM_PATH_SYSTEMIC_THERAPY);
        because(x, "progression_on_second_line_systemic",
                "Progression during a second or later line: an independent predictor of worse "
                "survival after resection (Adam 2017); not a surgical candidate now.");
        regimen_systemic(x);
        return;
    }
    const crlm_score_inputs *io = &x->in->now->inputs;
    double max_n = crlm_profile_num(p, CRLM_P_PROGRESSOR_MAX_LIVER_TUMORS);
    double max_mm = crlm_profile_num(p, CRLM_P_PROGRESSOR_MAX_LARGEST_MM);
    double max_cea = crlm_profile_num(p, CRLM_P_PROGRESSOR_MAX_CEA_NG_ML);
    criterion cr[8];
    size_t n = 0;
    cr[n] = (criterion){"liver_tumor_count",
                        io->tumors_max <= max_n ? CRLM_TRI_TRUE
                        : io->tumors_min > max_n ? CRLM_TRI_FALSE
                                                 : CRLM_TRI_UNKNOWN, ""};
    if (io->tumors_max == INT_MAX)
        snprintf(cr[n].detail, sizeof cr[n].detail, "at least %d tumours (limit %.0f)", io->tumors_min, max_n);
    else if (io->tumors_min == io->tumors_max)
        snprintf(cr[n].detail, sizeof cr[n].detail, "%d tumours (limit %.0f)", io->tumors_min, max_n);
    else
        snprintf(cr[n].detail, sizeof cr[n].detail, "%d-%d tumours (limit %.0f)", io->tumors_min, io->tumors_max, max_n);
    n++;
    cr[n] = (criterion){"largest_diameter",
                        io->largest_mm_max <= max_mm ? CRLM_TRI_TRUE
                        : io->largest_mm_min > max_mm ? CRLM_TRI_FALSE
                                                      : CRLM_TRI_UNKNOWN, ""};
    if (io->largest_mm_min == io->largest_mm_max)
        snprintf(cr[n].detail, sizeof cr[n].detail, "largest %g mm (limit %.0f)", io->largest_mm_min, max_mm);
    else
        snprintf(cr[n].detail, sizeof cr[n].detail, "largest unknown, at least %g mm (limit %.0f)", io->largest_mm_min, max_mm);
    n++;
    cr[n] = (criterion){"cea", !CRLM_KNOWN(io->cea_ng_ml) ? CRLM_TRI_UNKNOWN
                               : io->cea_ng_ml <= max_cea ? CRLM_TRI_TRUE
                                                          : CRLM_TRI_FALSE, ""};
    if (CRLM_KNOWN(io->cea_ng_ml))
        snprintf(cr[n].detail, sizeof cr[n].detail, "CEA %g ng/mL (limit %.0f)", io->cea_ng_ml, max_cea);
    else
        snprintf(cr[n].detail, sizeof cr[n].detail, "CEA unknown");
    n++;
    crlm_tri no_ehd = x->f.ehd_present == CRLM_TRI_UNKNOWN ? CRLM_TRI_UNKNOWN
                      : x->f.ehd_present == CRLM_TRI_TRUE  ? CRLM_TRI_FALSE
                                                           : CRLM_TRI_TRUE;
    cr[n] = (criterion){"extrahepatic", no_ehd, ""};
    snprintf(cr[n].detail, sizeof cr[n].detail, "no extrahepatic disease: %s", tri_word(no_ehd));
    n++;
    crlm_tri r0 = c->plan.expected_margin == CRLM_MARGIN_UNKNOWN ? CRLM_TRI_UNKNOWN
                  : c->plan.expected_margin == CRLM_MARGIN_R0    ? CRLM_TRI_TRUE
                                                                 : CRLM_TRI_FALSE;
    cr[n] = (criterion){"plan.expected_margin", r0, ""};
    snprintf(cr[n].detail, sizeof cr[n].detail, "R0 expected: %s", tri_word(r0));
    n++;
    crlm_tri res = x->in->liver->resectable;
    cr[n] = (criterion){"liver.resectable", res, ""};
    char lv[120];
    describe_liver(x->in->liver, lv, sizeof lv);
    snprintf(cr[n].detail, sizeof cr[n].detail, "resectable with adequate remnant: %s", tri_word(res));
    n++;
    cr[n] = (criterion){"response.lines (second line)",
                        x->f.progression_second_line == CRLM_TRI_FALSE ? CRLM_TRI_TRUE
                                                                       : CRLM_TRI_UNKNOWN, ""};
    snprintf(cr[n].detail, sizeof cr[n].detail, "not progressing on second line: %s",
             tri_word(cr[n].met));
    n++;

    /* Early progression after response or stability, between the end of chemotherapy and
     * surgery, carries an extremely poor prognosis (Vigano 2018, seed:33): a hard stop. For a
     * patient already progressing on chemotherapy, later growth is the same progression. */
    const crlm_response_line *lr = x->f.latest_response;
    crlm_tri on = lr ? lr->progression_on_chemotherapy : CRLM_TRI_UNKNOWN;
    crlm_tri after = lr ? lr->progression_after_chemotherapy : CRLM_TRI_UNKNOWN;
    crlm_tri not_early = on == CRLM_TRI_TRUE ? CRLM_TRI_TRUE
                         : after == CRLM_TRI_TRUE ? CRLM_TRI_FALSE
                                                  : CRLM_TRI_UNKNOWN;
    cr[n] = (criterion){"response.progression_after_chemotherapy", not_early, ""};
    snprintf(cr[n].detail, sizeof cr[n].detail,
             "not an early progression after response or stability: %s", tri_word(not_early));
    n++;

    bool any_false = false, any_unknown = false;
    char met[640] = "";
    for (size_t i = 0; i < n; i++) {
        any_false |= cr[i].met == CRLM_TRI_FALSE;
        any_unknown |= cr[i].met == CRLM_TRI_UNKNOWN;
        size_t len = strlen(met);
        snprintf(met + len, sizeof met - len, "%s%s%s", len ? "; " : "", cr[i].detail,
                 cr[i].met == CRLM_TRI_FALSE ? " [not met]" : "");
    }
    const char *when = on == CRLM_TRI_TRUE && after == CRLM_TRI_TRUE ? "on and after"
                       : after == CRLM_TRI_TRUE                      ? "after the end of"
                                                                     : "on";
    if (any_false) {
        recommend(x, CRLM_PATH_SECOND_LINE_THEN_RESTAGE);
        because(x, "progression_second_line_restage",
                "Progression %s line %d: second-line chemotherapy and restaging. Selection "
                "for resection despite progression not met: %s.",
                when, x->f.latest_line ? x->f.latest_line->line : 1, met);
        regimen_second_line(x);
        return;
    }
    if (any_unknown) {
        recommend(x, CRLM_PATH_INSUFFICIENT_DATA);
        option(x, CRLM_PATH_SECOND_LINE_THEN_RESTAGE);
        option(x, CRLM_PATH_RESECTION_DESPITE_PROGRESSION);
        for (size_t i = 0; i < n; i++)
            if (cr[i].met == CRLM_TRI_UNKNOWN)
                need(x, cr[i].name);
        if (x->in->liver->resectable == CRLM_TRI_UNKNOWN)
            need_liver(x);
        because(x, "progressor_selection_unknown",
                "Progression %s line %d; whether resection despite progression can be offered "
                "turns on unknown inputs: %s.",
                when, x->f.latest_line ? x->f.latest_line->line : 1, met);
        return;
    }
    recommend(x, CRLM_PATH_RESECTION_DESPITE_PROGRESSION);
    option(x, CRLM_PATH_SECOND_LINE_THEN_RESTAGE);
    because(x, "progressor_selected_for_resection",
            "Progression %s line %d, but within every selection limit (%s): resection may be "
            "offered, with a less favourable prognosis than after response or stable disease "
            "(see prognosis). Second-line chemotherapy and restaging remain an option.",
            when, x->f.latest_line ? x->f.latest_line->line : 1, met);
    regimen_perioperative(x, "Postoperative chemotherapy");
}

void crlm_pathway_decide(const crlm_pathway_input *in, crlm_pathway *out)
{
    *out = (crlm_pathway){0};
    ctx x = {.in = in, .out = out};
    crlm__facts_derive(in, &x.f);
    const crlm_case *c = in->c;

    const crlm_response_line *rl = x.f.latest_response;
    if (x.f.chemo_given == CRLM_TRI_TRUE && rl) {
        out->response_group = rl->status == CRLM_LINE_RESPONSE      ? "response"
                              : rl->status == CRLM_LINE_STABLE      ? "stable"
                              : rl->status == CRLM_LINE_PROGRESSION ? "progression"
                                                                    : NULL;
        if (x.f.progressing == CRLM_TRI_TRUE)
            out->response_group = "progression";
    }

    /* 1. A symptomatic primary in place comes first (seed:3). */
    if (x.f.primary_in_place == CRLM_TRI_TRUE) {
        if (c->primary.symptomatic == CRLM_TRI_TRUE) {
            recommend(&x, CRLM_PATH_PRIMARY_FIRST);
            because(&x, "symptomatic_primary_first",
                    "The primary (%s) is in place and symptomatic (bleeding, obstruction or "
                    "perforation): treat it first, then systemic chemotherapy.",
                    crlm_enum_name(CRLM_ENUM_SITE, (int)c->primary.site)
                        ? crlm_enum_name(CRLM_ENUM_SITE, (int)c->primary.site)
                        : "site unknown");
            regimen_systemic(&x);
            return;
        }
        if (c->primary.symptomatic == CRLM_TRI_UNKNOWN) {
            recommend(&x, CRLM_PATH_INSUFFICIENT_DATA);
            option(&x, CRLM_PATH_PRIMARY_FIRST);
            need(&x, "primary.symptomatic");
            because(&x, "symptomatic_primary_first",
                    "The primary is in place and it is not recorded whether it is symptomatic; "
                    "a symptomatic primary is treated first.");
            return;
        }
    }
    /* 2. Unresectable extrahepatic disease (seed:9). */
    if (x.f.ehd_unresectable == CRLM_TRI_TRUE) {
        recommend(&x, CRLM_PATH_SYSTEMIC_THERAPY);
        because(&x, "extrahepatic_unresectable_systemic",
                "Extrahepatic disease that cannot be resected: systemic therapy; liver surgery "
                "is not curative-intent now.");
        regimen_systemic(&x);
        return;
    }
    /* 3-5. By chemotherapy history and response. */
    if (x.f.chemo_given == CRLM_TRI_UNKNOWN) {
        recommend(&x, CRLM_PATH_INSUFFICIENT_DATA);
        need(&x, "chemotherapy");
        because(&x, "chemotherapy_history_unknown",
                "The chemotherapy history is not recorded (an empty list means none was given).");
        return;
    }
    if (x.f.chemo_given == CRLM_TRI_FALSE) {
        untreated(&x);
        return;
    }
    if (x.f.progressing == CRLM_TRI_UNKNOWN) {
        recommend(&x, CRLM_PATH_INSUFFICIENT_DATA);
        char what[96];
        snprintf(what, sizeof what, "imaging evaluable after line %d started",
                 x.f.latest_line ? x.f.latest_line->line : 1);
        need(&x, what);
        because(&x, "response_unknown",
                "Line %d: the response is %s; restage (same modality, RECIST 1.1) before "
                "deciding.", x.f.latest_line ? x.f.latest_line->line : 1,
                rl ? crlm_line_status_name(rl->status) ? crlm_line_status_name(rl->status) : "unknown"
                   : "unknown");
        return;
    }
    if (x.f.progressing == CRLM_TRI_TRUE)
        progressing(&x);
    else
        controlled(&x);
}
