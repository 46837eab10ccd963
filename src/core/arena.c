/* Bump allocator behind every result object (see arena.h). A typical case of 3 KB of JSON
 * needs under 4 KB here, so the first block is sized to hold it in one allocation. */
#include "core/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct crlm__arena_block {
    crlm__arena_block *next;
    size_t size;
    size_t used;
    alignas(max_align_t) unsigned char data[];
};

enum { FIRST_BLOCK = 4096, MAX_ALLOC = 64u << 20 };

void *crlm__arena_alloc(crlm__arena *a, size_t size)
{
    if (size > MAX_ALLOC)
        return NULL;
    size_t rounded = (size + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
    crlm__arena_block *b = a->head;
    if (!b || b->size - b->used < rounded) {
        size_t want = a->next_size ? a->next_size : FIRST_BLOCK;
        while (want < rounded)
            want *= 2;
        b = malloc(sizeof *b + want);
        if (!b)
            return NULL;
        b->next = a->head;
        b->size = want;
        b->used = 0;
        a->head = b;
        a->next_size = want < (1u << 20) ? want * 2 : want;
    }
    void *p = b->data + b->used;
    b->used += rounded;
    memset(p, 0, size);
    return p;
}

char *crlm__arena_strndup(crlm__arena *a, const char *s, size_t n)
{
    char *p = crlm__arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

void crlm__arena_free(crlm__arena *a)
{
    crlm__arena_block *b = a->head;
    while (b) {
        crlm__arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->next_size = 0;
}
