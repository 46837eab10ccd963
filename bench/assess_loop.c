/* Benchmark: the in-process cost of one assessment (read and validate the case, every module,
 * the JSON report) for each case file given, averaged over many repetitions.
 * Usage: assess_loop REPS CASE.json... */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "crlm/case_read.h"
#include "crlm/crlm.h"
#include "crlm/profile_read.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    long reps = atol(argv[1]);
    crlm_profile *p = crlm_profile_default_new();
    for (int a = 2; a < argc; a++) {
        FILE *f = fopen(argv[a], "rb");
        if (!f)
            return 1;
        static char text[1 << 20];
        size_t len = fread(text, 1, sizeof text, f);
        fclose(f);
        crlm_buf out = {0};
        double t0 = now_s();
        for (long i = 0; i < reps; i++) {
            crlm_case *c = NULL;
            if (crlm_case_read(text, len, p, &c, NULL) != CRLM_OK)
                return 1;
            crlm_report *r = NULL;
            crlm_assess(c, p, &r);
            crlm_buf_reset(&out);
            crlm_report_write_json(r, &out);
            crlm_report_free(r);
            crlm_case_free(c);
        }
        double us = (now_s() - t0) / (double)reps * 1e6;
        printf("%-45s %8.1f us per case (%zu bytes of report)\n", argv[a], us, out.len);
        crlm_buf_free(&out);
    }
    crlm_profile_free(p);
    return 0;
}
