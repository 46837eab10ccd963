/* Safety checks (codes from spec/report-format.md): what the board must see whatever is
 * recommended. Each check names its evidence and the values it used; thresholds come from the
 * profile. The response module adds its own (recist_selection, equivocal_new_lesion,
 * recist_review, recist_continuing_pr). A check whose inputs are unknown does not fire
 * silently "clear": where the question matters (a bevacizumab date, cycles) an info check
 * says what is unknown. */
#include <math.h>

#include "pathway/facts.h"

static const crlm_rule_info checks[] = {
    {"bevacizumab_interval", "chemotherapy.last_bevacizumab_on, plan.planned_on", "seed:34, gordon-2009",
     "critical under 28 days, warning 28-41 days", "Too little time between the last bevacizumab dose and the planned surgery."},
    {"remnant_inadequate", "liver.sflr_pct, liver.threshold_pct", "seed:8, shindoh-2013",
     "critical", "The standardized future liver remnant is under the threshold for this liver."},
    {"r2_expected", "plan.expected_margin", "seed:5, seed:9", "critical",
     "The planned resection is expected to leave macroscopic tumour (R2)."},
    {"extrahepatic_unresectable", "extrahepatic", "seed:9", "critical",
     "Extrahepatic disease that cannot be resected."},
    {"progression_on_second_line", "response.lines", "seed:9", "critical",
     "Progression during second-line chemotherapy, an independent predictor of worse survival."},
    {"two_stage_with_progression", "plan.procedure, response.progression_on_chemotherapy", "seed:7, seed:32",
     "warning", "A two-stage hepatectomy planned after progression on chemotherapy: more failures to complete the second stage."},
    {"early_progression_risk", "imaging dates, plan.planned_on", "seed:33", "warning",
     "More than the profile's days between the last imaging and the planned surgery."},
    {"restaging_required", "imaging dates, chemotherapy dates", "seed:33, seed:27", "warning",
     "No imaging since the latest line of chemotherapy started or ended: restage before deciding."},
    {"prolonged_chemotherapy", "chemotherapy.cycles", "karoui-2006, kishi-2010", "warning",
     "Cycles before surgery at or over the profile's limit (6: morbidity; 9: hepatic insufficiency)."},
    {"oxaliplatin_liver_injury", "chemotherapy.agents, chemotherapy.cycles", "robinson-2012, karoui-2006",
     "warning from 6 cycles, info below", "Oxaliplatin causes sinusoidal injury."},
    {"irinotecan_steatohepatitis", "chemotherapy.agents, patient.liver_condition, patient BMI",
     "vauthey-2006, robinson-2012", "warning with steatosis, steatohepatitis or BMI >= 30, info otherwise",
     "Irinotecan causes steatohepatitis."},
    {"remnant_volume_implausible", "patient.height_cm, patient.weight_kg, volumetry.flr_ml", "vauthey-2002, ribero-2013",
     "warning", "The estimated total liver volume is outside the profile's physiological range, or smaller than the remnant: the sFLR is not computed."},
    {"kgr_low", "volumetry, plan.pve_on", "shindoh-2013", "warning",
     "Kinetic growth rate after portal vein embolization under 2 %/week."},
    {"anti_egfr_resectable", "chemotherapy.agents, chemotherapy.intent, liver.resectable", "seed:17",
     "warning", "Cetuximab or panitumumab given perioperatively or for resectable disease (New EPOC)."},
    {"anti_egfr_right_sided", "chemotherapy.agents, primary.site, molecular", "seed:20, seed:25",
     "warning", "Anti-EGFR given for a right-sided or RAS-mutant tumour, where it brings no benefit."},
    {"recist_selection", "imaging", "eisenhauer-2009", "warning",
     "Target lesions chosen outside RECIST 1.1's limits; the response is still computed."},
    {"equivocal_new_lesion", "imaging", "eisenhauer-2009", "warning (info once a later study confirms it)",
     "An equivocal new lesion: re-image; if confirmed, progression dates from its first study."},
    {"recist_review", "imaging", "eisenhauer-2009", "info",
     "Complete response and the progression arithmetic both held (a node from 3 to 9 mm): CR was kept, as usually read; a reader should look."},
    {"recist_continuing_pr", "imaging", "recist.eortc.org, eisenhauer-2009", "info",
     "A target sum stable by arithmetic after a (confirmed) response without progression: the partial response continues (RECIST working group)."},
};

const crlm_rule_info *crlm_check_rules(size_t *n)
{
    *n = sizeof checks / sizeof checks[0];
    return checks;
}

static bool agent_any(const crlm_chemo_line *l, crlm_agent a, crlm_agent b)
{
    return crlm_line_has(l, a) || crlm_line_has(l, b);
}

static void bevacizumab(const crlm_pathway_input *in, const crlm__facts *f, crlm_checks *out)
{
    const crlm_profile *p = in->p;
    if (!f->bevacizumab_given)
        return;
    const char *ev = "seed:34, gordon-2009";
    double min_days = crlm_profile_num(p, CRLM_P_BEVACIZUMAB_MIN_DAYS);
    double crit = crlm_profile_num(p, CRLM_P_BEVACIZUMAB_CRITICAL_UNDER_DAYS);
    crlm_date surgery = in->c->plan.planned_on;
    if (!CRLM_DATE_KNOWN(f->last_bevacizumab)) {
        crlm_checks_add(out, "bevacizumab_interval", CRLM_SEV_INFO, ev,
                        "Bevacizumab was given but the date of the last dose is not recorded; "
                        "elective surgery needs at least %.0f days after it.", min_days);
        return;
    }
    char last[11];
    crlm_date_format(f->last_bevacizumab, last);
    if (!CRLM_DATE_KNOWN(surgery)) {
        crlm_date ok_from = f->last_bevacizumab + (crlm_date)min_days;
        char d[11];
        crlm_date_format(ok_from, d);
        crlm_checks_add(out, "bevacizumab_interval", CRLM_SEV_INFO, ev,
                        "Last bevacizumab on %s: plan elective surgery on or after %s (%.0f days).",
                        last, d, min_days);
        return;
    }
    /* Day differences are small integers: exact as doubles. */
    double days = (double)(surgery - f->last_bevacizumab);
    if (days >= min_days)
        return;
    char below[64] = "";
    if (days < crit)
        snprintf(below, sizeof below, ", and under the label's minimum of %.0f", crit);
    crlm_checks_add(out, "bevacizumab_interval", days < crit ? CRLM_SEV_CRITICAL : CRLM_SEV_WARNING,
                    ev,
                    "%.0f days between the last bevacizumab dose (%s) and the planned surgery; at "
                    "least %.0f are recommended (bleeding, wound healing, perforation)%s.",
                    days, last, min_days, below);
}

static void chemotherapy_load(const crlm_pathway_input *in, const crlm__facts *f, crlm_checks *out)
{
    const crlm_profile *p = in->p;
    if (f->chemo_given != CRLM_TRI_TRUE)
        return;
    double prolonged = crlm_profile_num(p, CRLM_P_PROLONGED_CHEMO_CYCLES);
    double kishi = crlm_profile_num(p, CRLM_P_FLR_CHEMO_CYCLES);
    if (f->cycles_total >= prolonged) {
        char kishi_text[120] = "";
        if (f->cycles_total >= kishi)
            snprintf(kishi_text, sizeof kishi_text,
                     "; from %.0f cycles more hepatic insufficiency, and the %.0f %% remnant "
                     "threshold applies",
                     kishi, crlm_profile_num(p, CRLM_P_FLR_CHEMOTHERAPY_PCT));
        crlm_checks_add(out, "prolonged_chemotherapy", CRLM_SEV_WARNING, "karoui-2006, kishi-2010",
                        "%s%d cycles before surgery (limit %.0f): more postoperative morbidity%s.",
                        f->cycles_unknown ? "at least " : "", f->cycles_total, prolonged,
                        kishi_text);
    } else if (f->cycles_unknown) {
        crlm_checks_add(out, "prolonged_chemotherapy", CRLM_SEV_INFO, "karoui-2006, kishi-2010",
                        "The number of cycles of some line is not recorded (%d counted); from %.0f "
                        "cycles morbidity rises.", f->cycles_total, prolonged);
    }
    if (f->oxaliplatin_given) {
        double warn = crlm_profile_num(p, CRLM_P_OXALIPLATIN_WARNING_CYCLES);
        bool many = f->oxaliplatin_cycles >= warn;
        crlm_checks_add(out, "oxaliplatin_liver_injury",
                        many ? CRLM_SEV_WARNING : CRLM_SEV_INFO, "robinson-2012, karoui-2006",
                        "Oxaliplatin, %s%d cycles: look for sinusoidal obstruction injury before "
                        "a major resection%s.", f->oxaliplatin_cycles_unknown ? "at least " : "",
                        f->oxaliplatin_cycles, many ? "" : " (under the warning limit)");
    }
    if (f->irinotecan_given) {
        crlm_liver_condition lc = in->c->patient.liver_condition;
        double bmi = crlm_patient_bmi(&in->c->patient);
        double limit = crlm_profile_num(p, CRLM_P_IRINOTECAN_BMI_WARNING);
        bool fatty = lc == CRLM_LIVER_STEATOSIS || lc == CRLM_LIVER_STEATOHEPATITIS;
        bool obese = CRLM_KNOWN(bmi) && bmi >= limit;
        char bmi_text[32] = "unknown";
        if (CRLM_KNOWN(bmi))
            snprintf(bmi_text, sizeof bmi_text, "%.1f", bmi);
        crlm_checks_add(out, "irinotecan_steatohepatitis",
                        fatty || obese ? CRLM_SEV_WARNING : CRLM_SEV_INFO,
                        "vauthey-2006, robinson-2012",
                        "Irinotecan given; liver %s, BMI %s: steatohepatitis raises postoperative "
                        "mortality.", crlm_enum_name(CRLM_ENUM_LIVER, (int)lc) ? crlm_enum_name(CRLM_ENUM_LIVER, (int)lc) : "condition unknown",
                        bmi_text);
    }
}

static void anti_egfr(const crlm_pathway_input *in, const crlm__facts *f, crlm_checks *out)
{
    const crlm_case *c = in->c;
    bool periop = false, any = false;
    for (size_t i = 0; i < c->n_lines; i++) {
        const crlm_chemo_line *l = &c->lines[i];
        if (!agent_any(l, CRLM_AGENT_CETUXIMAB, CRLM_AGENT_PANITUMUMAB))
            continue;
        any = true;
        if (l->intent == CRLM_INTENT_PERIOPERATIVE)
            periop = true;
    }
    if (!any)
        return;
    if (periop || in->liver->resectable == CRLM_TRI_TRUE)
        crlm_checks_add(out, "anti_egfr_resectable", CRLM_SEV_WARNING, "seed:17",
                        "Cetuximab or panitumumab %s: in resectable disease New EPOC found worse "
                        "progression-free survival with cetuximab.",
                        periop ? "in a perioperative line" : "while the disease is resectable");
    if (f->ras_mutant_or_right == CRLM_TRI_TRUE)
        crlm_checks_add(out, "anti_egfr_right_sided", CRLM_SEV_WARNING, "seed:20, seed:25",
                        "Anti-EGFR given for a %s tumour, where it brings no benefit.",
                        c->molecular.ras == CRLM_MUT_MUTANT ? "RAS-mutant" : "right-sided");
}

static void timing(const crlm_pathway_input *in, const crlm__facts *f, crlm_checks *out)
{
    const crlm_case *c = in->c;
    double max_days = crlm_profile_num(in->p, CRLM_P_RESTAGING_MAX_DAYS);
    if (CRLM_DATE_KNOWN(c->plan.planned_on) && CRLM_DATE_KNOWN(f->last_imaging)) {
        double gap = (double)(c->plan.planned_on - f->last_imaging);
        if (gap > max_days) {
            char d[11];
            crlm_date_format(f->last_imaging, d);
            crlm_checks_add(out, "early_progression_risk", CRLM_SEV_WARNING, "seed:33",
                            "%.0f days between the last imaging (%s) and the planned surgery "
                            "(over %.0f): early progression after chemotherapy carries a very "
                            "poor prognosis; restage close to surgery.", gap, d, max_days);
        }
    }
    if (f->chemo_given == CRLM_TRI_TRUE && f->latest_line) {
        const crlm_chemo_line *l = f->latest_line;
        bool after_start = CRLM_DATE_KNOWN(f->last_imaging) && f->last_imaging > l->started_on;
        bool after_end = CRLM_DATE_KNOWN(l->ended_on) && CRLM_DATE_KNOWN(f->last_imaging) &&
                         f->last_imaging >= l->ended_on;
        if (!after_start)
            crlm_checks_add(out, "restaging_required", CRLM_SEV_WARNING, "seed:27, seed:33",
                            "No imaging since line %d started: the response to it is unknown.",
                            l->line);
        else if (CRLM_DATE_KNOWN(l->ended_on) && !after_end)
            crlm_checks_add(out, "restaging_required", CRLM_SEV_WARNING, "seed:33",
                            "No imaging since line %d ended: progression between the end of "
                            "chemotherapy and surgery must be excluded.", l->line);
    }
}

void crlm_checks_run(const crlm_pathway_input *in, crlm_checks *out)
{
    crlm__facts f;
    crlm__facts_derive(in, &f);
    const crlm_case *c = in->c;
    const crlm_liver *lv = in->liver;
    if (c->plan.expected_margin == CRLM_MARGIN_R2)
        crlm_checks_add(out, "r2_expected", CRLM_SEV_CRITICAL, "seed:5, seed:9",
                        "The planned resection is expected to be R2; an R2 resection predicts "
                        "worse survival and is not a curative-intent operation.");
    if (f.ehd_unresectable == CRLM_TRI_TRUE)
        crlm_checks_add(out, "extrahepatic_unresectable", CRLM_SEV_CRITICAL, "seed:9",
                        "Extrahepatic disease that cannot be resected.");
    if (lv->adequate == CRLM_TRI_FALSE)
        crlm_checks_add(out, "remnant_inadequate", CRLM_SEV_CRITICAL, "seed:8, shindoh-2013",
                        "Standardized future liver remnant %.1f %% under the %.0f %% this liver "
                        "needs (%s).", lv->sflr_pct, lv->threshold_min_pct, lv->threshold_reason);
    if (lv->implausible == CRLM_LIVER_TLV_OUT_OF_RANGE)
        crlm_checks_add(out, "remnant_volume_implausible", CRLM_SEV_WARNING,
                        "vauthey-2002, ribero-2013",
                        "Estimated total liver volume %.0f mL (BSA %.2f m2, %s) is outside the "
                        "physiological %.0f-%.0f mL: the sFLR is not computed and the remnant "
                        "cannot be judged; check height, weight and the profile's TLV formula.",
                        lv->tlv_formula_ml, lv->bsa_m2, lv->bsa_formula,
                        crlm_profile_num(in->p, CRLM_P_TLV_PHYSIOLOGICAL_MIN_ML),
                        crlm_profile_num(in->p, CRLM_P_TLV_PHYSIOLOGICAL_MAX_ML));
    else if (lv->implausible == CRLM_LIVER_FLR_OVER_TLV)
        crlm_checks_add(out, "remnant_volume_implausible", CRLM_SEV_WARNING,
                        "vauthey-2002, ribero-2013",
                        "Future liver remnant %.0f mL is larger than the estimated total liver "
                        "volume %.0f mL (BSA %.2f m2, %s): an sFLR over 100 %% is impossible, "
                        "so it is not computed; check the volumetry, height and weight.",
                        lv->implausible_flr_ml, lv->tlv_estimated_ml, lv->bsa_m2,
                        lv->bsa_formula);
    if (lv->kgr_adequate == CRLM_TRI_FALSE)
        crlm_checks_add(out, "kgr_low", CRLM_SEV_WARNING, "shindoh-2013",
                        "Kinetic growth rate %.2f %%/week after portal vein embolization (under "
                        "%.0f): hepatic insufficiency risk 21.6 %% versus 0 %% above it.",
                        lv->kgr_pct_per_week, crlm_profile_num(in->p, CRLM_P_KGR_MIN_PCT_PER_WEEK));
    if (f.progression_second_line == CRLM_TRI_TRUE)
        crlm_checks_add(out, "progression_on_second_line", CRLM_SEV_CRITICAL, "seed:9",
                        "Progression during second-line chemotherapy: an independent predictor "
                        "of worse survival after resection (Adam 2017).");
    if (c->plan.procedure == CRLM_PROC_TWO_STAGE_HEPATECTOMY && in->response &&
        in->response->progression_on_chemotherapy == CRLM_TRI_TRUE)
        crlm_checks_add(out, "two_stage_with_progression", CRLM_SEV_WARNING, "seed:7, seed:32",
                        "Two-stage hepatectomy after progression on chemotherapy: more patients "
                        "fail to complete the second stage (Giuliante 2014).");
    bevacizumab(in, &f, out);
    chemotherapy_load(in, &f, out);
    anti_egfr(in, &f, out);
    timing(in, &f, out);
}
