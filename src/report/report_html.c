/* Placeholder for the printable HTML report: a minimal valid page until the full renderer
 * lands. */
#include "report/report_internal.h"

void crlm_report_write_html(const crlm_report *r, crlm_buf *b)
{
    crlm_buf_puts(b, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>crlm</title>"
                     "</head><body><pre>");
    crlm_buf txt = {0};
    crlm_report_write_text(r, &txt);
    if (txt.data)
        crlm_buf_xml_escape(b, txt.data);
    crlm_buf_free(&txt);
    crlm_buf_puts(b, "</pre></body></html>\n");
}
