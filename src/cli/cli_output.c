/* The output transaction of cli_output.h. Why each step is there:
 * - lstat, not stat, on a target: a symbolic link is refused rather than followed, so crlm
 *   never writes to a file other than the one named (README, "Output files").
 * - mkstemp in the target's directory: the temporary is created exclusively under a random
 *   name, and the final rename stays within one file system, so it is atomic.
 * - fsync before rename: after a crash the target holds either the old or the new content.
 * - standard output before the renames: it is the one output that cannot be taken back. */
#define _DEFAULT_SOURCE /* mkstemp, fchmod, fsync, lstat */
#include "cli/cli_output.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli_util.h"

/* The transaction whose temporaries a fatal signal must remove (one per process). */
static crlm_cli_tx *volatile active;
static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
static struct sigaction saved[sizeof fatal_signals / sizeof fatal_signals[0]];
static bool handlers_installed;

static void on_fatal_signal(int sig)
{
    crlm_cli_tx *tx = active;
    if (tx)
        for (size_t k = 0; k < tx->n_out; k++)
            if (tx->out[k].tmp)
                (void)unlink(tx->out[k].tmp); /* async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_handlers(crlm_cli_tx *tx)
{
    active = tx;
    if (handlers_installed)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++) {
        sigaction(fatal_signals[i], NULL, &saved[i]);
        /* A signal the caller chose to ignore stays ignored (nohup, a shell's SIGPIPE). */
        if (saved[i].sa_handler != SIG_IGN)
            sigaction(fatal_signals[i], &sa, NULL);
    }
    handlers_installed = true;
}

static void restore_handlers(void)
{
    if (!handlers_installed)
        return;
    for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
        if (saved[i].sa_handler != SIG_IGN)
            sigaction(fatal_signals[i], &saved[i], NULL);
    handlers_installed = false;
    active = NULL;
}

static bool same(crlm_cli_file_id a, crlm_cli_file_id b)
{
    return a.dev == b.dev && a.ino == b.ino;
}

static crlm_cli_file_id id_of(const struct stat *st)
{
    return (crlm_cli_file_id){st->st_dev, st->st_ino};
}

static const char *kind_of(mode_t m)
{
    if (S_ISDIR(m))
        return "a directory";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISCHR(m) || S_ISBLK(m))
        return "a device";
    if (S_ISSOCK(m))
        return "a socket";
    if (S_ISLNK(m))
        return "a symbolic link";
    return "not a regular file";
}

/* The directory part of path ("." when there is none), malloc'd. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, path, n);
        d[n] = '\0';
    }
    return d;
}

/* Does output o name the same file as output p? Existing files by identity; files still to be
 * created by their directory's identity and their name in it. */
static bool same_output(const crlm_cli_output *o, const crlm_cli_output *p)
{
    if (o->exists && p->exists)
        return same(o->id, p->id);
    if (!o->exists && !p->exists && o->dir_known && p->dir_known)
        return same(o->dir, p->dir) && strcmp(o->base, p->base) == 0;
    return false;
}

static int refuse(const crlm_cli_tx *tx, const char *path, const char *why)
{
    crlm_cli_error("crlm %s: %s: %s", tx->command, path, why);
    return 2;
}

static int add_input(crlm_cli_tx *tx, const char *path)
{
    struct stat st;
    if ((strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &st) : stat(path, &st)) != 0)
        return 0; /* the reader reports a missing or unreadable input */
    if (!S_ISREG(st.st_mode))
        return 0; /* a pipe or device has no content to overwrite */
    crlm_cli_file_id id = id_of(&st);
    if (tx->stdout_is_file && same(id, tx->stdout_id))
        return refuse(tx, path, "is also the standard output; refusing to overwrite an input");
    if (tx->n_inputs == tx->cap_inputs) {
        size_t cap = tx->cap_inputs ? tx->cap_inputs * 2 : 8;
        crlm_cli_file_id *n = realloc(tx->inputs, cap * sizeof *n);
        if (!n) {
            crlm_cli_error("crlm %s: out of memory", tx->command);
            return 1;
        }
        tx->inputs = n;
        tx->cap_inputs = cap;
    }
    tx->inputs[tx->n_inputs++] = id;
    return 0;
}

static int add_output(crlm_cli_tx *tx, const char *path)
{
    if (tx->n_out == CRLM_CLI_MAX_OUTPUTS)
        return refuse(tx, path, "too many outputs");
    if (path[0] == '\0' || strcmp(path, "-") == 0)
        return refuse(tx, path[0] ? path : "''",
                      "expected the name of a file to write (standard output is the report)");
    crlm_cli_output *o = &tx->out[tx->n_out];
    memset(o, 0, sizeof *o);
    o->path = path;
    o->fd = -1;
    const char *slash = strrchr(path, '/');
    o->base = slash ? slash + 1 : path;
    mode_t mask = umask(0);
    umask(mask);
    o->mode = 0666 & ~mask;
    struct stat st;
    if (lstat(path, &st) == 0) {
        if (!S_ISREG(st.st_mode)) {
            char why[128];
            snprintf(why, sizeof why, "expected a regular file to write, found %s%s",
                     kind_of(st.st_mode),
                     S_ISLNK(st.st_mode) ? " (crlm does not write through links)" : "");
            return refuse(tx, path, why);
        }
        o->exists = true;
        o->id = id_of(&st);
        o->mode = st.st_mode & 0777;
    }
    char *dir = dir_of(path);
    if (!dir) {
        crlm_cli_error("crlm %s: out of memory", tx->command);
        return 1;
    }
    if (stat(dir, &st) == 0) {
        o->dir_known = true;
        o->dir = id_of(&st);
    }
    free(dir);
    if (o->exists) {
        for (size_t i = 0; i < tx->n_inputs; i++)
            if (same(o->id, tx->inputs[i]))
                return refuse(tx, path, "is one of the command's inputs; refusing to overwrite it");
        if (tx->stdout_is_file && same(o->id, tx->stdout_id))
            return refuse(tx, path, "is also the standard output");
    }
    for (size_t k = 0; k < tx->n_out; k++)
        if (same_output(o, &tx->out[k]))
            return refuse(tx, path, "named twice as an output");
    tx->n_out++;
    return 0;
}

/* Removes every temporary still on disk (and closes its descriptor). */
static void remove_temporaries(crlm_cli_tx *tx)
{
    for (size_t k = 0; k < tx->n_out; k++) {
        crlm_cli_output *o = &tx->out[k];
        if (o->fd >= 0) {
            close(o->fd);
            o->fd = -1;
        }
        if (o->tmp) {
            char *t = o->tmp;
            o->tmp = NULL; /* before unlink: the signal handler must not see a freed name */
            unlink(t);
            free(t);
        }
        o->staged = false;
    }
}

static int reserve(crlm_cli_tx *tx, crlm_cli_output *o)
{
    char *dir = dir_of(o->path);
    size_t n = dir ? strlen(dir) + sizeof "/.crlm-XXXXXX" : 0;
    char *tmp = dir ? malloc(n) : NULL;
    if (!tmp) {
        free(dir);
        crlm_cli_error("crlm %s: out of memory", tx->command);
        return 1;
    }
    snprintf(tmp, n, "%s/.crlm-XXXXXX", dir);
    free(dir);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        crlm_cli_error("crlm %s: %s: cannot write: %s", tx->command, o->path, strerror(errno));
        free(tmp);
        return 1;
    }
    o->tmp = tmp;
    o->fd = fd;
    if (fchmod(fd, o->mode) != 0) {
        crlm_cli_error("crlm %s: %s: cannot write: %s", tx->command, o->path, strerror(errno));
        return 1;
    }
    return 0;
}

int crlm_cli_tx_open(crlm_cli_tx *tx, const char *command, const char *const *inputs,
                     size_t n_inputs, const char *const *outputs, size_t n_outputs)
{
    memset(tx, 0, sizeof *tx);
    tx->command = command;
    struct stat st;
    if (fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode)) {
        tx->stdout_is_file = true;
        tx->stdout_id = id_of(&st);
    }
    int rc = 0;
    for (size_t i = 0; i < n_inputs && rc == 0; i++)
        if (inputs[i])
            rc = add_input(tx, inputs[i]);
    for (size_t i = 0; i < n_outputs && rc == 0; i++)
        if (outputs[i])
            rc = add_output(tx, outputs[i]);
    if (rc == 0 && tx->n_out > 0) {
        install_handlers(tx);
        for (size_t k = 0; k < tx->n_out && rc == 0; k++)
            rc = reserve(tx, &tx->out[k]);
    }
    if (rc != 0)
        remove_temporaries(tx);
    return rc;
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

bool crlm_cli_tx_stage(crlm_cli_tx *tx, size_t k, const crlm_buf *b)
{
    crlm_cli_output *o = k < tx->n_out ? &tx->out[k] : NULL;
    if (!o || o->fd < 0) {
        crlm_cli_error("crlm %s: internal error: output %zu was not reserved", tx->command, k);
        remove_temporaries(tx);
        return false;
    }
    if (b->failed) {
        crlm_cli_error("crlm %s: %s: out of memory while rendering it", tx->command, o->path);
        remove_temporaries(tx);
        return false;
    }
    bool ok = write_all(o->fd, b->data, b->len);
    /* fsync may be unsupported where nothing could be lost by skipping it (EINVAL). */
    if (ok && fsync(o->fd) != 0 && errno != EINVAL)
        ok = false;
    int err = errno;
    if (close(o->fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    o->fd = -1;
    if (!ok) {
        crlm_cli_error("crlm %s: %s: cannot write: %s", tx->command, o->path, strerror(err));
        remove_temporaries(tx);
        return false;
    }
    o->staged = true;
    return true;
}

/* Makes the renames durable: a crash after the commit keeps the new directory entries. */
static void sync_dir(const char *path)
{
    char *dir = dir_of(path);
    if (!dir)
        return;
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
}

bool crlm_cli_tx_commit(crlm_cli_tx *tx, const crlm_buf *out)
{
    for (size_t k = 0; k < tx->n_out; k++)
        if (!tx->out[k].staged) {
            crlm_cli_error("crlm %s: internal error: %s was not staged", tx->command,
                           tx->out[k].path);
            remove_temporaries(tx);
            return false;
        }
    if (out && !crlm_cli_write_stdout(out)) {
        remove_temporaries(tx);
        return false;
    }
    for (size_t k = 0; k < tx->n_out; k++) {
        crlm_cli_output *o = &tx->out[k];
        struct stat st;
        bool there = lstat(o->path, &st) == 0;
        const char *why = NULL;
        if (there && !S_ISREG(st.st_mode))
            why = "became something other than a regular file while crlm ran";
        else if (rename(o->tmp, o->path) != 0)
            why = strerror(errno);
        if (why) {
            crlm_cli_error("crlm %s: %s: cannot write: %s", tx->command, o->path, why);
            for (size_t j = 0; j < k; j++)
                if (tx->out[j].created)
                    unlink(tx->out[j].path);
            remove_temporaries(tx);
            return false;
        }
        o->created = !there;
        char *t = o->tmp;
        o->tmp = NULL;
        free(t);
        o->staged = false;
    }
    for (size_t k = 0; k < tx->n_out; k++)
        sync_dir(tx->out[k].path);
    return true;
}

void crlm_cli_tx_end(crlm_cli_tx *tx)
{
    remove_temporaries(tx);
    if (active == tx)
        restore_handlers();
    free(tx->inputs);
    tx->inputs = NULL;
    tx->n_inputs = tx->cap_inputs = 0;
    tx->n_out = 0;
}
