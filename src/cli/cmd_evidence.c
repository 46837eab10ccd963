/* `crlm evidence [--json]`: the literature behind the prognosis — the review's Table 1 as
 * shipped (misprinted cells marked with * and never pooled), Fong 1999's survival by score,
 * and the pooled estimates per response group. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli_args.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "crlm/evidence.h"

static const char *const groups[3][2] = {{"R", "response"}, {"S", "stable"}, {"P", "progression"}};

static void cell(crlm_buf *b, const crlm_evidence_row *r, const char *field, double x, int width)
{
    char t[32] = "";
    if (isfinite(x))
        snprintf(t, sizeof t, "%g%s", x, crlm_evidence_flagged(r, field) ? "*" : "");
    crlm_buf_printf(b, "%*s", width, t);
}

static void text(crlm_buf *b)
{
    size_t n;
    const crlm_evidence_row *t = crlm_evidence_table1(&n);
    crlm_buf_puts(b, "THE REVIEW'S TABLE 1 (Araujo et al. 2022), as transcribed; * = fails a "
                     "consistency check, never pooled\n");
    crlm_buf_printf(b, "%-16s %-8s %-3s %6s %6s %7s %6s %6s %6s %6s %6s %6s  %s\n", "study", "ref",
                    "grp", "n", "n %", "med OS", "OS1y", "OS3y", "OS5y", "DFS1y", "DFS3y", "DFS5y",
                    "placement");
    for (size_t i = 0; i < n; i++) {
        const crlm_evidence_row *r = &t[i];
        char study[40];
        snprintf(study, sizeof study, "%s %d", r->study, r->year);
        crlm_buf_printf(b, "%-16s %-8s %-3s", study, r->ref, r->group);
        cell(b, r, "n", r->n, 7);
        cell(b, r, "n_pct", r->n_pct, 7);
        cell(b, r, "median_os_months", r->median_os_months, 8);
        cell(b, r, "os_1y_pct", r->os_1y_pct, 7);
        cell(b, r, "os_3y_pct", r->os_3y_pct, 7);
        cell(b, r, "os_5y_pct", r->os_5y_pct, 7);
        cell(b, r, "dfs_1y_pct", r->dfs_1y_pct, 7);
        cell(b, r, "dfs_3y_pct", r->dfs_3y_pct, 7);
        cell(b, r, "dfs_5y_pct", r->dfs_5y_pct, 7);
        crlm_buf_printf(b, "  %s\n", r->placement);
        if (r->flags[0])
            crlm_buf_printf(b, "%29s* %s\n", "", r->flags);
        if (r->note[0])
            crlm_buf_printf(b, "%29s  %s\n", "", r->note);
    }
    const crlm_fong_outcome *f = crlm_evidence_fong1999(&n);
    crlm_buf_puts(b, "\nFONG 1999 (Ann Surg 230:309): survival after resection by clinical risk score\n"
                     "  score  5-year OS  median OS (months)\n");
    for (size_t i = 0; i < n; i++)
        crlm_buf_printf(b, "  %5d  %7.0f %%  %18.0f\n", f[i].score, f[i].os_5y_pct, f[i].median_os_months);
    crlm_buf_puts(b, "\nPOOLED BY RESPONSE GROUP (DerSimonian-Laird, logit scale, 95 % CI)\n");
    for (int g = 0; g < 3; g++) {
        crlm_buf_printf(b, "  %s\n", groups[g][1]);
        for (int o = 0; o < CRLM_OUTCOME_COUNT; o++) {
            crlm_pooled x;
            crlm_evidence_pool(groups[g][0], (crlm_outcome)o, &x);
            if (x.studies == 0)
                crlm_buf_printf(b, "    %-10s no usable study\n", crlm_outcome_name((crlm_outcome)o));
            else
                crlm_buf_printf(b, "    %-10s %5.1f %% (%.1f-%.1f), %d stud%s, %.0f patients, I2 %.0f %%\n",
                                crlm_outcome_name((crlm_outcome)o), x.estimate_pct, x.low_pct,
                                x.high_pct, x.studies, x.studies == 1 ? "y" : "ies", x.patients,
                                x.i2_pct);
        }
    }
}

static void num(crlm_buf *b, const char *key, double x)
{
    crlm_buf_printf(b, ",\"%s\":", key);
    crlm_buf_json_number(b, x);
}

static void json(crlm_buf *b)
{
    size_t n;
    const crlm_evidence_row *t = crlm_evidence_table1(&n);
    crlm_buf_puts(b, "{\"format\":\"crlm-evidence/1\",\"table1\":[");
    for (size_t i = 0; i < n; i++) {
        const crlm_evidence_row *r = &t[i];
        crlm_buf_puts(b, i ? ",{\"study\":" : "{\"study\":");
        crlm_buf_json_string(b, r->study);
        crlm_buf_printf(b, ",\"year\":%d,\"ref\":", r->year);
        crlm_buf_json_string(b, r->ref);
        num(b, "n_total", r->n_total);
        num(b, "n_surgery", r->n_surgery);
        num(b, "r0_pct", r->r0_pct);
        crlm_buf_puts(b, ",\"group\":");
        crlm_buf_json_string(b, r->group);
        num(b, "n", r->n);
        num(b, "n_pct", r->n_pct);
        num(b, "median_os_months", r->median_os_months);
        num(b, "os_1y_pct", r->os_1y_pct);
        num(b, "os_3y_pct", r->os_3y_pct);
        num(b, "os_5y_pct", r->os_5y_pct);
        num(b, "dfs_1y_pct", r->dfs_1y_pct);
        num(b, "dfs_3y_pct", r->dfs_3y_pct);
        num(b, "dfs_5y_pct", r->dfs_5y_pct);
        crlm_buf_puts(b, ",\"placement\":");
        crlm_buf_json_string(b, r->placement);
        crlm_buf_puts(b, ",\"flags\":");
        crlm_buf_json_string(b, r->flags);
        crlm_buf_puts(b, ",\"note\":");
        crlm_buf_json_string(b, r->note);
        crlm_buf_putc(b, '}');
    }
    const crlm_fong_outcome *f = crlm_evidence_fong1999(&n);
    crlm_buf_puts(b, "],\"fong_1999\":[");
    for (size_t i = 0; i < n; i++) {
        crlm_buf_printf(b, "%s{\"score\":%d", i ? "," : "", f[i].score);
        num(b, "os_5y_pct", f[i].os_5y_pct);
        num(b, "median_os_months", f[i].median_os_months);
        crlm_buf_putc(b, '}');
    }
    crlm_buf_puts(b, "],\"pooled\":{");
    for (int g = 0; g < 3; g++) {
        crlm_buf_printf(b, "%s\"%s\":{", g ? "," : "", groups[g][1]);
        for (int o = 0; o < CRLM_OUTCOME_COUNT; o++) {
            crlm_pooled x;
            crlm_evidence_pool(groups[g][0], (crlm_outcome)o, &x);
            crlm_buf_printf(b, "%s\"%s\":", o ? "," : "", crlm_outcome_name((crlm_outcome)o));
            if (x.studies == 0) {
                crlm_buf_puts(b, "null");
                continue;
            }
            crlm_buf_printf(b, "{\"studies\":%d", x.studies);
            num(b, "patients", x.patients);
            num(b, "estimate", round(x.estimate_pct * 10) / 10);
            num(b, "low", round(x.low_pct * 10) / 10);
            num(b, "high", round(x.high_pct * 10) / 10);
            num(b, "tau2", x.tau2);
            num(b, "i2_pct", round(x.i2_pct * 10) / 10);
            crlm_buf_putc(b, '}');
        }
        crlm_buf_putc(b, '}');
    }
    crlm_buf_puts(b, "},\"method\":\"DerSimonian-Laird random effects on the logit scale over rows "
                     "placed certain or probable whose count and value pass the consistency checks\"}\n");
}

int crlm_cmd_evidence(int argc, char **argv)
{
    static const crlm_cli_opt opts[] = {{"--json", false}, {NULL, false}};
    crlm_cli_args a = {.command = "evidence", .usage = "usage: crlm evidence [--json]\n",
                       .opts = opts, .argc = argc, .argv = argv};
    bool as_json = false;
    const char *name;
    char *value;
    crlm_cli_arg k;
    while ((k = crlm_cli_next(&a, &name, &value)) == CRLM_CLI_OPTION || k == CRLM_CLI_OPERAND) {
        if (k == CRLM_CLI_OPERAND)
            return crlm_cli_usage_error(&a, "unexpected argument '%s'", value);
        as_json = true;
    }
    if (k != CRLM_CLI_END)
        return k == CRLM_CLI_HELP ? 0 : 2;
    crlm_buf b = {0};
    if (as_json)
        json(&b);
    else
        text(&b);
    bool ok = crlm_cli_write_stdout(&b);
    crlm_buf_free(&b);
    return ok ? 0 : 1;
}
