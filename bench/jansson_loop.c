/* The floor for `crlm batch`: a bare jansson loop over the same JSON Lines that parses each
 * line and serialises it again, written to stdout. Nothing of crlm is in it. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    static char line[1 << 20];
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    while (fgets(line, sizeof line, stdin)) {
        json_error_t err;
        json_t *v = json_loadb(line, strlen(line), JSON_REJECT_DUPLICATES, &err);
        if (!v)
            continue;
        char *out = json_dumps(v, JSON_COMPACT);
        if (out) {
            fputs(out, stdout);
            fputc('\n', stdout);
            free(out);
        }
        json_decref(v);
    }
    return 0;
}
