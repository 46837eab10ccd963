/* crlm_assess: the one place that runs the modules in order over a case (DESIGN.md's flow:
 * scores, response and liver are pure functions of case and profile; the checks and the
 * pathway read their results; the prognosis reads the pathway's response group). */
#include <stdlib.h>
#include <string.h>

#include "report/report_internal.h"

/* Most severe first, the modules' order kept within a severity (a stable insertion sort:
 * a case has a dozen checks at most). */
static void sort_checks(crlm_checks *ch)
{
    for (size_t i = 1; i < ch->count; i++) {
        crlm_check tmp = ch->items[i];
        size_t j = i;
        while (j > 0 && ch->items[j - 1].severity < tmp.severity) {
            ch->items[j] = ch->items[j - 1];
            j--;
        }
        ch->items[j] = tmp;
    }
}

crlm_status crlm_assess(const crlm_case *c, const crlm_profile *p, crlm_report **out)
{
    *out = NULL;
    crlm_report *r = calloc(1, sizeof *r);
    if (!r)
        return CRLM_E_NOMEM;
    r->c = c;
    r->p = p;
    crlm_scores_compute(c, p, CRLM_AT_DIAGNOSIS, &r->scores[CRLM_AT_DIAGNOSIS]);
    crlm_scores_compute(c, p, CRLM_CURRENT, &r->scores[CRLM_CURRENT]);
    if (crlm_response_compute(c, p, &r->response) != CRLM_OK) {
        free(r);
        return CRLM_E_NOMEM;
    }
    crlm_liver_compute(c, p, &r->liver);
    for (size_t i = 0; i < r->response->checks.count && r->checks.count < CRLM_CHECKS_MAX; i++)
        r->checks.items[r->checks.count++] = r->response->checks.items[i];
    crlm_pathway_input in = {.c = c,
                             .p = p,
                             .now = &r->scores[CRLM_CURRENT],
                             .at_diagnosis = &r->scores[CRLM_AT_DIAGNOSIS],
                             .liver = &r->liver,
                             .response = r->response};
    crlm_checks_run(&in, &r->checks);
    sort_checks(&r->checks);
    crlm_pathway_decide(&in, &r->pathway);
    const crlm_score *fong = &r->scores[CRLM_CURRENT].fong;
    crlm_prognosis_compute(r->pathway.response_group, crlm_score_known(fong) ? fong->min : -1,
                           &r->prognosis);
    *out = r;
    return CRLM_OK;
}

void crlm_report_free(crlm_report *r)
{
    if (!r)
        return;
    crlm_response_free(r->response);
    free(r);
}

const crlm_case *crlm_report_case(const crlm_report *r) { return r->c; }

const crlm_scores *crlm_report_scores(const crlm_report *r, crlm_when when)
{
    return &r->scores[when == CRLM_CURRENT ? CRLM_CURRENT : CRLM_AT_DIAGNOSIS];
}

void crlm_report_write_spider_svg(const crlm_report *r, crlm_buf *out)
{
    crlm_response_write_spider_svg(r->response, r->c, out);
}

void crlm_report_set_what_if(crlm_report *changed, const crlm_report *original,
                             const crlm_what_if *what_if)
{
    changed->before = original;
    changed->what_if = what_if;
}

bool crlm__report_has_check(const crlm_report *r, const char *code)
{
    for (size_t i = 0; i < r->checks.count; i++)
        if (strcmp(r->checks.items[i].code, code) == 0)
            return true;
    return false;
}
