/* Private helpers for the survival code (surv_internal.h): level interning, the radix sort,
 * time ordering, Harrell's concordance, shortest number formatting.
 *
 * Why a radix sort: a 10-million-row cohort is sorted once by time; a stable LSD radix sort
 * on 16-bit digits does it in at most four linear passes, and integer-day times (the common
 * case) leave most digits constant so those passes are skipped. Concordance uses a Fenwick
 * tree over the ranks of the risk score, O(n log n) instead of O(n^2) pairs.
 */
#include "survival/surv_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static bool intern_rehash(crlm__intern *t, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return false;
    for (size_t id = 0; id < t->count; id++) {
        size_t h = (size_t)hash_bytes(t->pool + t->off[id], t->len[id]) & (nslots - 1);
        while (slots[h])
            h = (h + 1) & (nslots - 1);
        slots[h] = (uint32_t)(id + 1);
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = nslots;
    return true;
}

long crlm__intern_add(crlm__intern *t, const char *s, size_t len)
{
    if (t->nslots == 0 && !intern_rehash(t, 64))
        return -1;
    size_t h = (size_t)hash_bytes(s, len) & (t->nslots - 1);
    while (t->slots[h]) {
        size_t id = t->slots[h] - 1;
        if (t->len[id] == len && memcmp(t->pool + t->off[id], s, len) == 0)
            return (long)id;
        h = (h + 1) & (t->nslots - 1);
    }
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        size_t *off = realloc(t->off, cap * sizeof *off);
        if (!off)
            return -1;
        t->off = off;
        size_t *ln = realloc(t->len, cap * sizeof *ln);
        if (!ln)
            return -1;
        t->len = ln;
        t->cap = cap;
    }
    if (t->pool_len + len + 1 > t->pool_cap) {
        size_t cap = t->pool_cap ? t->pool_cap * 2 : 256;
        while (cap < t->pool_len + len + 1)
            cap *= 2;
        char *pool = realloc(t->pool, cap);
        if (!pool)
            return -1;
        t->pool = pool;
        t->pool_cap = cap;
    }
    size_t id = t->count++;
    t->off[id] = t->pool_len;
    t->len[id] = len;
    memcpy(t->pool + t->pool_len, s, len);
    t->pool[t->pool_len + len] = '\0';
    t->pool_len += len + 1;
    t->slots[h] = (uint32_t)(id + 1);
    if (t->count * 2 > t->nslots && !intern_rehash(t, t->nslots * 2))
        return -1;
    return (long)id;
}

const char *crlm__intern_str(const crlm__intern *t, size_t id)
{
    return t->pool + t->off[id];
}

void crlm__intern_free(crlm__intern *t)
{
    free(t->pool);
    free(t->off);
    free(t->len);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

typedef struct level_key {
    const char *s;
    double v;
    size_t id;
} level_key;

static int cmp_level_num(const void *a, const void *b)
{
    const level_key *x = a, *y = b;
    return (x->v > y->v) - (x->v < y->v);
}

static int cmp_level_str(const void *a, const void *b)
{
    const level_key *x = a, *y = b;
    return strcmp(x->s, y->s);
}

bool crlm__intern_sorted_ranks(const crlm__intern *t, int *rank_of)
{
    if (t->count == 0)
        return true;
    level_key *k = malloc(t->count * sizeof *k);
    if (!k)
        return false;
    bool numeric = true;
    for (size_t i = 0; i < t->count; i++) {
        k[i].s = crlm__intern_str(t, i);
        k[i].id = i;
        if (!crlm_csv_parse_double(k[i].s, t->len[i], &k[i].v))
            numeric = false;
    }
    qsort(k, t->count, sizeof *k, numeric ? cmp_level_num : cmp_level_str);
    for (size_t i = 0; i < t->count; i++)
        rank_of[k[i].id] = (int)i;
    free(k);
    return true;
}

uint64_t crlm__double_key(double x)
{
    if (x == 0)
        x = 0.0; /* -0 sorts with +0 */
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return (u & 0x8000000000000000ULL) ? ~u : (u | 0x8000000000000000ULL);
}

bool crlm__radix_sort(uint64_t *keys, uint32_t *idx, size_t n)
{
    if (n < 2)
        return true;
    if (n < 64) { /* stable insertion sort */
        for (size_t i = 1; i < n; i++) {
            uint64_t k = keys[i];
            uint32_t v = idx[i];
            size_t j = i;
            while (j > 0 && keys[j - 1] > k) {
                keys[j] = keys[j - 1];
                idx[j] = idx[j - 1];
                j--;
            }
            keys[j] = k;
            idx[j] = v;
        }
        return true;
    }
    size_t *count = calloc((size_t)4 * 65536, sizeof *count);
    uint64_t *k2 = malloc(n * sizeof *k2);
    uint32_t *i2 = malloc(n * sizeof *i2);
    if (!count || !k2 || !i2) {
        free(count);
        free(k2);
        free(i2);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t k = keys[i];
        count[0 * 65536 + (k & 0xFFFF)]++;
        count[1 * 65536 + ((k >> 16) & 0xFFFF)]++;
        count[2 * 65536 + ((k >> 32) & 0xFFFF)]++;
        count[3 * 65536 + (k >> 48)]++;
    }
    uint64_t *src_k = keys, *dst_k = k2;
    uint32_t *src_i = idx, *dst_i = i2;
    for (unsigned pass = 0; pass < 4; pass++) {
        size_t *c = count + (size_t)pass * 65536;
        unsigned shift = pass * 16;
        if (c[(src_k[0] >> shift) & 0xFFFF] == n)
            continue; /* every key has this digit */
        size_t sum = 0;
        for (size_t b = 0; b < 65536; b++) {
            size_t t = c[b];
            c[b] = sum;
            sum += t;
        }
        for (size_t i = 0; i < n; i++) {
            size_t pos = c[(src_k[i] >> shift) & 0xFFFF]++;
            dst_k[pos] = src_k[i];
            dst_i[pos] = src_i[i];
        }
        uint64_t *tk = src_k;
        src_k = dst_k;
        dst_k = tk;
        uint32_t *ti = src_i;
        src_i = dst_i;
        dst_i = ti;
    }
    if (src_k != keys) {
        memcpy(keys, src_k, n * sizeof *keys);
        memcpy(idx, src_i, n * sizeof *idx);
    }
    free(count);
    free(k2);
    free(i2);
    return true;
}

bool crlm__order_by_time(const crlm_surv_data *d, bool by_strata, uint32_t **out)
{
    size_t n = d->n;
    *out = NULL;
    uint32_t *idx = malloc((n ? n : 1) * sizeof *idx);
    uint64_t *keys = malloc((n ? n : 1) * sizeof *keys);
    if (!idx || !keys) {
        free(idx);
        free(keys);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        idx[i] = (uint32_t)i;
        keys[i] = crlm__double_key(d->time[i]);
    }
    bool ok = crlm__radix_sort(keys, idx, n);
    free(keys);
    if (ok && by_strata && d->strata && d->nstrata > 1) {
        /* stable counting sort by stratum keeps time order inside each stratum */
        size_t *start = calloc(d->nstrata + 1, sizeof *start);
        uint32_t *tmp = malloc(n * sizeof *tmp);
        if (!start || !tmp) {
            ok = false;
        } else {
            for (size_t i = 0; i < n; i++)
                start[d->strata[i] + 1]++;
            for (size_t s = 0; s < d->nstrata; s++)
                start[s + 1] += start[s];
            for (size_t i = 0; i < n; i++)
                tmp[start[d->strata[idx[i]]]++] = idx[i];
            memcpy(idx, tmp, n * sizeof *idx);
        }
        free(start);
        free(tmp);
    }
    if (!ok) {
        free(idx);
        return false;
    }
    *out = idx;
    return true;
}

static void fen_add(int32_t *tree, size_t size, size_t pos, int32_t v)
{
    for (size_t i = pos + 1; i <= size; i += i & (~i + 1))
        tree[i - 1] += v;
}

static int64_t fen_prefix(const int32_t *tree, size_t pos) /* sum of [0, pos) */
{
    int64_t s = 0;
    for (size_t i = pos; i > 0; i -= i & (~i + 1))
        s += tree[i - 1];
    return s;
}

/* Pairs (i, j) are comparable when i is an event and j outlives it: a later time, or a
 * censoring at the same time. Each row gets a time key: 2 * (rank of its time) for an event,
 * plus 1 for a censoring, so j outlives event i exactly when key_j > key_i. Rows are then
 * visited by increasing risk score, in blocks of equal score; a Fenwick tree over the time keys
 * (a few thousand entries for day-resolution times: it stays in cache) counts, for each event,
 * the comparable rows with a smaller score (concordant) and with an equal score (tied); the
 * rest of its comparable rows are discordant. */
double crlm__concordance(const double *time, const unsigned char *status, const int *strata,
                         const double *lp, const uint32_t *ord, size_t n)
{
    if (n < 2)
        return NAN;
    uint32_t *tkey = malloc(n * sizeof *tkey);
    uint64_t *keys = malloc(n * sizeof *keys);
    uint32_t *idx = malloc(n * sizeof *idx);
    int32_t *tree = NULL;
    size_t *above = NULL; /* above[k] = rows of the stratum with key > k */
    double result = NAN, conc = 0, disc = 0, tied = 0;
    if (!tkey || !keys || !idx)
        goto done;
    size_t a = 0, maxkeys = 0;
    while (a < n) { /* time keys per stratum, from the time order */
        size_t b = a + 1;
        if (strata)
            while (b < n && strata[ord[b]] == strata[ord[a]])
                b++;
        else
            b = n;
        uint32_t rank = 0;
        for (size_t k = a; k < b; k++) {
            if (k > a && time[ord[k]] != time[ord[k - 1]])
                rank++;
            tkey[ord[k]] = 2 * rank + (status[ord[k]] ? 0u : 1u);
        }
        if (2 * (size_t)rank + 2 > maxkeys)
            maxkeys = 2 * (size_t)rank + 2;
        a = b;
    }
    tree = calloc(maxkeys, sizeof *tree);
    above = calloc(maxkeys + 1, sizeof *above);
    if (!tree || !above)
        goto done;
    a = 0;
    while (a < n) {
        size_t b = a + 1;
        if (strata)
            while (b < n && strata[ord[b]] == strata[ord[a]])
                b++;
        else
            b = n;
        size_t m = b - a;
        memset(above, 0, (maxkeys + 1) * sizeof *above);
        if (!strata) { /* sequential when there is one stratum */
            for (size_t i = 0; i < n; i++) {
                keys[i] = crlm__double_key(lp[i]);
                idx[i] = (uint32_t)i;
                above[tkey[i]]++;
            }
        } else {
            for (size_t k = a; k < b; k++) {
                keys[k - a] = crlm__double_key(lp[ord[k]]);
                idx[k - a] = ord[k];
                above[tkey[ord[k]]]++;
            }
        }
        size_t acc = 0; /* turn counts into "rows with key > k" */
        for (size_t k = maxkeys; k-- > 0;) {
            size_t c = above[k];
            above[k] = acc;
            acc += c;
        }
        if (!crlm__radix_sort(keys, idx, m))
            goto done;
        for (size_t k = 0; k < m; k++) /* time keys in score order; even key = event */
            idx[k] = tkey[idx[k]];
        size_t s = 0;
        int64_t added = 0;
        while (s < m) {
            size_t e = s + 1;
            while (e < m && keys[e] == keys[s])
                e++;
            for (size_t k = s; k < e; k++) /* smaller scores only */
                if (!(idx[k] & 1u))
                    conc += (double)(added - fen_prefix(tree, (size_t)idx[k] + 1));
            for (size_t k = s; k < e; k++)
                fen_add(tree, maxkeys, idx[k], 1);
            added += (int64_t)(e - s);
            for (size_t k = s; k < e; k++) /* smaller or equal scores */
                if (!(idx[k] & 1u)) {
                    double le = (double)(added - fen_prefix(tree, (size_t)idx[k] + 1));
                    tied += le;
                    disc += (double)above[idx[k]] - le;
                }
            s = e;
        }
        /* the tied count included the strictly smaller ones: remove them */
        for (size_t k = 0; k < m; k++)
            fen_add(tree, maxkeys, idx[k], -1);
        a = b;
    }
    tied -= conc;
    if (conc + disc + tied > 0)
        result = (conc + 0.5 * tied) / (conc + disc + tied);
done:
    free(tkey);
    free(keys);
    free(idx);
    free(tree);
    free(above);
    return result;
}

void crlm__fmt_double(double x, char *buf, size_t size)
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

char *crlm__strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}
