/* The report as one self-contained printable HTML page for the tumour board: what a clinician
 * prints or opens from the record, so it must work offline and forever. Hence no external
 * resource of any kind (no fonts, scripts, images or style sheets): the CSS and the spider plot
 * (SVG) are inline, fonts are the reader's system fonts, and the only links are #anchors to the
 * references section.
 *
 * Content mirrors the text and JSON renderers (report_text.c, report_json.c), laid out for a
 * board rather than a terminal: the recommendation and the safety checks come right after the
 * patient summary, then the evidence behind them (scores, response, remnant, prognosis).
 * Choices:
 *   - every string that did not come from this file goes through crlm_buf_xml_escape: lesion
 *     ids, regimens, messages and rationale texts carry case text; static names are escaped too,
 *     so no path can inject markup;
 *   - unknown values are written "unknown", never 0; score ranges as "3-4";
 *   - meaning never rests on colour alone: severities and judgements are also words, and the
 *     colours keep a contrast ratio of at least 4.5:1 on their backgrounds;
 *   - print: A4 with small margins, no background colours (borders carry the structure),
 *     tables, figures and short sections are not split across pages;
 *   - evidence ids are collected while rendering and explained once at the end (seed:N is
 *     reference N of the review; author-year otherwise), with the study named when the
 *     review's Table 1 has it.
 * A report is a few tens of kilobytes; everything is written straight into the caller's buffer.
 */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crlm/version.h"
#include "report/report_internal.h"

/* Far more distinct ids than any report cites (about 40 exist); extras are still cited inline,
 * only not listed. */
#define MAX_REFS 128

typedef struct ref_id {
    const char *s;
    size_t n;
} ref_id;

typedef struct html {
    crlm_buf *b;
    size_t n_refs;
    ref_id refs[MAX_REFS];
} html;

static const char css[] =
    ":root{--ink:#1b1f24;--muted:#4a5561;--line:#c5ccd4;--head:#eef1f4;--accent:#17406d}"
    "*{box-sizing:border-box}"
    "body{margin:0 auto;max-width:60rem;padding:1.5rem 1.25rem 3rem;color:var(--ink);"
    "background:#fff;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',"
    "Arial,sans-serif}"
    "h1{font-size:1.5rem;margin:0 0 .25rem;color:var(--accent)}"
    "h2{font-size:1.15rem;margin:1.6rem 0 .5rem;padding-bottom:.2rem;color:var(--accent);"
    "border-bottom:2px solid var(--accent)}"
    "h3{font-size:1rem;margin:1rem 0 .35rem}"
    "p{margin:.35rem 0}"
    ".meta{color:var(--muted);margin:0}"
    ".note{color:var(--muted);font-size:.9em}"
    ".disclaimer{border:2px solid #8a5a00;background:#fff8e6;padding:.5rem .75rem;margin:.75rem 0}"
    "table{border-collapse:collapse;width:100%;margin:.4rem 0 .6rem;font-size:.92em}"
    "caption{text-align:left;font-weight:600;padding:.2rem 0}"
    "th,td{border:1px solid var(--line);padding:.25rem .45rem;text-align:left;vertical-align:top}"
    "thead th{background:var(--head)}"
    "tbody th{font-weight:600;background:#f8f9fa}"
    ".nowrap,td.date,th.date{white-space:nowrap}"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "code{font-family:ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:.88em;"
    "color:var(--muted)}"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.4rem 0}"
    "dl.facts dt{font-weight:600}dl.facts dd{margin:0}"
    ".rec{border:2px solid var(--accent);border-left-width:.5rem;padding:.6rem .9rem;"
    "margin:.5rem 0 .8rem;background:#f2f6fb}"
    ".rec .label{font-size:1.3rem;font-weight:700;color:var(--accent);margin:0}"
    ".rec .label code{display:block;font-size:.62em;font-weight:400}"
    ".rec.insufficient{border-color:#8a5a00;background:#fff8e6}"
    ".rec.insufficient .label{color:#6b4500}"
    ".sev{display:inline-block;min-width:5.2rem;font-weight:700;padding:0 .35rem;"
    "border:1px solid currentColor;border-radius:3px;text-align:center}"
    ".sev-critical{color:#9b0000;background:#fdecec}"
    ".sev-warning{color:#6b4500;background:#fff3d6}"
    ".sev-info{color:#1d4f7a;background:#e9f2fb}"
    "tr.row-critical td{background:#fff7f7}"
    ".bad{color:#9b0000;font-weight:700}.good{color:#1e6b32;font-weight:600}"
    ".cite{color:var(--muted);font-size:.85em;white-space:nowrap}"
    ".cite a{color:#1d4f7a}"
    "ol.rationale li{margin:.3rem 0}"
    "figure{margin:.5rem 0}figure svg{display:block;max-width:100%;height:auto;"
    "border:1px solid var(--line)}"
    "figcaption{font-size:.88em;color:var(--muted);margin-top:.25rem}"
    "ul.refs{columns:2;font-size:.85em;padding-left:1.1rem}"
    "footer{margin-top:2rem;border-top:1px solid var(--line);padding-top:.5rem;font-size:.88em;"
    "color:var(--muted)}"
    "footer code{word-break:break-all}"
    "table,figure,.rec,dl.facts,.keep,tr{break-inside:avoid;page-break-inside:avoid}"
    "h2,h3,caption{break-after:avoid;page-break-after:avoid}"
    "@page{size:A4;margin:11mm 11mm 13mm}"
    "@media print{body{max-width:none;padding:0;font-size:9.5pt;line-height:1.35}"
    "h1{font-size:15pt}h2{font-size:12pt;margin-top:1rem}"
    ".disclaimer,.rec,.sev,thead th,tbody th,tr.row-critical td{background:none}"
    "a{color:inherit;text-decoration:none}"
    "figure svg{width:150mm;border:0}ul.refs{columns:3}}";

/* ---- small writers ----------------------------------------------------------------------- */

static void esc(crlm_buf *b, const char *s) { crlm_buf_xml_escape(b, s ? s : "unknown"); }

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void escf(crlm_buf *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    crlm_buf_xml_escape(b, tmp);
}

/* A snake_case name as words, acronyms in capitals ("dfi_under_12_months" -> "DFI under 12
 * months"), so factor and input names read as prose without a second naming table. */
static void words(crlm_buf *b, const char *name)
{
    static const char *const acronyms[] = {"dfi", "cea", "kras", "nras", "ras", "braf",
                                           "pve", "kgr", "flr", "tlv", "bsa", "egfr"};
    char tmp[128];
    snprintf(tmp, sizeof tmp, "%s", name ? name : "unknown");
    for (char *w = tmp; *w;) {
        size_t n = strcspn(w, "_");
        for (size_t i = 0; i < sizeof acronyms / sizeof acronyms[0]; i++)
            if (strlen(acronyms[i]) == n && strncmp(w, acronyms[i], n) == 0)
                for (size_t k = 0; k < n; k++)
                    w[k] = (char)toupper((unsigned char)w[k]);
        if (w[n] == '_')
            w[n++] = ' ';
        w += n;
    }
    crlm_buf_xml_escape(b, tmp);
}

static const char *tri_word(crlm_tri t)
{
    return t == CRLM_TRI_TRUE ? "yes" : t == CRLM_TRI_FALSE ? "no" : "unknown";
}

static void num(crlm_buf *b, const char *fmt, double x)
{
    if (CRLM_KNOWN(x) && isfinite(x))
        crlm_buf_printf(b, fmt, x);
    else
        crlm_buf_puts(b, "unknown");
}

static void date(crlm_buf *b, crlm_date d)
{
    char t[11];
    if (!CRLM_DATE_KNOWN(d)) {
        crlm_buf_puts(b, "unknown");
        return;
    }
    crlm_date_format(d, t);
    crlm_buf_puts(b, t);
}

static void pct_change(crlm_buf *b, double x)
{
    if (isfinite(x))
        crlm_buf_printf(b, "%+.1f&#8239;%%", x);
    else
        crlm_buf_puts(b, "unknown");
}

/* Names of the set bits of `mask`, "none" when empty. */
static void mask_names(crlm_buf *b, unsigned mask, int count, const char *(*name)(int))
{
    bool first = true;
    for (int i = 0; i < count; i++)
        if (mask & (1u << i)) {
            crlm_buf_puts(b, first ? "" : ", ");
            words(b, name(i));
            first = false;
        }
    if (first)
        crlm_buf_puts(b, "none");
}

static const char *input_name(int i) { return crlm_input_name((crlm_input)i); }
static const char *liver_input_name(int i) { return crlm_liver_input_name((crlm_liver_input)i); }
static const char *regimen_name(int i) { return crlm_regimen_name((crlm_regimen)i); }
static const char *avoid_name(int i) { return crlm_avoid_name((crlm_avoid)i); }

/* ---- evidence ---------------------------------------------------------------------------- */

/* The anchor of an id: ids are [a-z0-9:-]; anything else becomes '-' so the anchor is always
 * a plain token. */
static void ref_anchor(crlm_buf *b, const char *s, size_t n)
{
    crlm_buf_puts(b, "ref-");
    for (size_t i = 0; i < n; i++)
        crlm_buf_putc(b, isalnum((unsigned char)s[i]) ? s[i] : '-');
}

static void remember(html *h, const char *s, size_t n)
{
    for (size_t i = 0; i < h->n_refs; i++)
        if (h->refs[i].n == n && memcmp(h->refs[i].s, s, n) == 0)
            return;
    if (h->n_refs < MAX_REFS)
        h->refs[h->n_refs++] = (ref_id){s, n};
}

/* "seed:34, gordon-2009" -> [seed:34, gordon-2009] as links to the references section. The
 * evidence strings are static, so remembering pointers into them is safe. */
static void cite(html *h, const char *list)
{
    if (!list || !*list)
        return;
    crlm_buf *b = h->b;
    crlm_buf_puts(b, " <span class=\"cite\">[");
    for (const char *s = list; s && *s;) {
        while (*s == ' ' || *s == ',')
            s++;
        size_t n = strcspn(s, ", ");
        if (n == 0)
            break;
        char id[64];
        snprintf(id, sizeof id, "%.*s", (int)(n < 63 ? n : 63), s);
        if (s != list)
            crlm_buf_puts(b, ", ");
        crlm_buf_puts(b, "<a href=\"#");
        ref_anchor(b, s, n);
        crlm_buf_puts(b, "\">");
        crlm_buf_xml_escape(b, id);
        crlm_buf_puts(b, "</a>");
        remember(h, s, n);
        s += n;
    }
    crlm_buf_puts(b, "]</span>");
}

static long seed_number(const ref_id *r)
{
    if (r->n > 5 && memcmp(r->s, "seed:", 5) == 0)
        return strtol(r->s + 5, NULL, 10);
    return -1;
}

/* The review's references first, by number, then author-year ids alphabetically. */
static int ref_cmp(const void *a, const void *b)
{
    const ref_id *x = a, *y = b;
    long nx = seed_number(x), ny = seed_number(y);
    if (nx >= 0 || ny >= 0)
        return nx < 0 ? 1 : ny < 0 ? -1 : (nx > ny) - (nx < ny);
    size_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->s, y->s, n);
    return c ? c : (x->n > y->n) - (x->n < y->n);
}

static void references(html *h)
{
    crlm_buf *b = h->b;
    qsort(h->refs, h->n_refs, sizeof h->refs[0], ref_cmp);
    size_t n_t1;
    const crlm_evidence_row *t1 = crlm_evidence_table1(&n_t1);
    crlm_buf_puts(b, "<section id=\"references\" aria-labelledby=\"h-refs\"><h2 id=\"h-refs\">"
                     "References</h2><p class=\"note\"><code>seed:N</code> is reference N of "
                     "Araujo et al., <i>World J Gastrointest Surg</i> 2022;14(9):877-886, the "
                     "review this engine follows; other ids name the first author and year, or a "
                     "web source by its host name."
                     "</p><ul class=\"refs\">");
    for (size_t i = 0; i < h->n_refs; i++) {
        const ref_id *r = &h->refs[i];
        char id[64];
        snprintf(id, sizeof id, "%.*s", (int)(r->n < 63 ? r->n : 63), r->s);
        crlm_buf_puts(b, "<li id=\"");
        ref_anchor(b, r->s, r->n);
        crlm_buf_puts(b, "\"><code>");
        crlm_buf_xml_escape(b, id);
        crlm_buf_puts(b, "</code>: ");
        long seed = seed_number(r);
        if (seed >= 0) {
            crlm_buf_printf(b, "Araujo 2022, reference %ld", seed);
            for (size_t k = 0; k < n_t1; k++)
                if (t1[k].ref && strcmp(t1[k].ref, id) == 0) {
                    crlm_buf_puts(b, " (");
                    esc(b, t1[k].study);
                    crlm_buf_printf(b, " et al., %d)", t1[k].year);
                    break;
                }
        } else {
            const char *dash = strrchr(id, '-');
            if (strchr(id, '.')) { /* a web source named by its host */
                crlm_buf_puts(b, "web source https://");
                crlm_buf_xml_escape(b, id);
            } else if (dash && dash != id) {
                char author[64];
                snprintf(author, sizeof author, "%.*s", (int)(dash - id), id);
                author[0] = (char)toupper((unsigned char)author[0]);
                escf(b, "%s et al., %s", author, dash + 1);
            } else {
                crlm_buf_xml_escape(b, id);
            }
        }
        crlm_buf_puts(b, "</li>");
    }
    crlm_buf_puts(b, "</ul></section>");
}

/* ---- patient ----------------------------------------------------------------------------- */

static void fact(crlm_buf *b, const char *term) { crlm_buf_printf(b, "<dt>%s</dt><dd>", term); }

static void enum_word(crlm_buf *b, crlm_enum_kind kind, int value)
{
    words(b, crlm_enum_name(kind, value));
}

/* "t3" -> "T3", "n2a" -> "N2a" */
static void stage(crlm_buf *b, crlm_enum_kind kind, int value)
{
    const char *s = crlm_enum_name(kind, value);
    char t[16];
    snprintf(t, sizeof t, "%s", s ? s : "?");
    t[0] = (char)toupper((unsigned char)t[0]);
    crlm_buf_xml_escape(b, t);
}

static void patient(html *h, const crlm_case *c)
{
    crlm_buf *b = h->b;
    crlm_buf_puts(b, "<section id=\"patient\" aria-labelledby=\"h-patient\"><h2 id=\"h-patient\">"
                     "Patient summary</h2><dl class=\"facts\">");
    fact(b, "Case");
    esc(b, c->id);
    crlm_buf_puts(b, "</dd>");
    fact(b, "Assessed on");
    date(b, c->assessed_on);
    if (c->assessed_on_derived)
        crlm_buf_puts(b, " (latest date in the case)");
    crlm_buf_puts(b, "</dd>");
    fact(b, "Age, sex");
    if (c->patient.age_years >= 0)
        crlm_buf_printf(b, "%d years", c->patient.age_years);
    else
        crlm_buf_puts(b, "age unknown");
    crlm_buf_puts(b, ", ");
    esc(b, c->patient.sex ? crlm_enum_name(CRLM_ENUM_SEX, (int)c->patient.sex) : "sex unknown");
    if (c->patient.ecog >= 0)
        crlm_buf_printf(b, "; ECOG %d", c->patient.ecog);
    crlm_buf_puts(b, "; liver condition ");
    enum_word(b, CRLM_ENUM_LIVER, (int)c->patient.liver_condition);
    crlm_buf_puts(b, "</dd>");

    const crlm_primary *p = &c->primary;
    fact(b, "Primary tumour");
    enum_word(b, CRLM_ENUM_SITE, (int)p->site);
    crlm_buf_puts(b, p->side == CRLM_SIDE_RIGHT  ? ", right-sided"
                     : p->side == CRLM_SIDE_LEFT ? ", left-sided"
                                                 : ", side unknown");
    if (p->t_stage || p->n_stage) {
        crlm_buf_puts(b, "; ");
        if (p->t_stage)
            stage(b, CRLM_ENUM_TSTAGE, (int)p->t_stage);
        if (p->t_stage && p->n_stage)
            crlm_buf_putc(b, ' ');
        if (p->n_stage)
            stage(b, CRLM_ENUM_NSTAGE, (int)p->n_stage);
    }
    crlm_buf_puts(b, "; diagnosed ");
    date(b, p->diagnosed_on);
    crlm_buf_puts(b, ", ");
    if (CRLM_DATE_KNOWN(p->resected_on)) {
        crlm_buf_puts(b, "resected ");
        date(b, p->resected_on);
    } else {
        crlm_buf_puts(b, "in place or resection not recorded");
    }
    crlm_buf_puts(b, "</dd>");
    fact(b, "Node status");
    crlm_buf_puts(b, p->node_positive == CRLM_TRI_TRUE    ? "positive"
                     : p->node_positive == CRLM_TRI_FALSE ? "negative"
                                                          : "unknown");
    if (p->node_positive_derived)
        crlm_buf_puts(b, " (from the N stage)");
    crlm_buf_puts(b, "</dd>");

    const crlm_molecular *m = &c->molecular;
    fact(b, "Molecular");
    crlm_buf_puts(b, "RAS ");
    enum_word(b, CRLM_ENUM_MUTATION, (int)m->ras);
    crlm_buf_puts(b, " (KRAS ");
    enum_word(b, CRLM_ENUM_MUTATION, (int)m->kras);
    crlm_buf_puts(b, ", NRAS ");
    enum_word(b, CRLM_ENUM_MUTATION, (int)m->nras);
    crlm_buf_puts(b, "); BRAF V600E ");
    enum_word(b, CRLM_ENUM_MUTATION, (int)m->braf_v600e);
    crlm_buf_puts(b, "; MSI ");
    crlm_buf_puts(b, m->msi == CRLM_MSI_HIGH ? "high" : m->msi == CRLM_MSI_MSS ? "stable (MSS)"
                                                                              : "unknown");
    crlm_buf_puts(b, "</dd>");

    fact(b, "Liver metastases");
    crlm_buf_puts(b, c->liver.synchronous == CRLM_TRI_TRUE    ? "synchronous"
                     : c->liver.synchronous == CRLM_TRI_FALSE ? "metachronous"
                                                              : "timing unknown");
    if (c->liver.synchronous_derived)
        crlm_buf_puts(b, " (from the dates)");
    crlm_buf_puts(b, "; detected ");
    date(b, c->liver.detected_on);
    crlm_buf_printf(b, "; bilobar %s</dd>", tri_word(c->liver.bilobar));

    fact(b, "Extrahepatic disease");
    if (!c->extrahepatic_known)
        crlm_buf_puts(b, "unknown");
    else if (c->n_extrahepatic == 0)
        crlm_buf_puts(b, "none");
    for (size_t i = 0; i < c->n_extrahepatic; i++) {
        crlm_buf_puts(b, i ? "; " : "");
        enum_word(b, CRLM_ENUM_EHSITE, (int)c->extrahepatic[i].site);
        crlm_buf_printf(b, " (resectable %s)", tri_word(c->extrahepatic[i].resectable));
    }
    crlm_buf_puts(b, "</dd>");

    fact(b, "Chemotherapy");
    if (!c->chemotherapy_known)
        crlm_buf_puts(b, "unknown");
    else if (c->n_lines == 0)
        crlm_buf_puts(b, "none");
    for (size_t i = 0; i < c->n_lines; i++) {
        const crlm_chemo_line *l = &c->lines[i];
        crlm_buf_printf(b, "%sline %d ", i ? "<br>" : "", l->line);
        if (l->intent) {
            crlm_buf_putc(b, '(');
            enum_word(b, CRLM_ENUM_INTENT, (int)l->intent);
            crlm_buf_puts(b, ") ");
        }
        esc(b, l->regimen ? l->regimen : "regimen unknown");
        if (l->cycles >= 0)
            crlm_buf_printf(b, ", %d cycle%s", l->cycles, l->cycles == 1 ? "" : "s");
        crlm_buf_puts(b, ", ");
        date(b, l->started_on);
        crlm_buf_puts(b, " to ");
        if (CRLM_DATE_KNOWN(l->ended_on))
            date(b, l->ended_on);
        else
            crlm_buf_puts(b, "ongoing");
    }
    crlm_buf_puts(b, "</dd>");

    fact(b, "Planned procedure");
    enum_word(b, CRLM_ENUM_PROCEDURE, (int)c->plan.procedure);
    crlm_buf_puts(b, ", planned on ");
    date(b, c->plan.planned_on);
    crlm_buf_puts(b, "; expected margin ");
    if (c->plan.expected_margin)
        stage(b, CRLM_ENUM_MARGIN, (int)c->plan.expected_margin);
    else
        crlm_buf_puts(b, "unknown");
    crlm_buf_puts(b, "</dd></dl></section>");
}

/* ---- pathway and checks ------------------------------------------------------------------ */

static const char *const path_labels[CRLM_PATH_COUNT] = {
    [CRLM_PATH_PRIMARY_FIRST] = "Treat the primary tumour first",
    [CRLM_PATH_UPFRONT_RESECTION] = "Upfront liver resection",
    [CRLM_PATH_PERIOPERATIVE_CHEMOTHERAPY] = "Perioperative chemotherapy and resection",
    [CRLM_PATH_CONVERSION_CHEMOTHERAPY] = "Conversion chemotherapy, then restage",
    [CRLM_PATH_RESECTION_AFTER_CHEMOTHERAPY] = "Resection after chemotherapy",
    [CRLM_PATH_REMNANT_AUGMENTATION] =
        "Remnant augmentation (portal vein embolization or two-stage hepatectomy), then resection",
    [CRLM_PATH_RESECTION_DESPITE_PROGRESSION] = "Resection despite progression (selected patients)",
    [CRLM_PATH_SECOND_LINE_THEN_RESTAGE] = "Second-line chemotherapy, then restage",
    [CRLM_PATH_SYSTEMIC_THERAPY] = "Systemic therapy (not a surgical candidate now)",
    [CRLM_PATH_INSUFFICIENT_DATA] = "Insufficient data: a decisive input is unknown",
};
static const char *const regimen_labels[CRLM_REGIMEN_COUNT] = {
    [CRLM_REGIMEN_DOUBLET] = "doublet (FOLFOX or CAPOX)",
    [CRLM_REGIMEN_DOUBLET_ANTI_EGFR] = "doublet with anti-EGFR (cetuximab or panitumumab)",
    [CRLM_REGIMEN_DOUBLET_BEVACIZUMAB] = "doublet with bevacizumab",
    [CRLM_REGIMEN_FOLFOXIRI_BEVACIZUMAB] = "FOLFOXIRI with bevacizumab",
    [CRLM_REGIMEN_SECOND_LINE] = "second-line chemotherapy",
};
static const char *const avoid_labels[CRLM_AVOID_COUNT] = {
    [CRLM_AVOID_ANTI_EGFR_PERIOPERATIVE] = "anti-EGFR around the resection (New EPOC)",
    [CRLM_AVOID_ANTI_EGFR] = "anti-EGFR (RAS mutant or right-sided)",
};

static void path_label(crlm_buf *b, crlm_pathway_code code)
{
    const char *label = code > 0 && code < CRLM_PATH_COUNT ? path_labels[code] : NULL;
    esc(b, label ? label : "No recommendation");
    crlm_buf_puts(b, " <code>");
    esc(b, crlm_pathway_name(code));
    crlm_buf_puts(b, "</code>");
}

/* Label and code of each set bit, separated by semicolons. */
static void labelled_list(crlm_buf *b, unsigned mask, int count, const char *const *labels,
                          const char *(*name)(int))
{
    bool first = true;
    for (int i = 0; i < count; i++)
        if (mask & (1u << i)) {
            crlm_buf_puts(b, first ? "" : "; ");
            esc(b, labels[i] ? labels[i] : name(i));
            crlm_buf_puts(b, " <code>");
            esc(b, name(i));
            crlm_buf_puts(b, "</code>");
            first = false;
        }
}

static void pathway(html *h, const crlm_pathway *pw)
{
    crlm_buf *b = h->b;
    bool insufficient = pw->recommendation == CRLM_PATH_INSUFFICIENT_DATA;
    crlm_buf_puts(b, "<section id=\"pathway\" aria-labelledby=\"h-pathway\"><h2 id=\"h-pathway\">"
                     "Recommended pathway</h2>");
    crlm_buf_printf(b, "<div class=\"rec%s\"><p class=\"label\" id=\"recommendation\">",
                    insufficient ? " insufficient" : "");
    path_label(b, pw->recommendation);
    crlm_buf_puts(b, "</p>");
    if (pw->missing[0]) {
        crlm_buf_puts(b, "<p><strong>Decisive inputs missing:</strong> ");
        esc(b, pw->missing);
        crlm_buf_puts(b, "</p>");
    }
    crlm_buf_puts(b, "<p class=\"note\">Advice for the tumour board to weigh, not a decision.</p>"
                     "</div>");

    unsigned others = pw->options & ~(1u << pw->recommendation) & ~1u;
    if (others) {
        crlm_buf_puts(b, "<h3>Other reasonable options</h3><ul>");
        for (int i = 1; i < CRLM_PATH_COUNT; i++)
            if (others & (1u << i)) {
                crlm_buf_puts(b, "<li>");
                path_label(b, (crlm_pathway_code)i);
                crlm_buf_puts(b, "</li>");
            }
        crlm_buf_puts(b, "</ul>");
    }
    if (pw->suggested || pw->avoid) {
        crlm_buf_puts(b, "<h3>Regimen</h3><dl class=\"facts\">");
        if (pw->suggested) {
            crlm_buf_puts(b, "<dt>Suggested</dt><dd>");
            labelled_list(b, pw->suggested, CRLM_REGIMEN_COUNT, regimen_labels, regimen_name);
            crlm_buf_puts(b, "</dd>");
        }
        if (pw->avoid) {
            crlm_buf_puts(b, "<dt>Avoid</dt><dd>");
            labelled_list(b, pw->avoid, CRLM_AVOID_COUNT, avoid_labels, avoid_name);
            crlm_buf_puts(b, "</dd>");
        }
        crlm_buf_puts(b, "</dl>");
    }
    crlm_buf_puts(b, "<h3>Rationale</h3>");
    if (pw->n_rationale == 0)
        crlm_buf_puts(b, "<p>No rule fired.</p>");
    else
        crlm_buf_puts(b, "<ol class=\"rationale\">");
    for (size_t i = 0; i < pw->n_rationale; i++) {
        const crlm_rationale *ra = &pw->rationale[i];
        crlm_buf_puts(b, "<li>");
        esc(b, ra->text);
        crlm_buf_puts(b, " <code>");
        esc(b, ra->rule);
        crlm_buf_puts(b, "</code>");
        cite(h, ra->evidence);
        crlm_buf_puts(b, "</li>");
    }
    if (pw->n_rationale)
        crlm_buf_puts(b, "</ol>");
    crlm_buf_puts(b, "</section>");
}

static void checks(html *h, const crlm_checks *ch)
{
    static const char *const sev_class[] = {"info", "warning", "critical"};
    static const char *const sev_word[] = {"Info", "Warning", "Critical"};
    crlm_buf *b = h->b;
    crlm_buf_puts(b, "<section id=\"checks\" aria-labelledby=\"h-checks\"><h2 id=\"h-checks\">"
                     "Safety checks</h2>");
    if (ch->count == 0) {
        crlm_buf_puts(b, "<p>No safety check fired.</p></section>");
        return;
    }
    crlm_buf_puts(b, "<table><thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Check"
                     "</th><th scope=\"col\">Finding</th><th scope=\"col\">Evidence</th></tr>"
                     "</thead><tbody>");
    for (size_t i = 0; i < ch->count; i++) {
        const crlm_check *k = &ch->items[i];
        size_t s = k->severity <= CRLM_SEV_CRITICAL ? (size_t)k->severity : 0;
        crlm_buf_printf(b, "<tr class=\"row-%s\"><td><span class=\"sev sev-%s\">%s</span></td>"
                           "<td><code>",
                        sev_class[s], sev_class[s], sev_word[s]);
        esc(b, k->code);
        crlm_buf_puts(b, "</code></td><td>");
        esc(b, k->message);
        crlm_buf_puts(b, "</td><td>");
        cite(h, k->evidence);
        crlm_buf_puts(b, "</td></tr>");
    }
    crlm_buf_puts(b, "</tbody></table></section>");
}

/* ---- scores ------------------------------------------------------------------------------ */

static const struct {
    const char *label;
    size_t offset;
} score_rows[] = {{"Fong clinical risk score (0-5)", offsetof(crlm_scores, fong)},
                  {"GAME (0-7)", offsetof(crlm_scores, game)},
                  {"m-CRS (0-3)", offsetof(crlm_scores, mcrs)},
                  {"Konopke (0-3)", offsetof(crlm_scores, konopke)}};

static const crlm_score *score_at(const crlm_scores *s, size_t row)
{
    return (const crlm_score *)(const void *)((const char *)s + score_rows[row].offset);
}

static void score_cell(crlm_buf *b, const crlm_score *s)
{
    const char *risk = crlm_risk_name(s->risk);
    if (crlm_score_known(s))
        crlm_buf_printf(b, "<td><strong>%d</strong>", s->min);
    else
        crlm_buf_printf(b, "<td><strong>%d-%d</strong> (range)", s->min, s->max);
    crlm_buf_puts(b, risk ? ", " : ", risk group unknown");
    if (risk) {
        esc(b, risk);
        crlm_buf_puts(b, " risk");
    }
    crlm_buf_puts(b, "</td>");
}

static void tbs_cell(crlm_buf *b, const crlm_tbs *t)
{
    static const char *const zones[] = {"zone unknown", "zone 1 (low)", "zone 2 (medium)",
                                        "zone 3 (high)"};
    const char *zone = t->zone >= 0 && t->zone <= 3 ? zones[t->zone] : zones[0];
    if (isfinite(t->value))
        crlm_buf_printf(b, "<td><strong>%.2f</strong>, %s</td>", t->value, zone);
    else if (isfinite(t->min) && isinf(t->max))
        crlm_buf_printf(b, "<td><strong>&#8805;&#8239;%.2f</strong> (range), %s</td>", t->min, zone);
    else if (isfinite(t->min))
        crlm_buf_printf(b, "<td><strong>%.2f-%.2f</strong> (range), %s</td>", t->min, t->max, zone);
    else
        crlm_buf_printf(b, "<td>unknown</td>");
}

static void factors(crlm_buf *b, const crlm_score *s)
{
    for (size_t i = 0; i < s->n_factors; i++) {
        const crlm_factor *f = &s->factors[i];
        crlm_buf_puts(b, i ? "; " : "");
        words(b, f->name);
        if (!f->graded)
            crlm_buf_printf(b, ": %s", tri_word(f->present));
        else if (f->points_min == f->points_max)
            crlm_buf_printf(b, ": %d point%s", f->points_min, f->points_min == 1 ? "" : "s");
        else
            crlm_buf_printf(b, ": %d-%d points (unknown)", f->points_min, f->points_max);
    }
}

static void inputs_row(crlm_buf *b, const char *label, const crlm_score_inputs *io)
{
    crlm_buf_printf(b, "<tr><th scope=\"row\">%s</th><td>", label);
    date(b, io->study_date);
    crlm_buf_puts(b, "</td><td class=\"num\">");
    if (io->tumors_min == io->tumors_max)
        crlm_buf_printf(b, "%d", io->tumors_min);
    else if (io->tumors_max == INT_MAX)
        crlm_buf_printf(b, "&#8805;&#8239;%d (count unknown)", io->tumors_min);
    else
        crlm_buf_printf(b, "%d-%d", io->tumors_min, io->tumors_max);
    crlm_buf_puts(b, "</td><td class=\"num\">");
    if (io->largest_mm_min == io->largest_mm_max)
        crlm_buf_printf(b, "%g mm", io->largest_mm_min);
    else if (isinf(io->largest_mm_max))
        crlm_buf_puts(b, "unknown");
    else
        crlm_buf_printf(b, "%g-%g mm", io->largest_mm_min, io->largest_mm_max);
    crlm_buf_puts(b, "</td><td>");
    if (CRLM_KNOWN(io->cea_ng_ml)) {
        crlm_buf_printf(b, "%g ng/mL on ", io->cea_ng_ml);
        date(b, io->cea_date);
    } else {
        crlm_buf_puts(b, "unknown");
    }
    crlm_buf_printf(b, "%s</td></tr>",
                    io->count_from_report || io->largest_from_report ? " (detection report)" : "");
}

static void scores(html *h, const crlm_scores *dx, const crlm_scores *now)
{
    crlm_buf *b = h->b;
    crlm_buf_puts(b, "<section id=\"scores\" aria-labelledby=\"h-scores\"><h2 id=\"h-scores\">"
                     "Risk scores</h2><table><caption>At diagnosis and now; a range means an "
                     "input is unknown</caption><thead><tr><th scope=\"col\">Score</th>"
                     "<th scope=\"col\">At diagnosis</th><th scope=\"col\">Current</th>"
                     "<th scope=\"col\">Missing inputs</th><th scope=\"col\">Current factors</th>"
                     "</tr></thead><tbody>");
    for (size_t i = 0; i < sizeof score_rows / sizeof score_rows[0]; i++) {
        const crlm_score *sd = score_at(dx, i), *sn = score_at(now, i);
        crlm_buf_printf(b, "<tr><th scope=\"row\">%s", score_rows[i].label);
        cite(h, sn->evidence);
        crlm_buf_puts(b, "</th>");
        score_cell(b, sd);
        score_cell(b, sn);
        crlm_buf_puts(b, "<td>");
        mask_names(b, sd->missing | sn->missing, CRLM_INPUT_COUNT, input_name);
        crlm_buf_puts(b, "</td><td>");
        factors(b, sn);
        crlm_buf_puts(b, "</td></tr>");
        if (i == 0) {
            crlm_buf_puts(b, "<tr><th scope=\"row\">Tumor Burden Score");
            cite(h, "sasaki-2018");
            crlm_buf_puts(b, "</th>");
            tbs_cell(b, &dx->tbs);
            tbs_cell(b, &now->tbs);
            crlm_buf_puts(b, "<td>");
            mask_names(b, dx->tbs.missing | now->tbs.missing, CRLM_INPUT_COUNT, input_name);
            crlm_buf_puts(b, "</td><td>largest liver tumour and tumour count</td></tr>");
        }
    }
    crlm_buf_puts(b, "</tbody></table><table><caption>What the scores read</caption><thead><tr>"
                     "<th scope=\"col\"></th><th scope=\"col\">Imaging</th>"
                     "<th scope=\"col\" class=\"num\">Liver tumours</th>"
                     "<th scope=\"col\" class=\"num\">Largest</th><th scope=\"col\">CEA</th>"
                     "</tr></thead><tbody>");
    inputs_row(b, "At diagnosis", &dx->inputs);
    inputs_row(b, "Current", &now->inputs);
    crlm_buf_puts(b, "</tbody></table></section>");
}

/* ---- response ---------------------------------------------------------------------------- */

static const char *recist_label(crlm_recist r)
{
    static const char *const labels[CRLM_RECIST_COUNT__] = {
        [CRLM_RECIST_CR] = "CR", [CRLM_RECIST_PR] = "PR", [CRLM_RECIST_SD] = "SD",
        [CRLM_RECIST_NON_CR_NON_PD] = "non-CR/non-PD", [CRLM_RECIST_PD] = "PD",
        [CRLM_RECIST_NE] = "NE", [CRLM_RECIST_NONE] = "none"};
    return r > 0 && r < CRLM_RECIST_COUNT__ ? labels[r] : "unknown";
}

static void mm_cell(crlm_buf *b, long tenths, bool too_small)
{
    if (tenths < 0)
        crlm_buf_puts(b, "<td class=\"num\">not assessed</td>");
    else
        crlm_buf_printf(b, "<td class=\"num\">%ld.%ld%s</td>", tenths / 10, tenths % 10,
                        too_small ? "*" : "");
}

/* Lesion columns beyond this many are left to the JSON: RECIST allows five targets. */
#define MAX_LESION_COLS 6

static void response_table(html *h, const crlm_response *r, size_t bi)
{
    crlm_buf *b = h->b;
    const crlm_response_baseline *bl = &r->baselines[bi];
    size_t cols = bl->n_targets < MAX_LESION_COLS ? bl->n_targets : MAX_LESION_COLS;
    crlm_buf_puts(b, "<table><caption>");
    if (bl->line >= 0)
        crlm_buf_printf(b, "Line %d, baseline ", bl->line);
    else
        crlm_buf_puts(b, "Baseline ");
    date(b, bl->date);
    crlm_buf_printf(b, " (%zu target%s, %zu non-target)</caption><thead><tr>"
                       "<th scope=\"col\">Date</th><th scope=\"col\">Line</th>",
                    bl->n_targets, bl->n_targets == 1 ? "" : "s", bl->n_non_targets);
    for (size_t i = 0; i < cols; i++) {
        crlm_buf_puts(b, "<th scope=\"col\" class=\"num\">");
        esc(b, bl->targets[i].id);
        crlm_buf_puts(b, " (mm)</th>");
    }
    crlm_buf_puts(b, "<th scope=\"col\" class=\"num\">Sum (mm)</th>"
                     "<th scope=\"col\" class=\"num\">vs baseline</th>"
                     "<th scope=\"col\" class=\"num\">vs nadir</th><th scope=\"col\">Target</th>"
                     "<th scope=\"col\">Non-target</th><th scope=\"col\">New lesions</th>"
                     "<th scope=\"col\">Overall</th></tr></thead><tbody><tr><th scope=\"row\" class=\"date\">");
    date(b, bl->date);
    crlm_buf_puts(b, "</th><td>");
    if (bl->line >= 0)
        crlm_buf_printf(b, "%d", bl->line);
    else
        crlm_buf_puts(b, "none");
    crlm_buf_puts(b, "</td>");
    for (size_t i = 0; i < cols; i++)
        mm_cell(b, bl->targets[i].diameter_tenths, bl->targets[i].too_small);
    mm_cell(b, bl->n_targets ? bl->sum_tenths : -1, false);
    crlm_buf_puts(b, "<td colspan=\"6\">baseline</td></tr>");
    for (size_t k = 0; k < r->n_timepoints; k++) {
        const crlm_response_timepoint *tp = &r->timepoints[k];
        if (tp->baseline != bi)
            continue;
        crlm_buf_puts(b, "<tr><th scope=\"row\" class=\"date\">");
        date(b, tp->date);
        crlm_buf_puts(b, "</th><td class=\"nowrap\">");
        if (tp->line >= 0)
            crlm_buf_printf(b, "%d%s", tp->line, tp->on_chemotherapy ? " (on)" : " (after)");
        else
            crlm_buf_puts(b, "none");
        crlm_buf_puts(b, "</td>");
        for (size_t i = 0; i < cols; i++)
            if (i < tp->n_targets)
                mm_cell(b, tp->targets[i].diameter_tenths, tp->targets[i].too_small);
            else
                mm_cell(b, -1, false);
        mm_cell(b, tp->sum_tenths, false);
        crlm_buf_puts(b, "<td class=\"num\">");
        pct_change(b, tp->change_from_baseline_pct);
        crlm_buf_puts(b, "</td><td class=\"num\">");
        pct_change(b, tp->change_from_nadir_pct);
        crlm_buf_printf(b, "</td><td>%s</td><td>%s</td><td>", recist_label(tp->target),
                        recist_label(tp->non_target));
        words(b, crlm_new_lesions_name(tp->new_lesions));
        crlm_buf_printf(b, "</td><td><strong>%s</strong>%s%s</td></tr>",
                        recist_label(tp->overall),
                        tp->pd_backdated ? " (new lesion confirmed later)" : "",
                        tp->needs_review ? " (review: CR and PD both met)" : "");
    }
    crlm_buf_puts(b, "</tbody></table>");
}

static void spider(crlm_buf *b, const crlm_response *r, const crlm_case *c)
{
    crlm_buf svg = {0};
    crlm_response_write_spider_svg(r, c, &svg);
    /* Inline SVG in HTML must start at its root element: drop an XML declaration, doctype or
     * comment the SVG writer may put first. */
    const char *root = svg.data && !svg.failed ? strstr(svg.data, "<svg") : NULL;
    if (root) {
        size_t n_tp = 0;
        for (size_t k = 0; k < r->n_timepoints; k++)
            n_tp += r->timepoints[k].baseline == r->current_baseline;
        crlm_buf_puts(b, "<figure id=\"spider\"><svg role=\"img\" aria-labelledby=\"spider-cap\"");
        crlm_buf_puts(b, root + 4);
        crlm_buf_puts(b, "<figcaption id=\"spider-cap\">Spider plot of the latest line: each "
                         "target's and the sum's change from baseline over weeks; dashed lines "
                         "at +20&#8239;% (progression) and &#8722;30&#8239;% (partial response).");
        if (n_tp == 0)
            crlm_buf_puts(b, " Only the baseline study so far: nothing to compare yet.");
        crlm_buf_puts(b, "</figcaption></figure>");
    }
    crlm_buf_free(&svg);
}

static void response(html *h, const crlm_response *r, const crlm_case *c)
{
    crlm_buf *b = h->b;
    crlm_buf_puts(b, "<section id=\"response\" aria-labelledby=\"h-response\">"
                     "<h2 id=\"h-response\">Response to chemotherapy</h2>"
                     "<p class=\"note\">RECIST 1.1");
    cite(h, "eisenhauer-2009");
    crlm_buf_puts(b, "; morphologic response (Chun)");
    cite(h, "seed:27");
    crlm_buf_puts(b, ".</p>");
    if (!r || r->n_baselines == 0) {
        crlm_buf_puts(b, "<p>No baseline imaging: the response cannot be evaluated.</p>");
    } else {
        for (size_t bi = 0; bi < r->n_baselines; bi++)
            response_table(h, r, bi);
        crlm_buf_puts(b, "<p class=\"note\">CR complete response, PR partial response, SD stable "
                         "disease, PD progressive disease, NE not evaluable; * too small to "
                         "measure, counted at the profile's size; line (on) during "
                         "chemotherapy, (after) after it ended.</p>");
    }
    if (r && r->n_lines) {
        crlm_buf_puts(b, "<table><caption>Lines of chemotherapy</caption><thead><tr>"
                         "<th scope=\"col\">Line</th><th scope=\"col\">Dates</th>"
                         "<th scope=\"col\">Status</th><th scope=\"col\">Best overall</th>"
                         "<th scope=\"col\">Morphologic response</th>"
                         "<th scope=\"col\">Progression on chemotherapy</th>"
                         "<th scope=\"col\">Progression after it</th></tr></thead><tbody>");
        for (size_t i = 0; i < r->n_lines; i++) {
            const crlm_response_line *l = &r->lines[i];
            crlm_buf_printf(b, "<tr><th scope=\"row\">%d</th><td>", l->line);
            date(b, l->started_on);
            crlm_buf_puts(b, " to ");
            if (CRLM_DATE_KNOWN(l->ended_on))
                date(b, l->ended_on);
            else
                crlm_buf_puts(b, "ongoing");
            crlm_buf_printf(b, "</td><td>%s", l->status == CRLM_LINE_PROGRESSION ? "<strong>" : "");
            words(b, crlm_line_status_name(l->status));
            crlm_buf_printf(b, "%s</td><td>%s</td><td>",
                            l->status == CRLM_LINE_PROGRESSION ? "</strong>" : "",
                            recist_label(l->best_overall));
            words(b, crlm_morph_response_name(l->morphologic_response));
            crlm_buf_printf(b, "</td><td>%s</td><td>%s</td></tr>",
                            tri_word(l->progression_on_chemotherapy),
                            tri_word(l->progression_after_chemotherapy));
        }
        crlm_buf_puts(b, "</tbody></table>");
    }
    if (r) {
        crlm_buf_printf(b, "<dl class=\"facts\"><dt>Best overall response (latest line)</dt>"
                           "<dd>%s",
                        recist_label(r->best_overall));
        if (isfinite(r->best_change_pct)) {
            crlm_buf_puts(b, "; best change ");
            pct_change(b, r->best_change_pct);
        }
        crlm_buf_printf(b, "</dd><dt>Progression on chemotherapy</dt><dd>%s</dd>"
                           "<dt>Progression after chemotherapy</dt><dd>%s</dd><dt>CEA</dt><dd>",
                        tri_word(r->progression_on_chemotherapy),
                        tri_word(r->progression_after_chemotherapy));
        const crlm_cea_trend *t = &r->cea;
        if (t->n == 0) {
            crlm_buf_puts(b, "no values");
        } else {
            crlm_buf_printf(b, "%g ng/mL (", t->first_ng_ml);
            date(b, t->first_on);
            crlm_buf_printf(b, ") to %g ng/mL (", t->last_ng_ml);
            date(b, t->last_on);
            crlm_buf_puts(b, "), change ");
            pct_change(b, t->change_pct);
            crlm_buf_puts(b, ", doubling time ");
            if (isfinite(t->doubling_time_days))
                crlm_buf_printf(b, "%.0f days (%zu values)", t->doubling_time_days,
                                t->doubling_points);
            else
                crlm_buf_puts(b, "none (not rising or too few values)");
            crlm_buf_puts(b, t->normalized == CRLM_TRI_TRUE    ? "; last value normal"
                             : t->normalized == CRLM_TRI_FALSE ? "; last value above normal"
                                                               : "; normal range unknown");
        }
        crlm_buf_puts(b, "</dd></dl>");
        if (r->n_baselines)
            spider(b, r, c);
    }
    crlm_buf_puts(b, "</section>");
}

/* ---- liver ------------------------------------------------------------------------------- */

static const char *judged(crlm_tri t, const char *yes, const char *no)
{
    return t == CRLM_TRI_TRUE ? yes : t == CRLM_TRI_FALSE ? no : "cannot be judged";
}

static void liver(html *h, const crlm_liver *l)
{
    crlm_buf *b = h->b;
    crlm_buf_puts(b, "<section id=\"liver\" aria-labelledby=\"h-liver\" class=\"keep\">"
                     "<h2 id=\"h-liver\">Future liver remnant</h2><p class=\"note\">The "
                     "standardized FLR divides the measured remnant by the total liver volume "
                     "estimated from the body-surface area; growth after embolization is judged "
                     "by the kinetic growth rate.");
    cite(h, "seed:8, vauthey-2002, shindoh-2013");
    crlm_buf_puts(b, "</p><dl class=\"facts\"><dt>Standardized FLR</dt><dd><strong>");
    num(b, "%.1f&#8239;%%", l->sflr_pct);
    crlm_buf_puts(b, "</strong> vs threshold ");
    if (l->threshold_min_pct == l->threshold_max_pct)
        num(b, "%.0f&#8239;%%", l->threshold_min_pct);
    else
        crlm_buf_printf(b, "%.0f-%.0f&#8239;%%", l->threshold_min_pct, l->threshold_max_pct);
    crlm_buf_puts(b, " (");
    esc(b, l->threshold_reason);
    crlm_buf_printf(b, "): <span class=\"%s\">%s</span></dd>",
                    l->adequate == CRLM_TRI_FALSE ? "bad" : l->adequate == CRLM_TRI_TRUE ? "good" : "",
                    judged(l->adequate, "adequate", "INADEQUATE"));
    crlm_buf_puts(b, "<dt>Measured FLR</dt><dd>");
    num(b, "%.0f mL", l->flr_ml);
    crlm_buf_puts(b, " (");
    num(b, "%.1f&#8239;%%", l->flr_measured_pct);
    crlm_buf_puts(b, " of the measured non-tumorous liver), volumetry ");
    date(b, l->volumetry_date);
    crlm_buf_puts(b, "</dd><dt>BSA, estimated TLV</dt><dd>");
    num(b, "%.2f m&#178;", l->bsa_m2);
    crlm_buf_puts(b, " (");
    esc(b, l->bsa_formula);
    crlm_buf_puts(b, "), ");
    num(b, "%.0f mL", l->tlv_estimated_ml);
    crlm_buf_printf(b, "</dd><dt>Chemotherapy exposure</dt><dd>%s</dd>", tri_word(l->chemo_exposed));
    if (CRLM_KNOWN(l->kgr_pct_per_week) || CRLM_KNOWN(l->degree_of_hypertrophy_pct)) {
        crlm_buf_puts(b, "<dt>After portal vein embolization</dt><dd>degree of hypertrophy ");
        num(b, "%+.1f points", l->degree_of_hypertrophy_pct);
        crlm_buf_puts(b, ", KGR ");
        num(b, "%.2f&#8239;%%/week", l->kgr_pct_per_week);
        crlm_buf_puts(b, " over ");
        num(b, "%.1f weeks", l->weeks_after_pve);
        crlm_buf_printf(b, ": <span class=\"%s\">%s</span></dd>",
                        l->kgr_adequate == CRLM_TRI_FALSE ? "bad" : "",
                        judged(l->kgr_adequate, "adequate", "LOW"));
    }
    crlm_buf_printf(b, "<dt>Resectable</dt><dd><strong>%s</strong></dd><dt>Missing inputs</dt><dd>",
                    tri_word(l->resectable));
    mask_names(b, l->missing, CRLM_LIVER_INPUT_COUNT, liver_input_name);
    crlm_buf_puts(b, "</dd></dl></section>");
}

/* ---- prognosis --------------------------------------------------------------------------- */

static void prognosis(html *h, const crlm_prognosis *pr)
{
    static const char *const labels[CRLM_OUTCOME_COUNT] = {
        "Overall survival, 1 year", "Overall survival, 3 years", "Overall survival, 5 years",
        "Disease-free survival, 1 year", "Disease-free survival, 3 years",
        "Disease-free survival, 5 years"};
    crlm_buf *b = h->b;
    crlm_buf_puts(b, "<section id=\"prognosis\" aria-labelledby=\"h-prognosis\" class=\"keep\">"
                     "<h2 id=\"h-prognosis\">Prognosis in the literature</h2>"
                     "<p><strong>Cohort figures after resection, not a prediction for this "
                     "patient.</strong></p><p>Fong 1999");
    cite(h, "fong-1999");
    if (pr->fong_score >= 0) {
        crlm_buf_printf(b, ", score %d: 5-year overall survival ", pr->fong_score);
        num(b, "%.0f&#8239;%%", pr->fong_os_5y_pct);
        crlm_buf_puts(b, ", median ");
        num(b, "%.0f months", pr->fong_median_os_months);
        crlm_buf_puts(b, ".</p>");
    } else {
        crlm_buf_puts(b, ": the current score is a range, so no single cohort applies.</p>");
    }
    if (!pr->response_group) {
        crlm_buf_puts(b, "<p>Response group: none (no chemotherapy, or response unknown); no "
                         "pooled figures apply.</p>");
    } else {
        crlm_buf_puts(b, "<table><caption>Response group <em>");
        esc(b, pr->response_group);
        crlm_buf_puts(b, "</em>: pooled figures of the review's Table 1</caption><thead><tr>"
                         "<th scope=\"col\">Outcome</th><th scope=\"col\" class=\"num\">Pooled"
                         "</th><th scope=\"col\" class=\"num\">95&#8239;% CI</th>"
                         "<th scope=\"col\" class=\"num\">Studies</th>"
                         "<th scope=\"col\" class=\"num\">Patients</th></tr></thead><tbody>");
        for (int o = 0; o < CRLM_OUTCOME_COUNT; o++) {
            const crlm_pooled *x = &pr->literature[o];
            crlm_buf_printf(b, "<tr><th scope=\"row\">%s</th>", labels[o]);
            if (x->studies == 0) {
                crlm_buf_puts(b, "<td class=\"num\" colspan=\"4\">no usable study</td></tr>");
                continue;
            }
            crlm_buf_puts(b, "<td class=\"num\">");
            num(b, "%.1f&#8239;%%", x->estimate_pct);
            crlm_buf_puts(b, "</td><td class=\"num\">");
            num(b, "%.1f", x->low_pct);
            crlm_buf_puts(b, "-");
            num(b, "%.1f&#8239;%%", x->high_pct);
            crlm_buf_printf(b, "</td><td class=\"num\">%d</td><td class=\"num\">", x->studies);
            num(b, "%.0f", x->patients);
            crlm_buf_puts(b, "</td></tr>");
        }
        crlm_buf_puts(b, "</tbody></table>");
    }
    crlm_buf_puts(b, "<p class=\"note\">Method: the review's Table 1, DerSimonian-Laird random "
                     "effects on the logit scale over rows whose counts and values pass the "
                     "consistency checks; one study gives that study's figure with its binomial "
                     "interval.");
    cite(h, "seed:2, seed:29, seed:30");
    crlm_buf_puts(b, "</p></section>");
}

/* ---- the page ---------------------------------------------------------------------------- */

static const char disclaimer[] =
    "<strong>Decision support, not a decision.</strong> This report computes scores, response "
    "and remnant figures and suggests a pathway for the multidisciplinary tumour board to weigh. "
    "It is not a certified medical device and does not replace clinical judgement.";

void crlm_report_write_html(const crlm_report *r, crlm_buf *out)
{
    html h = {.b = out};
    crlm_buf *b = out;
    const crlm_case *c = r->c;
    crlm_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                     "<title>CRLM assessment, case ");
    esc(b, c->id);
    crlm_buf_puts(b, ", ");
    date(b, c->assessed_on);
    crlm_buf_printf(b, "</title><style>%s</style></head>\n<body><header>"
                       "<h1>Colorectal liver metastases: tumour board assessment</h1>"
                       "<p class=\"meta\">Case <strong>",
                    css);
    esc(b, c->id);
    crlm_buf_puts(b, "</strong>, assessed ");
    date(b, c->assessed_on);
    crlm_buf_puts(b, ", crlm " CRLM_VERSION ", profile ");
    esc(b, crlm_profile_name(r->p));
    crlm_buf_printf(b, "</p><p class=\"disclaimer\" role=\"note\">%s</p></header>\n<main>",
                    disclaimer);
    patient(&h, c);
    pathway(&h, &r->pathway);
    checks(&h, &r->checks);
    scores(&h, &r->scores[CRLM_AT_DIAGNOSIS], &r->scores[CRLM_CURRENT]);
    response(&h, r->response, c);
    liver(&h, &r->liver);
    prognosis(&h, &r->prognosis);
    references(&h);
    crlm_buf_puts(b, "</main>\n<footer><p>crlm " CRLM_VERSION ", profile ");
    esc(b, crlm_profile_name(r->p));
    crlm_buf_puts(b, ", SHA-256 <code>");
    esc(b, crlm_profile_sha256(r->p));
    crlm_buf_printf(b, "</code></p><p>%s</p></footer>\n</body></html>\n", disclaimer);
}
