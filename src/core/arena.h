/* A bump allocator: a result (a case, a report) owns all of its memory in one arena and is
 * freed by one call, so no consumer ever has to know which pointer inside it to free.
 * Blocks grow geometrically; nothing is freed individually. Not thread-safe: one arena
 * belongs to one result, and results are never shared while being built. */
#ifndef CRLM_ARENA_H
#define CRLM_ARENA_H

#include <stddef.h>

typedef struct crlm__arena_block crlm__arena_block;
typedef struct crlm__arena {
    crlm__arena_block *head; /* owned: the chain of blocks */
    size_t next_size;
} crlm__arena;

/* Zeroed memory of `size` bytes aligned for any object, or NULL when out of memory (or when
 * size is absurd). Owned by the arena. */
void *crlm__arena_alloc(crlm__arena *a, size_t size);
/* A NUL-terminated copy of s[0..n), owned by the arena, or NULL. */
char *crlm__arena_strndup(crlm__arena *a, const char *s, size_t n);
/* Frees every block; the arena is empty and reusable. */
void crlm__arena_free(crlm__arena *a);

/* A bump allocator whose blocks survive crlm__scratch_reset, for a reader that builds millions
 * of short-lived results one after the other (the lesion-table reader judges a cohort patient
 * by patient): an arena per patient would cost a malloc/free pair and a fresh memset each.
 * Owned by its user; freed by crlm__scratch_free. */
typedef struct crlm__scratch_block crlm__scratch_block;
typedef struct crlm__scratch {
    crlm__scratch_block *head; /* owned chain */
    crlm__scratch_block *cur;  /* the block being filled */
} crlm__scratch;

void *crlm__scratch_alloc(crlm__scratch *s, size_t size); /* zeroed, or NULL */
void crlm__scratch_reset(crlm__scratch *s);
void crlm__scratch_free(crlm__scratch *s);

/* Where a result's memory comes from: its own arena or a reused scratch allocator. */
typedef struct crlm__rmem {
    crlm__arena *arena;     /* exactly one of the two is set */
    crlm__scratch *scratch;
} crlm__rmem;

void *crlm__rmem_alloc(crlm__rmem *m, size_t size);

#endif
