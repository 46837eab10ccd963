/* `crlm assess [--json|--text] [--profile FILE] CASE|-`: one report.
 * Exit 0 done, 2 invalid input (every error on stderr, nothing on stdout), 1 failure. The
 * whole report is rendered in memory before a byte is written, so stdout never holds half a
 * report. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "crlm/case.h"
#include "crlm/case_read.h"
#include "crlm/report.h"
#include "crlm/whatif.h"

static const char usage[] =
    "usage: crlm assess [--json|--text|--html] [--profile FILE] [--svg FILE] CASE.json|-\n"
    "  --text          a one-screen summary (default)\n"
    "  --json          the crlm-report/1 JSON object\n"
    "  --html          one self-contained printable HTML page\n"
    "  --svg FILE      also write the spider plot of the response to FILE\n"
    "  --set P=V       what if: assess with the case's JSON pointer P set to V (repeatable;\n"
    "                  V is JSON, or a bare word taken as a string; null makes a value unknown)\n"
    "  --profile FILE  thresholds from FILE instead of the built-in default profile\n";

enum format { TEXT, JSON, HTML };

int crlm_cmd_assess(int argc, char **argv)
{
    const char *profile_path = NULL, *case_path = NULL, *svg_path = NULL;
    const char *sets[CRLM_WHATIF_MAX + 1];
    size_t n_sets = 0;
    enum format format = TEXT;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            format = JSON;
        else if (strcmp(argv[i], "--text") == 0)
            format = TEXT;
        else if (strcmp(argv[i], "--html") == 0)
            format = HTML;
        else if (strcmp(argv[i], "--svg") == 0 && i + 1 < argc)
            svg_path = argv[++i];
        else if (strcmp(argv[i], "--set") == 0 && i + 1 < argc) {
            if (n_sets == CRLM_WHATIF_MAX) {
                fprintf(stderr, "crlm assess: at most %d --set changes\n", CRLM_WHATIF_MAX);
                return 2;
            }
            sets[n_sets++] = argv[++i];
        }
        else if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc)
            profile_path = argv[++i];
        else if (strcmp(argv[i], "--help") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "crlm assess: unknown option '%s'\n%s", argv[i], usage);
            return 2;
        } else if (!case_path)
            case_path = argv[i];
        else {
            fprintf(stderr, "crlm assess: one case at a time (use crlm batch for many)\n");
            return 2;
        }
    }
    if (!case_path) {
        fputs(usage, stderr);
        return 2;
    }
    int status;
    crlm_profile *profile = crlm_cli_load_profile(profile_path, &status);
    if (!profile)
        return status;
    char *text;
    size_t len;
    bool too_large;
    if (!crlm_cli_read_file(case_path, CRLM_CASE_MAX_BYTES, &text, &len, &too_large)) {
        crlm_profile_free(profile);
        return too_large ? 2 : 1;
    }
    crlm_errors errs = {0};
    crlm_case *c = NULL, *original = NULL;
    crlm_what_if what_if;
    crlm_status st = n_sets ? crlm_case_read_what_if(text, len, sets, n_sets, profile, &original,
                                                     &c, &what_if, &errs)
                            : crlm_case_read(text, len, profile, &c, &errs);
    free(text);
    int rc = 0;
    if (st != CRLM_OK) {
        crlm_cli_print_errors(stderr, st == CRLM_E_ARGUMENT ? "--set" : case_path, &errs);
        rc = st == CRLM_E_NOMEM ? 1 : 2;
    } else {
        crlm_report *r = NULL, *before = NULL;
        crlm_buf out = {0};
        if (crlm_assess(c, profile, &r) != CRLM_OK ||
            (original && crlm_assess(original, profile, &before) != CRLM_OK)) {
            fprintf(stderr, "crlm assess: out of memory\n");
            rc = 1;
        } else {
            if (before)
                crlm_report_set_what_if(r, before, &what_if);
            if (format == JSON) {
                crlm_report_write_json(r, &out);
                crlm_buf_putc(&out, '\n');
            } else if (format == HTML) {
                crlm_report_write_html(r, &out);
            } else {
                crlm_report_write_text(r, &out);
            }
            if (svg_path) {
                crlm_buf svg = {0};
                crlm_report_write_spider_svg(r, &svg);
                if (!crlm_cli_write_file(svg_path, &svg))
                    rc = 1;
                crlm_buf_free(&svg);
            }
            if (rc == 0)
                rc = crlm_cli_write_stdout(&out) ? 0 : 1;
        }
        crlm_buf_free(&out);
        crlm_report_free(r);
        crlm_report_free(before);
    }
    crlm_case_free(original);
    crlm_case_free(c);
    crlm_errors_free(&errs);
    crlm_profile_free(profile);
    return rc;
}
