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

/* ---- scratch allocator: blocks that survive a reset ------------------------------------- */

struct crlm__scratch_block {
    crlm__scratch_block *next;
    size_t size, used;
    alignas(max_align_t) unsigned char data[];
};

void *crlm__scratch_alloc(crlm__scratch *s, size_t size)
{
    if (size > ((size_t)64 << 20))
        return NULL;
    size_t rounded = (size + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
    crlm__scratch_block *b = s->cur;
    while (b && b->size - b->used < rounded)
        b = b->next; /* later blocks are empty after a reset */
    if (!b) {
        size_t want = 16384;
        while (want < rounded)
            want *= 2;
        b = malloc(sizeof *b + want);
        if (!b)
            return NULL;
        b->size = want;
        b->used = 0;
        b->next = NULL;
        if (s->cur) { /* append after cur, keeping any blocks that follow it */
            b->next = s->cur->next;
            s->cur->next = b;
        } else {
            b->next = s->head;
            s->head = b;
        }
    }
    s->cur = b;
    void *p = b->data + b->used;
    b->used += rounded;
    memset(p, 0, size);
    return p;
}

void crlm__scratch_reset(crlm__scratch *s)
{
    for (crlm__scratch_block *b = s->head; b; b = b->next)
        b->used = 0;
    s->cur = s->head;
}

void crlm__scratch_free(crlm__scratch *s)
{
    crlm__scratch_block *b = s->head;
    while (b) {
        crlm__scratch_block *next = b->next;
        free(b);
        b = next;
    }
    s->head = s->cur = NULL;
}

void *crlm__rmem_alloc(crlm__rmem *m, size_t size)
{
    return m->arena ? crlm__arena_alloc(m->arena, size) : crlm__scratch_alloc(m->scratch, size);
}
