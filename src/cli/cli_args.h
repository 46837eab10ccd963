/* The one option parser of the subcommands.
 *
 * Every command reads `crlm CMD [OPTIONS] [FILE...]` by the same rules, so an argument means
 * the same thing to every command: options come first; an option that takes a value takes the
 * next argument, whatever it is; `-` is a file (standard input); `--` ends the options; after
 * the first file name, an argument that starts with `-` (other than `-`) is a usage error,
 * never a file name (`crlm batch a.jsonl --profile p.json` would otherwise read a file named
 * `--profile`). `--help` or `-h` prints the command's usage on standard output. */
#ifndef CRLM_CLI_ARGS_H
#define CRLM_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct crlm_cli_opt {
    const char *name; /* "--json" */
    bool takes_value;
} crlm_cli_opt;

typedef struct crlm_cli_args {
    const char *command;      /* "assess": messages say "crlm assess: ..." */
    const char *usage;        /* the usage text, ending in a newline */
    const crlm_cli_opt *opts; /* ends with {NULL, false} */
    int argc;
    char **argv;              /* argv[0] is the command name */
    int next;                 /* internal: index of the next argument (0: not started) */
    bool operands;            /* internal: a file name was seen */
    bool no_options;          /* internal: `--` was seen */
} crlm_cli_args;

typedef enum crlm_cli_arg {
    CRLM_CLI_END,     /* no more arguments */
    CRLM_CLI_OPTION,  /* *name is the option as the table spells it, *value its value or NULL */
    CRLM_CLI_OPERAND, /* *value is a file name (or `-`) */
    CRLM_CLI_HELP,    /* the usage was printed on stdout: exit 0 */
    CRLM_CLI_USAGE,   /* a usage error was printed on stderr: exit 2 */
} crlm_cli_arg;

/* The next argument. */
crlm_cli_arg crlm_cli_next(crlm_cli_args *a, const char **name, char **value);
/* The value of option `opt` as a comma-separated list, split in place into at most max
 * items: 0 with *n set, or 2 after a usage error (an empty item, too many). */
int crlm_cli_list_value(const crlm_cli_args *a, const char *opt, char *value,
                        const char **items, size_t max, size_t *n);
/* Prints "crlm CMD: MESSAGE" and the usage on stderr; returns 2, the usage-error exit status. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int crlm_cli_usage_error(const crlm_cli_args *a, const char *fmt, ...);

#endif
