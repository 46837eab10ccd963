/* Generates N realistic crlm-case/1 documents, one per line (about 3 KB each), for the batch
 * benchmark. Deterministic (a fixed-seed LCG) so every run measures the same input.
 * Usage: gen_cases N > cases.jsonl */
#include <stdio.h>
#include <stdlib.h>

static unsigned long long state = 88172645463325252ull;
static unsigned rnd(unsigned n)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (unsigned)(state % n);
}

static void date(char *out, int y, int m, int d) { sprintf(out, "%04d-%02d-%02d", y, m, d); }

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000;
    static const char *sites[] = {"cecum", "ascending", "transverse", "descending", "sigmoid", "rectum"};
    static const char *nst[] = {"n0", "n1", "n1a", "n2", "n2b"};
    static const char *mut[] = {"wild_type", "mutant"};
    static const char *segs[] = {"ii", "iii", "iva", "v", "vi", "vii", "viii"};
    for (long i = 0; i < n; i++) {
        int y = 2019 + (int)rnd(4);
        char dx[11], res[11], det[11], ass[11];
        date(dx, y, 1 + (int)rnd(3), 1 + (int)rnd(28));
        date(res, y, 4 + (int)rnd(2), 1 + (int)rnd(28));
        date(det, y + 1, 1 + (int)rnd(3), 1 + (int)rnd(28));
        date(ass, y + 1, 11, 15);
        printf("{\"format\":\"crlm-case/1\",\"id\":\"BENCH-%08ld\",\"assessed_on\":\"%s\","
               "\"patient\":{\"sex\":\"%s\",\"age_years\":%u,\"height_cm\":%u,\"weight_kg\":%u,\"ecog\":%u,\"liver_condition\":\"normal\"},"
               "\"primary\":{\"site\":\"%s\",\"diagnosed_on\":\"%s\",\"resected_on\":\"%s\",\"symptomatic\":false,\"t_stage\":\"t3\",\"n_stage\":\"%s\"},"
               "\"molecular\":{\"kras\":\"%s\",\"nras\":\"wild_type\",\"braf_v600e\":\"wild_type\",\"msi\":\"mss\"},"
               "\"liver_metastases\":{\"detected_on\":\"%s\",\"bilobar\":%s},\"extrahepatic\":[],",
               i, ass, rnd(2) ? "female" : "male", 40 + rnd(45), 150 + rnd(45), 50 + rnd(50), rnd(3),
               sites[rnd(6)], dx, res, nst[rnd(5)], mut[rnd(2)], det, rnd(2) ? "true" : "false");
        printf("\"cea\":[");
        for (int k = 0; k < 6; k++)
            printf("%s{\"date\":\"%04d-%02d-%02d\",\"value_ng_ml\":%u.%u}", k ? "," : "", y + 1,
                   1 + k, 10, 1 + rnd(300), rnd(10));
        printf("],\"imaging\":[");
        int nles = 2 + (int)rnd(3);
        for (int s = 0; s < 4; s++) {
            printf("%s{\"date\":\"%04d-%02d-12\",\"modality\":\"ct\",\"slice_mm\":2.5,\"morphology\":\"group_%d\",\"lesions\":[",
                   s ? "," : "", y + 1, 1 + 3 * s, 1 + (int)rnd(3));
            for (int l = 0; l < nles; l++)
                printf("%s{\"id\":\"L%d\",\"organ\":\"liver\",\"segment\":\"%s\",\"role\":\"target\",\"diameter_mm\":%u.%u}",
                       l ? "," : "", l + 1, segs[l % 7], 10 + rnd(60), rnd(10));
            printf(",{\"id\":\"N1\",\"organ\":\"liver\",\"role\":\"non_target\",\"status\":\"present\",\"count\":%u}]}",
                   1 + rnd(3));
        }
        printf("],\"chemotherapy\":[{\"line\":1,\"intent\":\"perioperative\",\"regimen\":\"folfox\","
               "\"agents\":[\"oxaliplatin\",\"fluorouracil\",\"leucovorin\",\"bevacizumab\"],"
               "\"started_on\":\"%04d-01-20\",\"ended_on\":\"%04d-06-01\",\"cycles\":%u,\"last_bevacizumab_on\":\"%04d-05-20\"},"
               "{\"line\":2,\"intent\":\"conversion\",\"regimen\":\"folfiri\",\"agents\":[\"irinotecan\",\"fluorouracil\",\"leucovorin\"],"
               "\"started_on\":\"%04d-06-20\",\"ended_on\":\"%04d-09-01\",\"cycles\":%u}],",
               y + 1, y + 1, 4 + rnd(8), y + 1, y + 1, y + 1, 2 + rnd(6));
        printf("\"volumetry\":[{\"date\":\"%04d-10-01\",\"total_liver_ml\":%u,\"tumor_ml\":%u,\"flr_ml\":%u,\"after_pve\":false}],"
               "\"plan\":{\"procedure\":\"major_hepatectomy\",\"planned_on\":\"%04d-12-01\",\"expected_margin\":\"r0\","
               "\"remnant_contiguous_segments\":3,\"inflow_outflow_preserved\":true,\"biliary_drainage_preserved\":true}}\n",
               y + 1, 1300 + rnd(500), 20 + rnd(80), 300 + rnd(500), y + 1);
    }
    return 0;
}
