/* The shared option parser (see cli_args.h). */
#include "cli/cli_args.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli_util.h"

int crlm_cli_usage_error(const crlm_cli_args *a, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    crlm_cli_error("crlm %s: %s", a->command, msg);
    fputs(a->usage, stderr);
    return 2;
}

crlm_cli_arg crlm_cli_next(crlm_cli_args *a, const char **name, char **value)
{
    *name = NULL;
    *value = NULL;
    if (a->next == 0)
        a->next = 1;
    if (a->next >= a->argc)
        return CRLM_CLI_END;
    char *s = a->argv[a->next++];
    if (a->no_options || s[0] != '-' || s[1] == '\0') {
        a->operands = true;
        *value = s;
        return CRLM_CLI_OPERAND;
    }
    if (strcmp(s, "--") == 0) {
        a->no_options = true;
        return crlm_cli_next(a, name, value);
    }
    if (a->operands) {
        crlm_cli_usage_error(a, "option '%s' after the file names (options come first; "
                                "'--' ends the options)", s);
        return CRLM_CLI_USAGE;
    }
    if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
        fputs(a->usage, stdout);
        return CRLM_CLI_HELP;
    }
    for (const crlm_cli_opt *o = a->opts; o->name; o++) {
        if (strcmp(o->name, s) != 0)
            continue;
        *name = o->name;
        if (o->takes_value) {
            if (a->next >= a->argc) {
                crlm_cli_usage_error(a, "option '%s' needs a value", s);
                return CRLM_CLI_USAGE;
            }
            *value = a->argv[a->next++];
        }
        return CRLM_CLI_OPTION;
    }
    crlm_cli_usage_error(a, "unknown option '%s'", s);
    return CRLM_CLI_USAGE;
}

int crlm_cli_list_value(const crlm_cli_args *a, const char *opt, char *value,
                        const char **items, size_t max, size_t *n)
{
    *n = crlm_cli_split_list(value, items, max);
    if (*n == 0)
        return crlm_cli_usage_error(a, "%s needs a list A,B,C of at most %zu non-empty items",
                                    opt, max);
    return 0;
}
