/* The shared JSON helpers of jsonw.h. */
#include "core/jsonw.h"

void crlm__json_key(crlm_buf *b, const char *key, bool *first)
{
    if (!*first)
        crlm_buf_putc(b, ',');
    *first = false;
    crlm_buf_json_string(b, key);
    crlm_buf_putc(b, ':');
}

void crlm__json_date(crlm_buf *b, crlm_date d)
{
    if (!CRLM_DATE_KNOWN(d)) {
        crlm_buf_puts(b, "null");
        return;
    }
    char t[11];
    crlm_date_format(d, t);
    crlm_buf_putc(b, '"');
    crlm_buf_append(b, t, 10);
    crlm_buf_putc(b, '"');
}

void crlm__json_tri(crlm_buf *b, crlm_tri t)
{
    crlm_buf_puts(b, t == CRLM_TRI_TRUE ? "true" : t == CRLM_TRI_FALSE ? "false" : "null");
}

void crlm__json_name(crlm_buf *b, const char *name)
{
    if (name)
        crlm_buf_json_string(b, name);
    else
        crlm_buf_puts(b, "null");
}
