/* `crlm validate CASE...`: checks each case and reports every error; no report. Prints
 * "FILE: valid" on stdout for a good case; exit 0 when all are valid, 2 otherwise. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "crlm/case.h"
#include "crlm/case_read.h"
#include "crlm/profile_read.h"

int crlm_cmd_validate(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        fputs("usage: crlm validate CASE.json... (- for standard input)\n",
              argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    crlm_profile *profile = crlm_profile_default_new();
    if (!profile)
        return 1;
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        char *text;
        size_t len;
        bool too_large;
        if (!crlm_cli_read_file(argv[i], CRLM_CASE_MAX_BYTES, &text, &len, &too_large)) {
            rc = too_large || rc == 2 ? 2 : 1;
            continue;
        }
        crlm_errors errs = {0};
        crlm_case *c = NULL;
        crlm_status st = crlm_case_read(text, len, profile, &c, &errs);
        free(text);
        if (st == CRLM_OK) {
            printf("%s: valid\n", argv[i]);
        } else {
            crlm_cli_print_errors(stderr, argv[i], &errs);
            if (rc != 1)
                rc = st == CRLM_E_NOMEM ? 1 : 2;
        }
        crlm_case_free(c);
        crlm_errors_free(&errs);
    }
    crlm_profile_free(profile);
    return rc;
}
