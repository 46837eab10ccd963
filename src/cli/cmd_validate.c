/* `crlm validate CASE...`: checks each case and reports every error; no report. Prints
 * "FILE: valid" on stdout for a good case; exit 0 when all are valid, 2 when any is invalid
 * or cannot be read (missing, a directory, over the size limit), 1 on a failure. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_args.h"
#include "cli/cli_output.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "crlm/case.h"
#include "crlm/case_read.h"
#include "crlm/profile_read.h"

static const char usage[] = "usage: crlm validate CASE.json... (- for standard input)\n";

/* Exit status of one file: 0 valid, 2 invalid input, 1 failure. */
static int validate_one(const char *path, const crlm_profile *profile)
{
    int rc;
    crlm_case *c = crlm_cli_read_case(path, profile, &rc);
    if (c)
        printf("%s: valid\n", path);
    crlm_case_free(c);
    return rc;
}

int crlm_cmd_validate(int argc, char **argv)
{
    static const crlm_cli_opt opts[] = {{NULL, false}};
    crlm_cli_args a = {.command = "validate", .usage = usage, .opts = opts, .argc = argc,
                       .argv = argv};
    const char **files = malloc((size_t)argc * sizeof *files);
    if (!files) {
        crlm_cli_error("crlm validate: out of memory");
        return 1;
    }
    size_t n = 0;
    const char *name;
    char *value;
    crlm_cli_arg k;
    while ((k = crlm_cli_next(&a, &name, &value)) == CRLM_CLI_OPERAND)
        files[n++] = value;
    int rc = k == CRLM_CLI_HELP ? 0 : 2;
    if (k == CRLM_CLI_END && n == 0)
        crlm_cli_usage_error(&a, "expected one or more case files");
    if (k != CRLM_CLI_END || n == 0) {
        free(files);
        return rc;
    }
    crlm_cli_tx tx;
    rc = crlm_cli_tx_open(&tx, "validate", files, n, NULL, 0);
    crlm_profile *profile = rc == 0 ? crlm_profile_default_new() : NULL;
    if (rc == 0 && !profile) {
        crlm_cli_error("crlm validate: out of memory");
        rc = 1;
    }
    for (size_t i = 0; profile && i < n; i++) {
        int r = validate_one(files[i], profile);
        if (r == 1 || (r == 2 && rc == 0))
            rc = r;
    }
    crlm_profile_free(profile);
    crlm_cli_tx_end(&tx);
    free(files);
    return rc;
}
