/* The status table's names and messages, and the bounded error list. */
#include "crlm/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *crlm_status_name(crlm_status s)
{
    switch (s) {
#define CRLM__NAME(name, num, msg) case CRLM_##name: return #name;
        CRLM_STATUS_TABLE(CRLM__NAME)
#undef CRLM__NAME
    }
    return "E_UNKNOWN";
}

const char *crlm_status_message(crlm_status s)
{
    switch (s) {
#define CRLM__MSG(name, num, msg) case CRLM_##name: return msg;
        CRLM_STATUS_TABLE(CRLM__MSG)
#undef CRLM__MSG
    }
    return "unknown status";
}

/* Copies src into a fixed field, marking truncation with "..." so a cut value is never
 * mistaken for the whole value. */
static void copy_field(char *dst, size_t size, const char *src)
{
    if (!src) {
        dst[0] = '\0';
        return;
    }
    size_t n = strlen(src);
    if (n < size) {
        memcpy(dst, src, n + 1);
        return;
    }
    memcpy(dst, src, size - 4);
    memcpy(dst + size - 4, "...", 4);
}

crlm_status crlm_errors_add(crlm_errors *list, crlm_status code, const char *pointer,
                            long line, long column, const char *expected, const char *found)
{
    if (!list)
        return CRLM_OK;
    if (list->count >= CRLM_ERRORS_MAX) {
        list->dropped++;
        return CRLM_OK;
    }
    if (list->count == list->capacity) {
        size_t cap = list->capacity ? list->capacity * 2 : 8;
        crlm_error *items = realloc(list->items, cap * sizeof *items);
        if (!items)
            return CRLM_E_NOMEM;
        list->items = items;
        list->capacity = cap;
    }
    crlm_error *e = &list->items[list->count++];
    e->code = code;
    copy_field(e->pointer, sizeof e->pointer, pointer);
    e->line = line;
    e->column = column;
    copy_field(e->expected, sizeof e->expected, expected);
    copy_field(e->found, sizeof e->found, found);
    return CRLM_OK;
}

void crlm_errors_clear(crlm_errors *list)
{
    if (list) {
        list->count = 0;
        list->dropped = 0;
    }
}

void crlm_errors_free(crlm_errors *list)
{
    if (!list)
        return;
    free(list->items);
    list->items = NULL;
    list->count = list->capacity = list->dropped = 0;
}

int crlm_error_format(const crlm_error *e, char *buf, size_t size)
{
    if (e->line > 0 && e->column > 0)
        return snprintf(buf, size, "line %ld, column %ld: expected %s, found %s", e->line,
                        e->column, e->expected, e->found);
    if (e->line > 0)
        return snprintf(buf, size, "line %ld: expected %s, found %s", e->line, e->expected,
                        e->found);
    if (e->pointer[0])
        return snprintf(buf, size, "%s: expected %s, found %s", e->pointer, e->expected,
                        e->found);
    return snprintf(buf, size, "expected %s, found %s", e->expected, e->found);
}
