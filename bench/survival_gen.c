/* Benchmark data for bench/survival: N rows of a synthetic cohort, the same file for crlm and R.
 *
 * Columns: time (integer days 1..3650, so many ties, as real follow-up in days has),
 * status (1 event, 0 censored), group (A/B/C), x1 (normal-ish, 2 decimals), x2 (age, integer),
 * x3 (0/1), x4 (lab value, 1 decimal). Event times are exponential with a hazard that depends
 * on the group and the covariates (so the Cox model has real effects to find), censored by a
 * uniform administrative censoring time. Deterministic for a given seed (xorshift64*).
 * Usage: survival_gen N [SEED] > file.csv
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state = 88172645463325252ULL;

static double unif(void)
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return ((double)((state * 2685821657736338717ULL) >> 11) + 0.5) / 9007199254740992.0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: survival_gen N [SEED]\n");
        return 2;
    }
    long n = atol(argv[1]);
    if (argc > 2)
        state ^= (uint64_t)atoll(argv[2]) * 0x9E3779B97F4A7C15ULL;
    static char buf[1 << 16];
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    printf("time,status,group,x1,x2,x3,x4\n");
    for (long i = 0; i < n; i++) {
        int g = (int)(unif() * 3);
        double x1 = (unif() + unif() + unif() - 1.5) * 2.0;
        int x2 = 30 + (int)(unif() * 61);
        int x3 = unif() < 0.4;
        double x4 = 3.0 + unif() * 2.0;
        double lp = 0.3 * x1 + 0.02 * (x2 - 60) + 0.4 * x3 - 0.2 * (x4 - 4) + 0.25 * g;
        double rate = exp(lp) / 1500.0;
        double t_event = -log(unif()) / rate;
        double t_cens = 1 + unif() * 3649;
        int status = t_event <= t_cens;
        double t = status ? t_event : t_cens;
        long days = (long)ceil(t);
        if (days > 3650)
            days = 3650;
        printf("%ld,%d,%c,%.2f,%d,%d,%.1f\n", days, status, "ABC"[g], x1, x2, x3, x4);
    }
    return 0;
}
