/* The five CRLM scores over ranges of inputs.
 *
 * Each factor is evaluated as a tri-state over the input's range: a count in [min, max]
 * satisfies "> 1" for sure when min > 1, surely not when max <= 1, and is unknown otherwise.
 * Points are then ranges and so are the scores. Cut-offs come from the profile; every
 * comparison is on the raw reported value (CEA 200.4 is over 200, never rounded).
 *
 * Sources: Fong 1999 (Ann Surg 230:309) and the review (seed:6); GAME, Margonis 2018 (Br J
 * Surg 105:1210); TBS, Sasaki 2018; m-CRS, Brudvik 2019 (Ann Surg 269:120); Konopke 2009.
 */
#include <limits.h>
#include <math.h>

#include "scores/scores_internal.h"

const char *crlm_input_name(crlm_input in)
{
    static const char *const names[] = {
#define N(id, name) name,
        CRLM_INPUT_TABLE(N)
#undef N
    };
    return (unsigned)in < CRLM_INPUT_COUNT ? names[in] : "";
}

const char *crlm_risk_name(crlm_risk r)
{
    switch (r) {
    case CRLM_RISK_LOW: return "low";
    case CRLM_RISK_MEDIUM: return "medium";
    case CRLM_RISK_HIGH: return "high";
    default: return NULL;
    }
}

#define BIT(in) (1u << CRLM_INPUT_##in)

static crlm_factor yes_no(const char *name, crlm_tri present, unsigned missing_if_unknown,
                          int points)
{
    crlm_factor f = {.name = name, .present = present};
    f.points_min = present == CRLM_TRI_TRUE ? points : 0;
    f.points_max = present == CRLM_TRI_FALSE ? 0 : points;
    if (present == CRLM_TRI_UNKNOWN)
        f.missing = missing_if_unknown;
    return f;
}

/* x in [lo, hi] compared with a cut-off: strictly over, or at least. */
static crlm_tri over(double lo, double hi, double cut, bool inclusive)
{
    if (isnan(lo) || isnan(hi))
        return CRLM_TRI_UNKNOWN;
    bool lo_in = inclusive ? lo >= cut : lo > cut;
    bool hi_in = inclusive ? hi >= cut : hi > cut;
    if (lo_in)
        return CRLM_TRI_TRUE;
    if (!hi_in)
        return CRLM_TRI_FALSE;
    return CRLM_TRI_UNKNOWN;
}

static crlm_tri count_over(const crlm_score_inputs *io, double cut, bool inclusive)
{
    return over(io->tumors_min, io->tumors_max == INT_MAX ? (double)INFINITY : (double)io->tumors_max, cut,
                inclusive);
}

static void finish(crlm_score *s, int medium_from, int high_from)
{
    s->min = s->max = 0;
    s->missing = 0;
    for (size_t i = 0; i < s->n_factors; i++) {
        s->min += s->factors[i].points_min;
        s->max += s->factors[i].points_max;
        s->missing |= s->factors[i].missing;
    }
    crlm_risk lo = s->min >= high_from ? CRLM_RISK_HIGH
                   : s->min >= medium_from ? CRLM_RISK_MEDIUM : CRLM_RISK_LOW;
    crlm_risk hi = s->max >= high_from ? CRLM_RISK_HIGH
                   : s->max >= medium_from ? CRLM_RISK_MEDIUM : CRLM_RISK_LOW;
    s->risk = lo == hi ? lo : CRLM_RISK_UNKNOWN;
}

static int param_int(const crlm_profile *p, crlm_param id)
{
    return (int)crlm_profile_num(p, id);
}

/* TBS = sqrt(largest_cm^2 + count^2). Zones are tested on squares in integer tenths of a
 * millimetre, so a boundary like TBS exactly 3 (3 tumours of 0 mm) is decided exactly. */
static int tbs_zone_of(double largest_mm, long count, double z2, double z3)
{
    if (isinf(largest_mm))
        return 3;
    long long tenths = llround(largest_mm * 10.0);
    /* (tenths/100 cm)^2 + n^2 >= z^2  <=>  tenths^2 + 10000 n^2 >= 10000 z^2 */
    long long lhs = tenths * tenths + 10000LL * count * count;
    if ((double)lhs >= 10000.0 * z3 * z3)
        return 3;
    if ((double)lhs >= 10000.0 * z2 * z2)
        return 2;
    return 1;
}

static void compute_tbs(const crlm_score_inputs *io, const crlm_profile *p, crlm_tbs *t)
{
    double z2 = crlm_profile_num(p, CRLM_P_TBS_ZONE2_FROM);
    double z3 = crlm_profile_num(p, CRLM_P_TBS_ZONE3_FROM);
    double nmax = io->tumors_max == INT_MAX ? (double)INFINITY : (double)io->tumors_max;
    t->min = hypot(io->largest_mm_min / 10.0, io->tumors_min);
    t->max = hypot(io->largest_mm_max / 10.0, nmax);
    t->missing = 0;
    if (io->tumors_min != io->tumors_max)
        t->missing |= BIT(TUMOR_COUNT);
    if (io->largest_mm_min != io->largest_mm_max)
        t->missing |= BIT(LARGEST_DIAMETER);
    t->value = t->missing ? NAN : t->min;
    int zlo = tbs_zone_of(io->largest_mm_min, io->tumors_min, z2, z3);
    int zhi = isinf(nmax) ? 3 : tbs_zone_of(io->largest_mm_max, io->tumors_max, z2, z3);
    t->zone = zlo == zhi ? zlo : 0;
}

static crlm_factor tbs_factor(const crlm_score_inputs *io, const crlm_profile *p,
                              const crlm_tbs *t)
{
    double z2 = crlm_profile_num(p, CRLM_P_TBS_ZONE2_FROM);
    double z3 = crlm_profile_num(p, CRLM_P_TBS_ZONE3_FROM);
    int zlo = tbs_zone_of(io->largest_mm_min, io->tumors_min, z2, z3);
    int zhi = io->tumors_max == INT_MAX ? 3
                                        : tbs_zone_of(io->largest_mm_max, io->tumors_max, z2, z3);
    crlm_factor f = {.name = "tumor_burden_score", .graded = true};
    f.points_min = zlo - 1;
    f.points_max = zhi - 1;
    f.present = zlo == zhi ? (zlo > 1 ? CRLM_TRI_TRUE : CRLM_TRI_FALSE) : CRLM_TRI_UNKNOWN;
    if (zlo != zhi)
        f.missing = t->missing;
    return f;
}

void crlm_scores_compute(const crlm_case *c, const crlm_profile *p, crlm_when when,
                         crlm_scores *out)
{
    *out = (crlm_scores){.when = when};
    crlm_score_inputs *io = &out->inputs;
    crlm__score_inputs(c, when, crlm_profile_num(p, CRLM_P_RECIST_TOO_SMALL_MM), io);
    double cea = io->cea_ng_ml;
    crlm_tri nodes = c->primary.node_positive;

    /* Fong: five factors, one point each (seed:6). */
    crlm_score *f = &out->fong;
    f->evidence = "fong-1999, seed:6";
    f->factors[0] = yes_no("node_positive", nodes, BIT(NODE_STATUS), 1);
    f->factors[1] = yes_no("dfi_under_12_months",
                           crlm_dfi_under_months(c, param_int(p, CRLM_P_FONG_DFI_MONTHS_UNDER)),
                           BIT(DFI), 1);
    f->factors[2] = yes_no("multiple_tumors",
                           count_over(io, crlm_profile_num(p, CRLM_P_FONG_TUMOR_COUNT_OVER), false),
                           BIT(TUMOR_COUNT), 1);
    f->factors[3] = yes_no("cea_over_200",
                           over(cea, cea, crlm_profile_num(p, CRLM_P_FONG_CEA_NG_ML_OVER), false),
                           BIT(CEA), 1);
    f->factors[4] = yes_no("largest_over_5_cm",
                           over(io->largest_mm_min, io->largest_mm_max,
                                crlm_profile_num(p, CRLM_P_FONG_LARGEST_MM_OVER), false),
                           BIT(LARGEST_DIAMETER), 1);
    f->n_factors = 5;
    int fong_high = param_int(p, CRLM_P_FONG_HIGH_RISK_FROM);
    finish(f, fong_high, fong_high);

    /* TBS and GAME (Margonis 2018): KRAS (or RAS, a profile choice), CEA >= 20,
     * node-positive primary, TBS band 0/1/2, extrahepatic disease 2 points. */
    compute_tbs(io, p, &out->tbs);
    crlm_score *g = &out->game;
    g->evidence = "margonis-2018";
    bool use_ras = crlm_profile_num(p, CRLM_P_GAME_MUTATION) == 1;
    crlm_mutation mut = use_ras ? c->molecular.ras : c->molecular.kras;
    g->factors[0] = yes_no(use_ras ? "ras_mutated" : "kras_mutated",
                           mut == CRLM_MUT_MUTANT      ? CRLM_TRI_TRUE
                           : mut == CRLM_MUT_WILD_TYPE ? CRLM_TRI_FALSE
                                                       : CRLM_TRI_UNKNOWN,
                           use_ras ? BIT(RAS) : BIT(KRAS), 1);
    g->factors[1] = yes_no("cea_at_least_20",
                           over(cea, cea, crlm_profile_num(p, CRLM_P_GAME_CEA_NG_ML_AT_LEAST), true),
                           BIT(CEA), 1);
    g->factors[2] = yes_no("node_positive", nodes, BIT(NODE_STATUS), 1);
    g->factors[3] = tbs_factor(io, p, &out->tbs);
    crlm_tri ehd = !c->extrahepatic_known ? CRLM_TRI_UNKNOWN
                   : c->n_extrahepatic > 0 ? CRLM_TRI_TRUE : CRLM_TRI_FALSE;
    g->factors[4] = yes_no("extrahepatic_disease", ehd, BIT(EXTRAHEPATIC), 2);
    g->n_factors = 5;
    finish(g, param_int(p, CRLM_P_GAME_MEDIUM_RISK_FROM), param_int(p, CRLM_P_GAME_HIGH_RISK_FROM));

    /* m-CRS (Brudvik 2019): RAS mutant, node-positive, largest > 5 cm. */
    crlm_score *m = &out->mcrs;
    m->evidence = "brudvik-2019";
    crlm_mutation ras = c->molecular.ras;
    m->factors[0] = yes_no("ras_mutated",
                           ras == CRLM_MUT_MUTANT      ? CRLM_TRI_TRUE
                           : ras == CRLM_MUT_WILD_TYPE ? CRLM_TRI_FALSE
                                                       : CRLM_TRI_UNKNOWN,
                           BIT(RAS), 1);
    m->factors[1] = yes_no("node_positive", nodes, BIT(NODE_STATUS), 1);
    m->factors[2] = yes_no("largest_over_5_cm",
                           over(io->largest_mm_min, io->largest_mm_max,
                                crlm_profile_num(p, CRLM_P_MCRS_LARGEST_MM_OVER), false),
                           BIT(LARGEST_DIAMETER), 1);
    m->n_factors = 3;
    finish(m, param_int(p, CRLM_P_MCRS_MEDIUM_RISK_FROM), param_int(p, CRLM_P_MCRS_HIGH_RISK_FROM));

    /* Konopke 2009: >= 4 tumours, CEA >= 200 (inclusive, unlike Fong), synchronous. */
    crlm_score *k = &out->konopke;
    k->evidence = "konopke-2009";
    k->factors[0] = yes_no("four_or_more_tumors",
                           count_over(io, crlm_profile_num(p, CRLM_P_KONOPKE_TUMOR_COUNT_AT_LEAST), true),
                           BIT(TUMOR_COUNT), 1);
    k->factors[1] = yes_no("cea_at_least_200",
                           over(cea, cea, crlm_profile_num(p, CRLM_P_KONOPKE_CEA_NG_ML_AT_LEAST), true),
                           BIT(CEA), 1);
    k->factors[2] = yes_no("synchronous", c->liver.synchronous, BIT(SYNCHRONOUS), 1);
    k->n_factors = 3;
    finish(k, param_int(p, CRLM_P_KONOPKE_MEDIUM_RISK_FROM),
           param_int(p, CRLM_P_KONOPKE_HIGH_RISK_FROM));
}
