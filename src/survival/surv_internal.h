/* Private helpers shared by the survival sources: string interning for factor levels and the
 * radix sort that orders millions of times in a few linear passes. Not part of the API. */
#ifndef CRLM_SURV_INTERNAL_H
#define CRLM_SURV_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crlm/survival.h"

/* An insert-only set of byte strings with dense ids 0..count-1 in order of first sight. */
typedef struct crlm__intern {
    char *pool; /* the strings, each NUL-terminated */
    size_t pool_len, pool_cap;
    size_t *off; /* [count] offset of string id in pool */
    size_t *len;
    size_t count, cap;
    uint32_t *slots; /* open addressing, id + 1, 0 = empty */
    size_t nslots;
} crlm__intern;

/* Returns the id of s, adding it when new; -1 when out of memory. */
long crlm__intern_add(crlm__intern *t, const char *s, size_t len);
const char *crlm__intern_str(const crlm__intern *t, size_t id);
void crlm__intern_free(crlm__intern *t);
/* The order in which the levels must be listed: numerically when every level is a number,
 * else by bytes (R's C-locale sort). rank_of[id] = position. Returns false on no memory. */
bool crlm__intern_sorted_ranks(const crlm__intern *t, int *rank_of);

/* Sorts idx[0..n) by key ascending, stable (LSD radix on 16-bit digits, skipping digits that
 * are equal in every key). keys are reordered along. Returns false on no memory. */
bool crlm__radix_sort(uint64_t *keys, uint32_t *idx, size_t n);
/* Maps a double to an unsigned key with the same order (-0 == +0; no NaN expected). */
uint64_t crlm__double_key(double x);

/* Rows ordered by time (stable), then stably by stratum when strata are given, so every
 * stratum is a contiguous run in time order. *out owns n entries (free()). */
bool crlm__order_by_time(const crlm_surv_data *d, bool by_strata, uint32_t **out);

/* Harrell's concordance of risk score lp with survival (R's coxph concordance): over pairs
 * within a stratum where the shorter time is an event, (concordant + tied/2) / comparable. */
double crlm__concordance(const double *time, const unsigned char *status, const int *strata,
                         const double *lp, const uint32_t *ord, size_t n);

/* strdup, which C17 lacks; NULL when out of memory. */
char *crlm__strdup(const char *s);

/* Shortest decimal for x that reads back to x (at most 17 digits). */
void crlm__fmt_double(double x, char *buf, size_t size);

#endif
