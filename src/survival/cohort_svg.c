/* Kaplan-Meier figure of a cohort (OS or DFS) as a self-contained SVG.
 *
 * Why it exists: a Table 1 row is read beside its survival curves; journals want them with
 * confidence bands and the numbers at risk under the time axis. One step curve per response
 * group, told apart by colour AND dash pattern (readable in greyscale and by colour-blind
 * readers: Okabe-Ito blue, bluish green, vermillion), a shaded 95 % band (R's log interval,
 * the same numbers as the JSON), short vertical censor ticks, axes in the cohort's time
 * unit with ticks at whole years (months: every 12 or 24, years: every 1 or 2) or round
 * numbers of days, and a numbers-at-risk table aligned on the ticks.
 *
 * Size: one path per curve with a point per event time and one polygon per band, so a cohort
 * of thousands of patients stays a small file. Every text goes through crlm_buf_xml_escape.
 * Coordinates are written with one decimal (0.1 px).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crlm/survival.h"

enum { W = 760, ML = 130, MR = 30, MT = 56, PH = 330, ROW_H = 20 };
#define PW (W - ML - MR)

static const char *const colours[CRLM_COHORT_NGROUPS] = {"#0072B2", "#009E73", "#D55E00"};
static const char *const dashes[CRLM_COHORT_NGROUPS] = {"none", "9 5", "2.5 3.5"};

typedef struct frame {
    double tmax, step;
} frame;

static double sx(const frame *f, double t) { return ML + PW * (t / f->tmax); }
static double sy(double s) { return MT + PH * (1.0 - s); }

/* A round tick step: whole years for months and years, 1-2-5 x 10^k for days (and for
 * months beyond ten decades: a mistyped time must not make millions of ticks). */
static double tick_step(double tmax, crlm_time_unit u)
{
    if (u == CRLM_TIME_MONTHS) {
        double steps[] = {3, 6, 12, 24, 36, 60, 120};
        for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
            if (tmax / steps[i] <= 10)
                return steps[i];
    }
    double mag = pow(10, floor(log10(tmax / 5)));
    double mult[] = {1, 2, 2.5, 5, 10};
    for (size_t i = 0; i < sizeof mult / sizeof *mult; i++)
        if (tmax / (mult[i] * mag) <= 10)
            return mult[i] * mag;
    return 10 * mag;
}

static void text(crlm_buf *b, double x, double y, const char *anchor, const char *attrs,
                 const char *s)
{
    crlm_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>", x, y, anchor, attrs);
    crlm_buf_xml_escape(b, s);
    crlm_buf_puts(b, "</text>\n");
}

/* The band as one polygon per run of steps whose two ends are finite (R gives NA where
 * S = 0). Steps: (0, 1, 1), then one per event time. */
static void band(crlm_buf *b, const frame *f, const crlm_km_curve *c, int g)
{
    size_t n = c->nrows, m = 1;
    for (size_t i = 0; i < n; i++)
        m += c->rows[i].n_event > 0;
    double *t = malloc(m * sizeof *t), *lo = malloc(m * sizeof *lo), *hi = malloc(m * sizeof *hi);
    if (!t || !lo || !hi) {
        free(t);
        free(lo);
        free(hi);
        b->failed = true;
        return;
    }
    t[0] = 0;
    lo[0] = hi[0] = 1;
    for (size_t i = 0, k = 1; i < n; i++)
        if (c->rows[i].n_event > 0) {
            t[k] = c->rows[i].time;
            lo[k] = c->rows[i].low;
            hi[k++] = c->rows[i].high;
        }
    double tend = n ? c->rows[n - 1].time : 0;
    for (size_t a = 0; a < m;) {
        if (!isfinite(lo[a]) || !isfinite(hi[a])) {
            a++;
            continue;
        }
        size_t e = a; /* last step of the run */
        while (e + 1 < m && isfinite(lo[e + 1]) && isfinite(hi[e + 1]))
            e++;
        double stop = e + 1 < m ? t[e + 1] : tend;
        crlm_buf_printf(b, "<path fill=\"%s\" fill-opacity=\"0.15\" d=\"M%.1f %.1f", colours[g],
                        sx(f, t[a]), sy(hi[a]));
        for (size_t k = a + 1; k <= e; k++)
            crlm_buf_printf(b, "H%.1fV%.1f", sx(f, t[k]), sy(hi[k]));
        crlm_buf_printf(b, "H%.1fV%.1f", sx(f, stop), sy(lo[e]));
        for (size_t k = e; k > a; k--)
            crlm_buf_printf(b, "H%.1fV%.1f", sx(f, t[k]), sy(lo[k - 1]));
        crlm_buf_printf(b, "H%.1fZ\"/>\n", sx(f, t[a]));
        a = e + 1;
    }
    free(t);
    free(lo);
    free(hi);
}

static void curve(crlm_buf *b, const frame *f, const crlm_km_curve *c, int g)
{
    size_t n = c->nrows;
    double tend = n ? c->rows[n - 1].time : 0, s = 1;
    crlm_buf_printf(b, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\"", colours[g]);
    if (dashes[g][0] != 'n')
        crlm_buf_printf(b, " stroke-dasharray=\"%s\"", dashes[g]);
    crlm_buf_printf(b, " d=\"M%.1f %.1f", sx(f, 0), sy(1));
    for (size_t i = 0; i < n; i++) {
        if (c->rows[i].n_event == 0 || c->rows[i].surv == s)
            continue;
        crlm_buf_printf(b, "H%.1fV%.1f", sx(f, c->rows[i].time), sy(c->rows[i].surv));
        s = c->rows[i].surv;
    }
    crlm_buf_printf(b, "H%.1f\"/>\n", sx(f, tend));
    /* censor ticks */
    crlm_buf_printf(b, "<path stroke=\"%s\" stroke-width=\"1.3\" d=\"", colours[g]);
    for (size_t i = 0; i < n; i++)
        if (c->rows[i].n_censor > 0)
            crlm_buf_printf(b, "M%.1f %.1fv7", sx(f, c->rows[i].time), sy(c->rows[i].surv) - 3.5);
    crlm_buf_puts(b, "\"/>\n");
}

void crlm_cohort_svg(const crlm_cohort_result *r, bool dfs, crlm_buf *b)
{
    const crlm_km_curve *cs[CRLM_COHORT_NGROUPS];
    size_t ncurves = 0;
    frame f = {.tmax = 0};
    for (int g = 0; g < CRLM_COHORT_NGROUPS; g++) {
        cs[g] = dfs ? r->groups[g].dfs : r->groups[g].os;
        if (cs[g] && cs[g]->nrows) {
            ncurves++;
            double t = cs[g]->rows[cs[g]->nrows - 1].time;
            if (t > f.tmax)
                f.tmax = t;
        }
    }
    if (!(f.tmax > 0))
        f.tmax = r->years_at[CRLM_COHORT_NYEARS - 1];
    f.step = tick_step(f.tmax, r->time_unit);
    f.tmax = ceil(f.tmax / f.step - 1e-9) * f.step;
    const char *unit = r->time_unit == CRLM_TIME_DAYS    ? "days"
                       : r->time_unit == CRLM_TIME_YEARS ? "years"
                                                         : "months";
    const char *what = dfs ? "Disease-free survival" : "Overall survival";
    int risk_top = MT + PH + 66;
    int H = risk_top + ROW_H * (int)(ncurves ? ncurves : 1) + 20;
    crlm_buf_printf(b,
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
                    "height=\"%d\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">\n",
                    W, H, W, H);
    crlm_buf_puts(b, "<title>");
    crlm_buf_xml_escape(b, what);
    crlm_buf_puts(b, " by response to preoperative chemotherapy (Kaplan-Meier)</title>\n");
    crlm_buf_printf(b, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n", W, H);
    char s[160];
    snprintf(s, sizeof s, "%s by response to preoperative chemotherapy", what);
    text(b, ML, 24, "start", " font-size=\"16\" font-weight=\"bold\"", s);
    if (r->dfs && dfs && r->dfs->logrank) {
        snprintf(s, sizeof s, "Log-rank p = %.3g", r->dfs->logrank->test.p);
        text(b, ML, 42, "start", " fill=\"#444\"", s);
    } else if (!dfs && r->os && r->os->logrank) {
        snprintf(s, sizeof s, "Log-rank p = %.3g", r->os->logrank->test.p);
        text(b, ML, 42, "start", " fill=\"#444\"", s);
    }
    /* grid and y axis */
    crlm_buf_puts(b, "<g stroke=\"#e4e4e4\" stroke-width=\"1\">\n");
    for (int k = 0; k <= 5; k++)
        crlm_buf_printf(b, "<path d=\"M%d %.1fH%d\"/>\n", ML, sy(k / 5.0), ML + PW);
    crlm_buf_puts(b, "</g>\n");
    for (int k = 0; k <= 5; k++) {
        snprintf(s, sizeof s, "%d%%", 20 * k);
        text(b, ML - 8, sy(k / 5.0) + 4.5, "end", "", s);
    }
    crlm_buf_printf(b, "<text transform=\"translate(%d %d) rotate(-90)\" text-anchor=\"middle\">",
                    ML - 52, MT + PH / 2);
    crlm_buf_xml_escape(b, what);
    crlm_buf_puts(b, "</text>\n");
    /* bands, then curves on top */
    for (int g = 0; g < CRLM_COHORT_NGROUPS; g++)
        if (cs[g] && cs[g]->nrows)
            band(b, &f, cs[g], g);
    for (int g = 0; g < CRLM_COHORT_NGROUPS; g++)
        if (cs[g] && cs[g]->nrows)
            curve(b, &f, cs[g], g);
    /* axes */
    crlm_buf_printf(b, "<path stroke=\"#222\" fill=\"none\" d=\"M%d %dV%dH%d\"/>\n", ML, MT,
                    MT + PH, ML + PW);
    /* At most about ten ticks by construction; the bound is a guard, not a layout rule. */
    int nticks = (int)fmin(round(f.tmax / f.step), 20.0);
    for (int k = 0; k <= nticks; k++) {
        double t = k * f.step;
        crlm_buf_printf(b, "<path stroke=\"#222\" d=\"M%.1f %dv5\"/>\n", sx(&f, t), MT + PH);
        snprintf(s, sizeof s, "%g", t);
        text(b, sx(&f, t), MT + PH + 19, "middle", "", s);
    }
    snprintf(s, sizeof s, "Time since resection (%s)", unit);
    text(b, ML + PW / 2.0, MT + PH + 40, "middle", "", s);
    /* legend, bottom left inside the plot (where survival curves rarely go) */
    char labels[CRLM_COHORT_NGROUPS][96];
    size_t maxlen = 0;
    for (int g = 0; g < CRLM_COHORT_NGROUPS; g++) {
        labels[g][0] = '\0';
        if (!cs[g] || !cs[g]->nrows)
            continue;
        snprintf(labels[g], sizeof labels[g], "%s (n = %zu, %zu events)", r->groups[g].group,
                 cs[g]->n, cs[g]->events);
        if (strlen(labels[g]) > maxlen)
            maxlen = strlen(labels[g]);
    }
    int nshown = (int)(ncurves ? ncurves : 1), li = 0;
    int lx = ML + 22, ly = MT + PH - 20 * nshown - 6;
    crlm_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%d\" fill=\"#fff\" "
                       "fill-opacity=\"0.9\" stroke=\"#ccc\"/>\n",
                    lx - 10, ly - 15, 56 + 7.0 * (double)maxlen, 20 * nshown + 8);
    for (int g = 0; g < CRLM_COHORT_NGROUPS; g++) {
        if (!labels[g][0])
            continue;
        double y = ly + 20.0 * li++;
        crlm_buf_printf(b, "<path stroke=\"%s\" stroke-width=\"2\" d=\"M%d %.1fh30\"", colours[g],
                        lx, y);
        if (dashes[g][0] != 'n')
            crlm_buf_printf(b, " stroke-dasharray=\"%s\"", dashes[g]);
        crlm_buf_puts(b, "/>\n");
        text(b, lx + 38, y + 4.5, "start", "", labels[g]);
    }
    /* numbers at risk */
    text(b, 10, risk_top - 8, "start", " font-weight=\"bold\"", "Number at risk");
    li = 0;
    for (int g = 0; g < CRLM_COHORT_NGROUPS; g++) {
        if (!cs[g] || !cs[g]->nrows)
            continue;
        double y = risk_top + ROW_H * (li++ + 0.75);
        char attrs[64];
        snprintf(attrs, sizeof attrs, " fill=\"%s\"", colours[g]);
        text(b, 10, y, "start", attrs, r->groups[g].group);
        for (int k = 0; k <= nticks; k++) {
            crlm_km_at a = crlm_km_curve_at(cs[g], k * f.step);
            snprintf(s, sizeof s, "%.0f", a.n_risk);
            text(b, sx(&f, k * f.step), y, "middle", "", s);
        }
    }
    crlm_buf_puts(b, "</svg>\n");
}
