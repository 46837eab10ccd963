/* The outputs of one command as a transaction: either every output is written, or none is.
 *
 * A command names its inputs and its file outputs first (crlm_cli_tx_open). Each output is
 * checked before any work: it must be a regular file or not exist yet (a symbolic link, FIFO,
 * device or directory is refused), and no two of the command's files -- inputs, outputs and
 * standard output when it is a regular file -- may be the same file (device and inode, not
 * names). Each output then gets a temporary created exclusively (mkstemp: O_CREAT|O_EXCL, so a
 * file or symlink planted at the name is never opened) in the target's own directory, with the
 * mode a plain create would give (0666 & ~umask) or the replaced file's permission bits.
 *
 * The command renders each output into memory and stages it (written, fsync'd, closed). The
 * commit writes standard output first, since it cannot be taken back, and only when it was
 * written whole renames every temporary onto its target (rename(2) is atomic and replaces a
 * symlink planted meanwhile rather than following it). Any failure before that removes every
 * temporary, so nothing of the command is left behind; a signal that ends the process (INT,
 * TERM, HUP, QUIT, PIPE) removes them too. Exit statuses: a refused target is invalid input
 * (2); a file that cannot be created or written is a failure (1). */
#ifndef CRLM_CLI_OUTPUT_H
#define CRLM_CLI_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "crlm/buf.h"

#define CRLM_CLI_MAX_OUTPUTS 4

typedef struct crlm_cli_file_id {
    dev_t dev;
    ino_t ino;
} crlm_cli_file_id;

typedef struct crlm_cli_output {
    const char *path;     /* as given on the command line; not owned */
    bool exists;          /* path named a regular file when checked */
    crlm_cli_file_id id;  /* that file's identity */
    bool dir_known;
    crlm_cli_file_id dir; /* the directory the file is, or will be, in */
    const char *base;     /* the last component of path (points into path) */
    mode_t mode;          /* permission bits the written file gets */
    char *tmp;            /* owned: the temporary's path while one exists, else NULL */
    int fd;               /* open on tmp until staged; -1 otherwise */
    bool staged;
    bool created;         /* committed where no file was (what a rollback removes) */
} crlm_cli_output;

typedef struct crlm_cli_tx {
    const char *command;        /* for messages: "crlm assess: ..." */
    crlm_cli_file_id *inputs;   /* owned */
    size_t n_inputs, cap_inputs;
    crlm_cli_output out[CRLM_CLI_MAX_OUTPUTS];
    size_t n_out;
    bool stdout_is_file;        /* standard output is a regular file ... */
    crlm_cli_file_id stdout_id; /* ... this one */
} crlm_cli_tx;

/* Registers the inputs (NULL entries skipped; "-" is standard input) and the outputs (NULL
 * entries skipped) and reserves a temporary for each output. Returns 0, or the exit status
 * after printing why (2 for a refused target, 1 when a temporary cannot be created); on
 * failure nothing is left on disk. Call crlm_cli_tx_end in every case. */
int crlm_cli_tx_open(crlm_cli_tx *tx, const char *command, const char *const *inputs,
                     size_t n_inputs, const char *const *outputs, size_t n_outputs);
/* Writes output k (in the order given to open, NULL entries not counted) to its temporary.
 * False after printing why; every temporary is then removed. */
bool crlm_cli_tx_stage(crlm_cli_tx *tx, size_t k, const crlm_buf *b);
/* Writes `out` to standard output (NULL: nothing, for a command that streamed it) and, when
 * that succeeded, renames every staged output onto its target. False after printing why; the
 * temporaries are then removed, and so are targets this commit created before a rename that
 * failed. */
bool crlm_cli_tx_commit(crlm_cli_tx *tx, const crlm_buf *out);
/* Removes every temporary still there and frees the transaction. */
void crlm_cli_tx_end(crlm_cli_tx *tx);

#endif
