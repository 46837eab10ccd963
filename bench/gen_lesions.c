/* Generates a synthetic lesion table for bench/response: PATIENTS patients of exactly 10 rows
 * (2 liver targets and 1 non-target at a baseline and two follow-ups, plus one new-lesion row
 * at the last follow-up), with diameters drawn so every RECIST category occurs. Deterministic
 * (a fixed 64-bit LCG), so runs are comparable. Not part of the library. */
#include <stdio.h>
#include <stdlib.h>

static unsigned long long state = 0x9E3779B97F4A7C15ULL;
static unsigned rnd(unsigned n)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((state >> 33) % n);
}

int main(int argc, char **argv)
{
    long patients = argc > 1 ? atol(argv[1]) : 1000;
    static char buf[1 << 16];
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
    puts("patient_id,date,lesion_id,organ,role,nodal,diameter_mm,status,baseline");
    static const char *const dates[3] = {"2024-01-08", "2024-03-04", "2024-04-29"};
    static const char *const nt[3] = {"present", "absent", "present"};
    for (long p = 0; p < patients; p++) {
        unsigned a = 15 + rnd(60), b = 10 + rnd(40);
        for (int s = 0; s < 3; s++) {
            printf("PT%07ld,%s,L1,liver,target,,%u.%u,,%s\n", p, dates[s], a, rnd(10), s ? "" : "true");
            printf("PT%07ld,%s,L2,lung,target,,%u,,\n", p, dates[s], b);
            printf("PT%07ld,%s,N1,lymph_node,non_target,true,,%s,\n", p, dates[s], s ? nt[rnd(3)] : "present");
            a = a * (60 + rnd(70)) / 100;
            b = b * (60 + rnd(70)) / 100;
        }
        printf("PT%07ld,%s,X1,liver,new,,,%s,\n", p, dates[2], rnd(4) ? "equivocal" : "unequivocal");
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
