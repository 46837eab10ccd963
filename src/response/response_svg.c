/* Pictures of response: the spider plot of one case (each target's and the sum's % change from
 * the baseline over weeks) and the waterfall plot of a cohort (best change per patient, sorted,
 * coloured by best overall response). Both carry the RECIST reference lines, +20 % (PD, taken
 * from the nadir, drawn from the baseline as is customary) and -30 % (PR).
 *
 * Self-contained SVG 1.1: xmlns and viewBox set, generic font families only, every text
 * escaped with crlm_buf_xml_escape, numbers printed with a fixed number of decimals so output
 * is stable. A waterfall of N patients has N <rect> elements (about 100 bytes each); a cohort of
 * a million patients gives a 100 MB picture, which is the price of one bar per patient. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "response/response_internal.h"

enum { W = 800, H = 480, ML = 70, MR = 150, MT = 40, MB = 50 };

static const char *const palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd",
                                      "#8c564b", "#e377c2", "#17becf", "#bcbd22"};

static double ymap(double v, double lo, double hi)
{
    return MT + (hi - v) / (hi - lo) * (H - MT - MB);
}

static void header(crlm_buf *b, const char *title)
{
    crlm_buf_printf(b,
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
                    "height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n"
                    "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n"
                    "<text x=\"%d\" y=\"22\" font-size=\"15\">",
                    W, H, W, H, W, H, ML);
    crlm_buf_xml_escape(b, title);
    crlm_buf_puts(b, "</text>\n");
}

/* y axis with ticks every `step` percent and the two RECIST lines */
static void y_axis(crlm_buf *b, double lo, double hi, double step, double x1)
{
    for (double v = ceil(lo / step) * step; v <= hi + 1e-9; v += step) {
        double y = ymap(v, lo, hi);
        crlm_buf_printf(b,
                        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>"
                        "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%+.0f%%</text>\n",
                        ML, y, x1, y, ML - 6, y + 4, v);
    }
    double y0 = ymap(0, lo, hi), y20 = ymap(20, lo, hi), y30 = ymap(-30, lo, hi);
    crlm_buf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000000\"/>\n",
                    ML, y0, x1, y0);
    crlm_buf_printf(b,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d62728\" "
                    "stroke-dasharray=\"6 4\"/><text x=\"%.1f\" y=\"%.1f\" fill=\"#d62728\">+20%% "
                    "(PD)</text>\n",
                    ML, y20, x1, y20, (double)ML + 6, y20 - 5);
    crlm_buf_printf(b,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#2ca02c\" "
                    "stroke-dasharray=\"6 4\"/><text x=\"%.1f\" y=\"%.1f\" fill=\"#2ca02c\">-30%% "
                    "(PR)</text>\n",
                    ML, y30, x1, y30, (double)ML + 6, y30 + 14);
    crlm_buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000000\"/>\n", ML,
                    MT, ML, H - MB);
}

static double lesion_pct(long base, long now)
{
    if (base <= 0 || now < 0)
        return NAN;
    return 100.0 * (double)(now - base) / (double)base;
}

void crlm_response_write_spider_svg(const crlm_response *r, const crlm_case *c, crlm_buf *b)
{
    char title[160];
    snprintf(title, sizeof title, "Change from baseline, case %s", c && c->id ? c->id : "-");
    header(b, title);
    if (!r || r->current_baseline == SIZE_MAX ||
        r->baselines[r->current_baseline].n_targets == 0) {
        crlm_buf_printf(b, "<text x=\"%d\" y=\"%d\">No target lesions to plot.</text>\n</svg>\n",
                        ML, H / 2);
        return;
    }
    size_t bi = r->current_baseline;
    const crlm_response_baseline *bl = &r->baselines[bi];
    double lo = -100, hi = 40, maxw = 1;
    for (size_t k = 0; k < r->n_timepoints; k++) {
        const crlm_response_timepoint *tp = &r->timepoints[k];
        if (tp->baseline != bi)
            continue;
        double w = (double)(tp->date - bl->date) / 7.0;
        if (w > maxw)
            maxw = w;
        for (size_t i = 0; i < tp->n_targets; i++) {
            double v = lesion_pct(bl->targets[i].diameter_tenths, tp->targets[i].diameter_tenths);
            if (isfinite(v) && v > hi)
                hi = v;
        }
        if (isfinite(tp->change_from_baseline_pct) && tp->change_from_baseline_pct > hi)
            hi = tp->change_from_baseline_pct;
    }
    hi = ceil(hi / 20.0) * 20.0;
    double x1 = W - MR;
    y_axis(b, lo, hi, 20, x1);
    /* x axis in weeks */
    double wstep = maxw <= 16 ? 2 : maxw <= 40 ? 4 : maxw <= 104 ? 8 : 26;
    for (double w = 0; w <= maxw + 1e-9; w += wstep) {
        double x = ML + w / maxw * (x1 - ML);
        crlm_buf_printf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f</text>\n", x,
                        H - MB + 16, w);
    }
    crlm_buf_printf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">weeks from baseline</text>\n",
                    (ML + x1) / 2, H - 12);
    crlm_buf_printf(b, "<text x=\"16\" y=\"%.1f\" transform=\"rotate(-90 16 %.1f)\" "
                       "text-anchor=\"middle\">change from baseline (%%)</text>\n",
                    (double)(MT + H - MB) / 2, (double)(MT + H - MB) / 2);
    /* one polyline per target, then the sum */
    for (size_t i = 0; i <= bl->n_targets; i++) {
        bool sum = i == bl->n_targets;
        const char *colour = sum ? "#000000" : palette[i % (sizeof palette / sizeof palette[0])];
        crlm_buf_printf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" points=\"%d,%.1f",
                        colour, sum ? "3" : "1.5", ML, ymap(0, lo, hi));
        double lx = ML, ly = ymap(0, lo, hi);
        for (size_t k = 0; k < r->n_timepoints; k++) {
            const crlm_response_timepoint *tp = &r->timepoints[k];
            if (tp->baseline != bi)
                continue;
            double v = sum ? tp->change_from_baseline_pct
                           : lesion_pct(bl->targets[i].diameter_tenths, tp->targets[i].diameter_tenths);
            if (!isfinite(v))
                continue;
            lx = ML + (double)(tp->date - bl->date) / 7.0 / maxw * (x1 - ML);
            ly = ymap(v, lo, hi);
            crlm_buf_printf(b, " %.1f,%.1f", lx, ly);
        }
        crlm_buf_puts(b, "\"/>\n");
        /* The legend sits in the right margin; the reference-line labels are inside the plot,
         * so the two never overlap. */
        double ly_legend = (double)MT + 40 + 16.0 * (double)i;
        crlm_buf_printf(b,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                        "stroke-width=\"%s\"/><text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">",
                        x1 + 6, ly_legend - 4, x1 + 22, ly_legend - 4, colour, sum ? "3" : "1.5",
                        x1 + 26, ly_legend, colour);
        crlm_buf_xml_escape(b, sum ? "sum of diameters" : bl->targets[i].id);
        crlm_buf_puts(b, "</text>\n");
        (void)lx;
        (void)ly;
    }
    crlm_buf_puts(b, "</svg>\n");
}

static const char *bor_colour(crlm_recist r)
{
    switch (r) {
    case CRLM_RECIST_CR: return "#1a7f37";
    case CRLM_RECIST_PR: return "#4caf50";
    case CRLM_RECIST_SD: return "#5b8def";
    case CRLM_RECIST_NON_CR_NON_PD: return "#90a4c8";
    case CRLM_RECIST_PD: return "#d62728";
    default: return "#b0b0b0";
    }
}

static int cmp_desc(const void *a, const void *b)
{
    const crlm_waterfall_point *x = a, *y = b;
    return (x->best_change_pct < y->best_change_pct) - (x->best_change_pct > y->best_change_pct);
}

void crlm_waterfall_write_svg(const crlm_waterfall_point *points, size_t n, const char *title,
                              crlm_buf *b)
{
    header(b, title ? title : "Best change from baseline");
    crlm_waterfall_point *p = n ? malloc(n * sizeof *p) : NULL;
    if (n && !p) {
        b->failed = true;
        return;
    }
    if (n)
        memcpy(p, points, n * sizeof *p);
    qsort(p, n, sizeof *p, cmp_desc);
    double lo = -100, hi = 40;
    for (size_t i = 0; i < n; i++)
        if (p[i].best_change_pct > hi)
            hi = p[i].best_change_pct;
    hi = ceil(hi / 20.0) * 20.0;
    double x1 = W - MR;
    y_axis(b, lo, hi, 20, x1);
    double bw = n ? (x1 - ML) / (double)n : 0, y0 = ymap(0, lo, hi);
    for (size_t i = 0; i < n; i++) {
        double y = ymap(p[i].best_change_pct, lo, hi);
        crlm_buf_printf(b, "<rect x=\"%.3f\" y=\"%.2f\" width=\"%.3f\" height=\"%.2f\" fill=\"%s\"/>\n",
                        ML + bw * (double)i, y < y0 ? y : y0, bw > 1.5 ? bw * 0.85 : bw,
                        fabs(y - y0), bor_colour(p[i].best_overall));
    }
    free(p);
    static const crlm_recist keys[] = {CRLM_RECIST_CR, CRLM_RECIST_PR, CRLM_RECIST_SD,
                                       CRLM_RECIST_NON_CR_NON_PD, CRLM_RECIST_PD, CRLM_RECIST_NE};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        double y = MT + 60 + 18.0 * (double)i;
        crlm_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                           "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
                        x1 + 4, y, bor_colour(keys[i]), x1 + 20, y + 10,
                        crlm_recist_name(keys[i]));
    }
    crlm_buf_printf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">patients (n = %zu), "
                       "sorted by best change</text>\n</svg>\n",
                    (ML + x1) / 2, H - 12, n);
}
