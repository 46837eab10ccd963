/* crlm: the command-line front door. A thin client of the public headers: it reads files,
 * calls the library, prints, and chooses the exit status. The library never prints. */
#include <stdio.h>
#include <string.h>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "crlm/version.h"

static const struct {
    const char *name;
    int (*run)(int, char **);
    const char *summary;
} commands[] = {
    {"assess", crlm_cmd_assess, "assess one case: scores, response, remnant, pathway"},
    {"validate", crlm_cmd_validate, "check case files and report every error"},
    {"batch", crlm_cmd_batch, "assess JSON Lines of cases, one report per line"},
    {"response", crlm_cmd_response, "RECIST 1.1 response from a lesion table (CSV)"},
    {"survival", crlm_cmd_survival, "Kaplan-Meier, log-rank and Cox on a cohort CSV"},
    {"cohort", crlm_cmd_cohort, "the review's Table 1 row for your own cohort"},
    {"evidence", crlm_cmd_evidence, "the literature table and pooled estimates"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: crlm COMMAND [OPTIONS] ...\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'crlm COMMAND --help' describes one command. crlm %s is decision support,\n"
                 "not a certified medical device: the tumour board decides.\n",
            CRLM_VERSION);
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("crlm %s\n", CRLM_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    crlm_cli_error("crlm: unknown command '%s'", argv[1]);
    usage(stderr);
    return 2;
}

int main(int argc, char **argv)
{
    /* Whatever the command printed, a lost byte of stdout is a failure (exit 1). */
    return crlm_cli_finish(dispatch(argc, argv));
}
