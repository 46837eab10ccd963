/* Placeholder until the evidence command lands; it says so plainly rather than pretending. */
#include <stdio.h>

#include "cli/commands.h"

int crlm_cmd_evidence(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "crlm evidence: not implemented in this version\n");
    return 1;
}
