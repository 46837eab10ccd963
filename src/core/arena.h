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

#endif
