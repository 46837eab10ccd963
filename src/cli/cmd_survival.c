/* Placeholder until the survival command lands; it says so plainly rather than pretending. */
#include <stdio.h>

#include "cli/commands.h"

int crlm_cmd_survival(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "crlm survival: not implemented in this version\n");
    return 1;
}
