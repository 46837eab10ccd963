/* Placeholder until the cohort command lands; it says so plainly rather than pretending. */
#include <stdio.h>

#include "cli/commands.h"

int crlm_cmd_cohort(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "crlm cohort: not implemented in this version\n");
    return 1;
}
