/* The subcommands of `crlm`. Each takes the arguments after its name (argv[0] is the
 * subcommand) and returns the process exit status: 0 done, 2 invalid input, 1 failure. */
#ifndef CRLM_CLI_COMMANDS_H
#define CRLM_CLI_COMMANDS_H

int crlm_cmd_assess(int argc, char **argv);
int crlm_cmd_validate(int argc, char **argv);
int crlm_cmd_batch(int argc, char **argv);
int crlm_cmd_response(int argc, char **argv);
int crlm_cmd_survival(int argc, char **argv);
int crlm_cmd_cohort(int argc, char **argv);
int crlm_cmd_evidence(int argc, char **argv);

#endif
